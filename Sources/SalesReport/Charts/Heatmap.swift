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

    /// The smallest cell width that keeps a cell's text legible (11 px text, e.g. "100%").
    public static let minimumCellWidth = 40.0

    /// The standalone SVG document. Cells shrink to fit `width` but never below
    /// ``minimumCellWidth``: a wider matrix makes a wider SVG (the report scrolls it sideways), so
    /// every column is shown and every cell keeps its text. The width never clips the title.
    /// - Parameter width: The width to fit (default 900 px).
    /// - Returns: The SVG document.
    /// - Complexity: O(rows × columns).
    public func svg(width: Double = 900) -> String {
        let labelWidth = Double(rowLabels.map(\.count).max() ?? 0) * 6.5 + 14
        let left = max(80.0, labelWidth), top = 56.0
        let columns = Double(max(1, columnLabels.count))
        let cellWidth = max(Self.minimumCellWidth, min(64, (width - left - 8) / columns))
        let cellHeight = 22.0
        let titleWidth = Double(title.count) * 8.0 + 16
        let height = top + Double(rowLabels.count) * cellHeight + 16
        let span = colorRange.upperBound - colorRange.lowerBound
        var svg = SVGWriter(width: max(left + cellWidth * columns + 8, titleWidth), height: height)
        svg.text(title, x: 8, y: 22, size: 14, color: ChartPalette.text, bold: true)
        for (j, label) in columnLabels.enumerated() {
            svg.text(label, x: left + (Double(j) + 0.5) * cellWidth, y: top - 8, size: 11, anchor: "middle", color: ChartPalette.axis)
        }
        for (i, label) in rowLabels.enumerated() {
            let y = top + Double(i) * cellHeight
            svg.text(label, x: left - 6, y: y + cellHeight * 0.7, size: 11, anchor: "end", color: ChartPalette.axis)
            guard i < values.count else { continue }
            for (j, cell) in values[i].enumerated() where j < columnLabels.count {
                guard let value = cell, value.isFinite else { continue }
                let t = span > 0 ? min(1, max(0, (value - colorRange.lowerBound) / span)) : 0
                svg.rect(x: left + Double(j) * cellWidth, y: y, width: cellWidth - 1, height: cellHeight - 1,
                         fill: ChartPalette.sequential(t), title: "\(label) · \(columnLabels[j]): \(cellLabel(value))")
                svg.text(cellLabel(value), x: left + (Double(j) + 0.5) * cellWidth, y: y + cellHeight * 0.68, size: 11,
                         anchor: "middle", color: t > 0.55 ? "#ffffff" : ChartPalette.text)
            }
        }
        return svg.render(title: title)
    }
}
