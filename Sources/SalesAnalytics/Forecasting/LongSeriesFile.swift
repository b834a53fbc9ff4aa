import Foundation
import SalesData
import SalesModels

/// A long-format file of many series (`series_id,period,value`, statsforecast's layout).
public struct LongSeriesFileContents: Sendable {
    /// One entry per series id, in order of first appearance: the id and the series, or the reason
    /// it could not be read (bad period labels, duplicates, fewer than 2 rows).
    public var series: [(id: String, series: Result<PeriodSeries, SalesForecastError>)]
    /// Rows the CSV reader skipped under `--skip-invalid`.
    public var rejected: [RejectedRow]
}

/// Reads `series_id,period,value` files; each series is parsed as a ``SeriesFile`` of its own rows.
public enum LongSeriesFile {
    /// The schema: `series_id` (text), `period` (text), `value` (number; empty = missing).
    public static let schema = CSVSchema([
        .init("series_id", .string, allowsMissing: false),
        .init("period", .string, allowsMissing: false),
        .init("value", .double),
    ])

    /// Reads the file and splits it into series.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name (`series_id`, `period`, `value`) → the file's header.
    ///   - skipInvalid: Skip rows with an unreadable value instead of stopping.
    /// - Returns: The series, each parsed or with its error.
    /// - Throws: `CSVError` from the reader; ``SalesForecastError/emptyInput(what:)`` for a file without rows.
    /// - Complexity: O(rows).
    public static func read(_ path: String, mapping: [String: String] = [:], skipInvalid: Bool = false) throws -> LongSeriesFileContents {
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping),
                                        options: CSVReadOptions(policy: skipInvalid ? .skipInvalidRows : .strict))
        let ids = try result.table.strings("series_id")
        let periods = try result.table.strings("period")
        let values = try result.table.numbers("value")
        let lines = result.rowLines.all
        if ids.count == 0 { throw SalesForecastError.emptyInput(what: "rows in \(path)") }
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for i in 0..<ids.count {
            let id = ids[i] ?? ""
            if rows[id] == nil { order.append(id) }
            rows[id, default: []].append(i)
        }
        var out: [(id: String, series: Result<PeriodSeries, SalesForecastError>)] = []
        for id in order {
            let r = rows[id] ?? []
            do {
                let s = try SeriesFile.build(periods: r.map { periods[$0] }, values: r.map { values[$0] },
                                             lines: r.map { lines[$0] }, name: "\(path) series \(id)")
                out.append((id, .success(s)))
            } catch let error as SalesForecastError {
                out.append((id, .failure(error)))
            }
        }
        return LongSeriesFileContents(series: out, rejected: result.rejected)
    }

    /// Whether the file's header names a series id column (after `mapping`): a long-format file.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → header, as for ``read(_:mapping:skipInvalid:)``.
    /// - Returns: `true` when the first line has the series id column.
    public static func isLongFormat(_ path: String, mapping: [String: String] = [:]) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        guard let text = String(data: head, encoding: .utf8) ?? String(data: head.prefix(4096), encoding: .utf8),
              let line = text.split(separator: "\n", maxSplits: 1).first else { return false }
        let name = mapping["series_id"] ?? "series_id"
        return line.split(separator: ",").contains { $0.trimmingCharacters(in: .init(charactersIn: " \"\r")) == name }
    }
}
