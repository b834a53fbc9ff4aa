/// A horizontal bar chart with a label and an annotation per bar: funnel steps with their
/// conversion rates, RFM segment sizes, a rep leaderboard (negative values extend left of zero).
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// Text shown right of the bar (e.g. "42.1% of previous"); `nil` shows the value.
        public var annotation: String?
        public init(label: String, value: Double, annotation: String? = nil) {
            self.label = label; self.value = value; self.annotation = annotation
        }
    }

    public var title: String
    public var bars: [Bar]
    /// Formats values for the axis and default annotations.
    public var valueLabel: @Sendable (Double) -> String

    /// Creates a chart; bars are drawn top to bottom in the given order.
    public init(title: String, bars: [Bar], valueLabel: @escaping @Sendable (Double) -> String = { AxisScale.label($0) }) {
        self.title = title; self.bars = bars; self.valueLabel = valueLabel
    }

    /// The standalone SVG document (height grows with the number of bars; the width grows past
    /// `width` when labels and annotations would leave the bars less than 40 % of it, so no text
    /// is ever cut off).
    /// - Parameter width: The preferred width in pixels (default 720).
    /// - Returns: The SVG document.
    /// - Complexity: O(bars).
    public func svg(width preferredWidth: Double = 720) -> String {
        let barHeight = 22.0, gap = 8.0, top = 40.0, bottom = 32.0
        let labelWidth = min(220, max(60, Double(bars.map { TextTable.displayWidth($0.label) }.max() ?? 4) * 7 + 12))
        let longestAnnotation = bars.map { TextTable.displayWidth($0.annotation ?? valueLabel($0.value)) }.max() ?? 0
        let annotationWidth = max(60, Double(longestAnnotation) * 6 + 16)
        let titleWidth = Double(TextTable.displayWidth(title)) * 8 + 16
        let width = max(preferredWidth, titleWidth, (labelWidth + annotationWidth) / 0.6)
        let height = top + Double(bars.count) * (barHeight + gap) + bottom
        let values = bars.map(\.value).filter(\.isFinite)
        let scale = AxisScale(minimum: min(0, values.min() ?? 0), maximum: max(0, values.max() ?? 1),
                              pixelStart: labelWidth, pixelEnd: width - annotationWidth, tickCount: 5, includeZero: true)
        var svg = SVGWriter(width: width, height: height)
        svg.text(title, x: 8, y: 22, size: 14, color: ChartPalette.text, bold: true)
        for tick in scale.ticks {
            let x = scale.position(tick)
            svg.line(x1: x, y1: top - 4, x2: x, y2: height - bottom, stroke: ChartPalette.grid)
            svg.text(valueLabel(tick), x: x, y: height - bottom + 14, size: 10, anchor: "middle", color: ChartPalette.axis)
        }
        let zero = scale.position(0)
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * (barHeight + gap)
            let value = bar.value.isFinite ? bar.value : 0
            let end = scale.position(value)
            svg.text(bar.label, x: labelWidth - 8, y: y + barHeight * 0.7, size: 11, anchor: "end", color: ChartPalette.text)
            svg.rect(x: min(zero, end), y: y, width: abs(end - zero), height: barHeight,
                     fill: value < 0 ? ChartPalette.color(1) : ChartPalette.color(0),
                     title: "\(bar.label): \(valueLabel(bar.value))")
            svg.text(bar.annotation ?? valueLabel(bar.value), x: max(zero, end) + 6, y: y + barHeight * 0.7, size: 10,
                     color: ChartPalette.axis)
        }
        svg.line(x1: zero, y1: top - 4, x2: zero, y2: height - bottom, stroke: ChartPalette.axis)
        return svg.render(title: title)
    }
}
