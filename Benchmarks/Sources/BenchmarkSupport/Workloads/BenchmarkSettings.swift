import Foundation
import SalesKit

/// Settings and small conversions every workload shares: the thread count run.sh gives every
/// library, exact cents and ISO dates in answers.
public enum BenchmarkSettings {
    /// Worker threads for SalesKit's parallel code: `BENCH_THREADS` (as for the peers), else the
    /// processors online.
    public static var threads: Int {
        if let text = ProcessInfo.processInfo.environment["BENCH_THREADS"], let value = Int(text), value > 0 {
            return value
        }
        return Parallelism.defaultWorkers
    }

    /// Sets `Parallelism.workers` to ``threads``: called once before any workload runs.
    public static func applyThreads() {
        Parallelism.workers = threads
    }

    /// `round(amount × 100)` as an integer, compare/WORKLOADS.md's "Money" rule (amounts have at most
    /// two decimals, so the product is within rounding error of an integer and no tie arises).
    /// - Parameter amount: An amount in currency units.
    /// - Returns: The amount in cents.
    @inline(__always)
    public static func cents(_ amount: Double) -> Int64 { Int64((amount * 100).rounded()) }

    /// `YYYY-MM-DD` of a day count since 1970-01-01.
    /// - Parameter day: Days since 1970-01-01.
    /// - Returns: The ISO date.
    public static func isoDate(_ day: Int32) -> String { CivilDate.isoString(fromDays: Int(day)) }

    /// The reader options every workload uses (the parser threads are `Parallelism.workers`).
    public static var readOptions: CSVReadOptions { CSVReadOptions() }

    /// The size of a file in bytes (0 when it cannot be read; used only for throughput figures).
    /// - Parameter path: The file.
    /// - Returns: Its size.
    public static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
