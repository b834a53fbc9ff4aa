import ArgumentParser
import Foundation
import SalesKit

/// Helpers shared by the customer commands (`clv`, `kpi`): date arguments, bad-row reports.
enum CustomerCommandSupport {
    /// Parses an ISO `YYYY-MM-DD` option value into days since 1970-01-01.
    /// - Throws: `ValidationError` (usage error, exit 2) naming the option.
    static func day(_ text: String, option: String) throws -> Int32 {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              CivilDate.isValid(year: y, month: m, day: d) else {
            throw ValidationError("\(option) expects a date YYYY-MM-DD, got \"\(text)\"")
        }
        return Int32(CivilDate.days(year: y, month: m, day: d))
    }

    /// One skipped row in JSON output (`"rejected"` of the CLI contract).
    struct Rejected: Encodable {
        let file: String
        let line: Int
        let column: String?
        let reason: String
    }

    /// Lists skipped rows on stderr (`FILE:LINE: column "NAME": REASON`) and returns them for JSON.
    static func report(_ rows: [RejectedRow], file: String, output: OutputOptions) -> [Rejected] {
        rows.map { row in
            let column = row.column.map { " column \"\($0)\":" } ?? ""
            FileHandle.standardError.write(Data("skipped \(file):\(row.line):\(column) \(row.reason)\n".utf8))
            return Rejected(file: file, line: row.line, column: row.column, reason: row.reason)
        }
    }
}
