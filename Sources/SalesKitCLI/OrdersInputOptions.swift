import ArgumentParser
import Foundation
import SalesKit

/// `--orders FILE`, `--skip-invalid` and `--map`: how the analysis commands read orders.csv.
struct OrdersInputOptions: ParsableArguments {
    @Option(help: "The orders file (order_id optional, customer_id, order_date, amount).")
    var orders: String

    @Flag(help: "Skip bad rows (each is reported on stderr and under \"rejected\" in JSON) instead of stopping at the first.")
    var skipInvalid = false

    @OptionGroup var columnMap: ColumnMapOptions

    /// Reads the orders; skipped rows are reported through `output.notice` (one line each).
    func read(notifying output: OutputOptions) throws -> (log: OrderLog, rejected: [OrderRowRejection]) {
        let mapping = try columnMap.dictionary()
        let (log, rejected) = try OrderLog.read(file: orders, mapping: mapping,
                                                policy: skipInvalid ? .skipInvalidRows : .strict)
        report(rejected, notifying: output)
        return (log, rejected)
    }

    /// One stderr line per skipped row: `FILE:LINE: column "NAME": "TEXT" REASON (skipped)`.
    func report(_ rejected: [OrderRowRejection], notifying output: OutputOptions) {
        for row in rejected {
            let column = row.column.map { "column \"\($0)\": " } ?? ""
            output.notice("\(orders):\(row.line): \(column)\"\(row.text)\" \(row.reason) (skipped)")
        }
    }
}

/// A skipped row in JSON output.
struct RejectedRowJSON: Encodable {
    let line: Int
    let column: String?
    let reason: String

    init(_ row: OrderRowRejection) {
        line = row.line
        column = row.column
        reason = row.reason
    }
}

/// Parses `YYYY-MM-DD` into days since 1970-01-01 (a usage error otherwise).
func parseISODate(_ text: String, option: String) throws -> Int32 {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
          CivilDate.isValid(year: y, month: m, day: d) else {
        throw ValidationError("\(option) expects a date YYYY-MM-DD, got \"\(text)\"")
    }
    return Int32(CivilDate.days(year: y, month: m, day: d))
}

/// Shortest round-trip text of a number for CSV cells ("NaN" for NaN).
func csvNumber(_ value: Double) -> String {
    value.isNaN ? "NaN" : "\(value)"
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// Processor time of the whole process so far (all threads, user + system), in seconds.
func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
