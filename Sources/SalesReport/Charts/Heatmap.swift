/// A matrix of coloured cells with row and column labels and a value in each cell: the cohort
/// retention heatmap (cohorts × periods since first order). Missing cells (`nil`) stay blank.
public struct Heatmap: Sendable {
    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; rows may be shorter than `columnLabels` (a triangle).
    public var values: [[Double?]]
    /// The values mapped to the lightest and darkest colours.
    public var colorRange: ClosedRange<Double>
    /// Formats a cell's text.
    public var cellLabel: @Sendable (Double) -> String

    /// Creates a heatmap; see the properties.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double?]],
                colorRange: ClosedRange<Double> = 0...1,
                cellLabel: @escaping @Sendable (Double) -> String = { Formatting.percent($0, decimals: 0) }) {
        self.title = title; self.rowLabels = rowLabels; self.columnLabels = columnLabels; self.values = values
        self.colorRange = colorRange; self.cellLabel = cellLabel
    }

    /// The standalone SVG document; cell size adapts to the number of columns.
    /// - Complexity: O(rows × columns).
    public func svg(width: Double = 900) -> String {
        let left = 80.0, top = 56.0
        let cellWidth = max(18, min(56, (width - left - 8) / Double(max(1, columnLabels.count))))
        let cellHeight = 20.0
        let height = top + Double(rowLabels.count) * cellHeight + 16
        let span = colorRange.upperBound - colorRange.lowerBound
        var svg = SVGWriter(width: left + cellWidth * Double(columnLabels.count) + 8, height: height)
        svg.text(title, x: 8, y: 22, size: 14, color: ChartPalette.text, bold: true)
        for (j, label) in columnLabels.enumerated() {
            svg.text(label, x: left + (Double(j) + 0.5) * cellWidth, y: top - 8, size: 10, anchor: "middle", color: ChartPalette.axis)
        }
        for (i, label) in rowLabels.enumerated() {
            let y = top + Double(i) * cellHeight
            svg.text(label, x: left - 6, y: y + cellHeight * 0.7, size: 10, anchor: "end", color: ChartPalette.axis)
            guard i < values.count else { continue }
            for (j, cell) in values[i].enumerated() where j < columnLabels.count {
                guard let value = cell, value.isFinite else { continue }
                let t = span > 0 ? (value - colorRange.lowerBound) / span : 0
                svg.rect(x: left + Double(j) * cellWidth, y: y, width: cellWidth - 1, height: cellHeight - 1,
                         fill: ChartPalette.sequential(t), title: "\(label) · \(columnLabels[j]): \(cellLabel(value))")
                if cellWidth >= 30 {
                    svg.text(cellLabel(value), x: left + (Double(j) + 0.5) * cellWidth, y: y + cellHeight * 0.68, size: 9,
                             anchor: "middle", color: t > 0.55 ? "#ffffff" : ChartPalette.text)
                }
            }
        }
        return svg.render(title: title)
    }
}
