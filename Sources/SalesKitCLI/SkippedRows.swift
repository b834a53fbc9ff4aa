import SalesKit

/// A row a reader skipped under `--skip-invalid`, as every command reports it: one stderr line
/// `FILE:LINE: column "NAME": "TEXT" REASON (skipped)` and a `"rejected"` entry in JSON
/// (`{"file","line","column","reason"}`; the CLI contract's keys plus the file).
struct SkippedRow: Encodable {
    let file: String
    let line: Int
    let column: String?
    let reason: String
    let text: String

    enum CodingKeys: String, CodingKey { case file, line, column, reason }

    /// Every key is always present (`"column": null` for a malformed record), as the contract lists them.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(reason, forKey: .reason)
    }

    /// A row a reader rejected (the CSV reader's rows, and the orders reader's non-finite amounts).
    init(_ row: RejectedRow, file: String) {
        self.init(file: file, line: row.line, column: row.column, reason: row.reason, text: row.text)
    }

    init(file: String, line: Int, column: String?, reason: String, text: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.text = text
    }

    /// The stderr line.
    var message: String {
        "\(file):\(line): " + (column.map { "column \"\($0)\": " } ?? "") + "\"\(text)\" \(reason) (skipped)"
    }
}

extension OutputOptions {
    /// Lists skipped rows on stderr (one notice each, silenced by `--quiet`) and returns them for JSON.
    /// - Parameters:
    ///   - rows: The rejected rows of one file.
    ///   - file: The file they come from.
    /// - Returns: The rows as reported.
    @discardableResult
    func reportSkipped(_ rows: [RejectedRow], file: String) -> [SkippedRow] {
        let skipped = rows.map { SkippedRow($0, file: file) }
        for row in skipped { notice(row.message) }
        return skipped
    }
}
