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
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The series, each parsed or with its error.
    /// - Throws: `CSVError` from the reader; ``SalesForecastError/emptyInput(what:)`` for a file without rows.
    /// - Complexity: O(rows).
    public static func read(_ path: String, mapping: [String: String] = [:], skipInvalid: Bool = false,
                            options: CSVReadOptions = CSVReadOptions()) throws -> LongSeriesFileContents {
        var readOptions = options
        readOptions.policy = skipInvalid ? .skipInvalidRows : .strict
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: readOptions)
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
    ///   - mapping: Contract name → header, as for ``read(_:mapping:skipInvalid:options:)``.
    ///   - options: Reader options (delimiter, encoding) for reading the header.
    /// - Returns: `true` when the header has the series id column.
    public static func isLongFormat(_ path: String, mapping: [String: String] = [:],
                                    options: CSVReadOptions = CSVReadOptions()) -> Bool {
        guard let header = try? CSVReader.header(file: path, options: options) else { return false }
        return header.contains(mapping["series_id"] ?? "series_id")
    }
}
