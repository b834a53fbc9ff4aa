/// A line chart with optional shaded interval bands: revenue history + forecast with 80%/95%
/// bands, ROC curves (with the chance diagonal), calibration plots.
///
/// The x axis is numeric; give `xTickLabels` to label positions 0, 1, 2, … with period names instead.
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var dashed: Bool
        public var showPoints: Bool
        /// - Parameters: `x` and `y` of equal length (extra elements of the longer one are ignored);
        ///   non-finite points are skipped.
        public init(name: String, x: [Double], y: [Double], dashed: Bool = false, showPoints: Bool = false) {
            self.name = name; self.x = x; self.y = y; self.dashed = dashed; self.showPoints = showPoints
        }
    }

    /// A shaded band between `lower` and `upper` over `x` (a prediction interval).
    public struct Band: Sendable {
        public var name: String
        public var x: [Double], lower: [Double], upper: [Double]
        public var opacity: Double
        public init(name: String, x: [Double], lower: [Double], upper: [Double], opacity: Double = 0.18) {
            self.name = name; self.x = x; self.lower = lower; self.upper = upper; self.opacity = opacity
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var bands: [Band]
    /// Labels for integer x positions (e.g. `["2024-01", "2024-02", …]`); `nil` for numeric ticks.
    public var xTickLabels: [String]?
    /// Fixed axis ranges (e.g. `0...1` for ROC); `nil` to fit the data.
    public var xDomain: ClosedRange<Double>?, yDomain: ClosedRange<Double>?
    /// Draw the y = x diagonal (ROC chance line, perfect calibration).
    public var showDiagonal: Bool

    /// Creates a chart; see the properties for the meaning of each argument.
    public init(title: String, xLabel: String = "", yLabel: String = "", series: [Series], bands: [Band] = [],
                xTickLabels: [String]? = nil, xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
                showDiagonal: Bool = false) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series; self.bands = bands
        self.xTickLabels = xTickLabels; self.xDomain = xDomain; self.yDomain = yDomain; self.showDiagonal = showDiagonal
    }

    /// The standalone SVG document.
    /// - Complexity: O(total points).
    public func svg(width: Double = 720, height: Double = 360) -> String {
        let left = 64.0, right = 16.0, top = 36.0, bottom = 56.0
        var xs: [Double] = [], ys: [Double] = []
        for s in series { for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite { xs.append(x); ys.append(y) } }
        for b in bands {
            for i in 0..<min(b.x.count, b.lower.count, b.upper.count) where b.x[i].isFinite {
                xs.append(b.x[i])
                if b.lower[i].isFinite { ys.append(b.lower[i]) }
                if b.upper[i].isFinite { ys.append(b.upper[i]) }
            }
        }
        let xScale: AxisScale
        if let labels = xTickLabels, !labels.isEmpty, xDomain == nil {
            // Positions 0…count-1 fill the plot exactly; nice-tick rounding would leave an empty tail.
            xScale = AxisScale(exactLower: 0, upper: Double(max(labels.count - 1, 1)), pixelStart: left + 8, pixelEnd: width - right - 8)
        } else {
            xScale = AxisScale(minimum: xDomain?.lowerBound ?? xs.min() ?? 0, maximum: xDomain?.upperBound ?? xs.max() ?? 1,
                               pixelStart: left, pixelEnd: width - right, tickCount: 6)
        }
        let yScale = AxisScale(minimum: yDomain?.lowerBound ?? ys.min() ?? 0, maximum: yDomain?.upperBound ?? ys.max() ?? 1,
                               pixelStart: height - bottom, pixelEnd: top, tickCount: 5)
        var svg = SVGWriter(width: width, height: height)
        svg.text(title, x: left, y: 20, size: 14, color: ChartPalette.text, bold: true)
        for tick in yScale.ticks {
            let y = yScale.position(tick)
            svg.line(x1: left, y1: y, x2: width - right, y2: y, stroke: ChartPalette.grid)
            svg.text(AxisScale.label(tick), x: left - 6, y: y + 4, size: 10, anchor: "end", color: ChartPalette.axis)
        }
        if let labels = xTickLabels, !labels.isEmpty {
            let every = max(1, labels.count / 10)
            for (i, label) in labels.enumerated() where i % every == 0 {
                let x = xScale.position(Double(i))
                svg.line(x1: x, y1: height - bottom, x2: x, y2: height - bottom + 4, stroke: ChartPalette.axis)
                svg.text(label, x: x, y: height - bottom + 16, size: 10, anchor: "middle", color: ChartPalette.axis)
            }
        } else {
            for tick in xScale.ticks {
                let x = xScale.position(tick)
                svg.line(x1: x, y1: height - bottom, x2: x, y2: height - bottom + 4, stroke: ChartPalette.axis)
                svg.text(AxisScale.label(tick), x: x, y: height - bottom + 16, size: 10, anchor: "middle", color: ChartPalette.axis)
            }
        }
        svg.line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: ChartPalette.axis)
        svg.line(x1: left, y1: top, x2: left, y2: height - bottom, stroke: ChartPalette.axis)
        if !xLabel.isEmpty { svg.text(xLabel, x: (left + width - right) / 2, y: height - 12, size: 11, anchor: "middle") }
        if !yLabel.isEmpty { svg.text(yLabel, x: 14, y: (top + height - bottom) / 2, size: 11, anchor: "middle", rotate: -90) }
        for (k, band) in bands.enumerated() {
            let n = min(band.x.count, band.lower.count, band.upper.count)
            let valid = (0..<n).filter { band.x[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite }
            let upperEdge = valid.map { (xScale.position(band.x[$0]), yScale.position(band.upper[$0])) }
            let lowerEdge = valid.reversed().map { (xScale.position(band.x[$0]), yScale.position(band.lower[$0])) }
            svg.polygon(upperEdge + lowerEdge, fill: ChartPalette.color(1 + k / 2), opacity: band.opacity)
        }
        if showDiagonal {
            let lo = max(xScale.lower, yScale.lower), hi = min(xScale.upper, yScale.upper)
            svg.line(x1: xScale.position(lo), y1: yScale.position(lo), x2: xScale.position(hi), y2: yScale.position(hi),
                     stroke: ChartPalette.axis, dashed: true)
        }
        for (k, s) in series.enumerated() {
            let points = zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }
                .map { (xScale.position($0.0), yScale.position($0.1)) }
            svg.polyline(points, stroke: ChartPalette.color(k), dashed: s.dashed)
            // A line needs two points: a lone point (one period of data) gets a marker so it shows.
            if s.showPoints || points.count == 1 { for p in points { svg.circle(cx: p.0, cy: p.1, r: 3, fill: ChartPalette.color(k)) } }
        }
        // Legend, top right.
        var legendX = width - right
        for (k, s) in series.enumerated().reversed() {
            legendX -= Double(s.name.count) * 6.5 + 28
            svg.line(x1: legendX, y1: 16, x2: legendX + 16, y2: 16, stroke: ChartPalette.color(k), width: 2, dashed: s.dashed)
            svg.text(s.name, x: legendX + 20, y: 20, size: 10, color: ChartPalette.axis)
        }
        return svg.render(title: title)
    }
}
