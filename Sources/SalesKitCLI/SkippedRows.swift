import SalesKit

extension OutputOptions {
    /// Lists skipped rows on stderr, one notice each (`FILE:LINE: column "NAME": "TEXT" REASON (skipped)`,
    /// silenced by `--quiet`), and returns them for JSON (`"rejected"`: `{"file","line","column","reason","text"}`).
    /// - Parameters:
    ///   - rows: The rejected rows of one file.
    ///   - file: Unused (each row names its file); kept for call sites that read several files.
    /// - Returns: The rows as reported.
    @discardableResult
    func reportSkipped(_ rows: [RejectedRow], file: String = "") -> [RejectedRow] {
        for row in rows { notice("\(row) (skipped)") }
        return rows
    }
}
