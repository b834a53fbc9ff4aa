import SalesData
/// A table of text cells for people (aligned columns) and for machines (RFC 4180 CSV).
///
/// The CLI renders every tabular result through this type, so `--format table` and `--format csv`
/// always agree on columns and order.
public struct TextTable: Sendable, Equatable {
    /// How a column's cells line up in the aligned rendering.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// Column headers.
    public var headers: [String]
    /// Per-column alignment (numbers right, text left).
    public var alignments: [Alignment]
    /// The rows; each has `headers.count` cells.
    public private(set) var rows: [[String]] = []
    /// An optional title printed above the aligned rendering (not part of CSV).
    public var title: String?

    /// Creates an empty table.
    /// - Parameters:
    ///   - headers: Column headers.
    ///   - alignments: One per header; default: first column left, the others right.
    ///   - title: Optional title for the aligned rendering.
    public init(headers: [String], alignments: [Alignment]? = nil, title: String? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
        precondition(self.alignments.count == headers.count, "one alignment per column")
        self.title = title
    }

    /// Appends a row.
    /// - Parameter cells: Exactly `headers.count` cells.
    public mutating func append(_ cells: [String]) {
        precondition(cells.count == headers.count, "row has \(cells.count) cells, table has \(headers.count) columns")
        rows.append(cells)
    }

    /// The aligned rendering: header, a rule, then the rows; widths by display width
    /// (CJK characters count as two columns).
    /// - Complexity: O(total characters).
    public func renderAligned() -> String {
        var widths = headers.map(Self.displayWidth)
        for row in rows {
            for (j, cell) in row.enumerated() { widths[j] = max(widths[j], Self.displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (j, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[j] - Self.displayWidth(cell))
                parts.append(alignments[j] == .left ? cell + pad : pad + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = ""
        if let title { out += title + "\n" }
        out += line(headers) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// The RFC 4180 CSV rendering with a header row and LF line ends; every cell is escaped by
    /// `CSVWriter.field(_:delimiter:)`, so `CSVReader` reads the cells back as written (a text cell `NA`
    /// stays a value). An empty cell is a missing value and is written as an empty field.
    /// - Complexity: O(total characters).
    public func renderCSV() -> String {
        var out = headers.map { CSVWriter.field($0) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { $0.isEmpty ? "" : CSVWriter.field($0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Terminal display width: East Asian wide characters take two columns.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let wide = (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
                || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x20000 && v <= 0x3FFFD)
            width += wide ? 2 : 1
        }
        return width
    }
}
