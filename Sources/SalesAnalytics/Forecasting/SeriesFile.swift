import SalesData
import SalesModels
/// A `period,value` file read into a ``PeriodSeries``.
public struct SeriesFileContents: Sendable {
    /// The series (periods without a row, or with an empty value, are NaN).
    public var series: PeriodSeries
    /// Rows the CSV reader skipped under `--skip-invalid`.
    public var rejected: [RejectedRow]
}

/// Reads `period,value` files: monthly `YYYY-MM`, quarterly `YYYY-Qn`, ISO weeks `YYYY-Www`, or
/// dates `YYYY-MM-DD` whose spacing decides between daily and weekly (weekly when every gap between
/// consecutive dates is a multiple of 7 days; the weeks then start on the first date's weekday).
/// Labels are parsed by `Period(label:)`.
public enum SeriesFile {
    /// The schema: `period` (text) and `value` (number; empty = missing).
    public static let schema = CSVSchema([
        .init("period", .string, allowsMissing: false),
        .init("value", .double),
    ])

    /// Reads and parses a series file.
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name (`period`, `value`) → the file's header.
    ///   - skipInvalid: Skip rows with an unreadable value instead of stopping.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The series and skipped rows.
    /// - Throws: `CSVError` from the reader; ``SalesForecastError`` for bad period labels, mixed kinds,
    ///   duplicates, too few rows.
    /// - Complexity: O(rows + periods).
    public static func read(_ path: String, mapping: [String: String] = [:], skipInvalid: Bool = false,
                            options: CSVReadOptions = CSVReadOptions()) throws -> SeriesFileContents {
        var readOptions = options
        readOptions.policy = skipInvalid ? .skipInvalidRows : .strict
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: readOptions)
        return try parse(result, name: path)
    }

    /// Parses a table read with ``schema``.
    ///
    /// Line numbers in errors are the rows' file lines as the reader recorded them (header = line 1).
    /// - Parameters:
    ///   - result: The reader's output.
    ///   - name: The file name for messages.
    /// - Returns: The series.
    /// - Throws: ``SalesForecastError``.
    public static func parse(_ result: CSVReadResult, name: String) throws -> SeriesFileContents {
        let periods = try result.table.strings("period")
        let values = try result.table.numbers("value")
        let n = result.table.rowCount
        let series = try build(periods: (0..<n).map { periods[$0] }, values: (0..<n).map { values[$0] },
                               lines: result.rowLines.all, name: name)
        return SeriesFileContents(series: series, rejected: result.rejected)
    }

    /// Builds one series from its rows' period labels, values and file lines.
    static func build(periods: [String?], values: [Double?], lines: [Int], name: String) throws -> PeriodSeries {
        let n = periods.count
        if n < 2 { throw SalesForecastError.emptyInput(what: "rows in \(name) (need at least 2)") }
        var parsed: [Period] = []
        parsed.reserveCapacity(n)
        for i in 0..<n {
            let text = periods[i] ?? ""
            guard let period = Period(label: text), let _ = period.unit.frequency else {
                throw SalesForecastError.badSeriesRow(file: name, line: lines[i], column: "period", text: text,
                                                      reason: "is not a period (YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD)")
            }
            parsed.append(period)
        }
        let unit = parsed[0].unit
        var frequency = unit.frequency ?? .month
        var index = [Int](repeating: 0, count: n)
        var weekStart = 1
        for i in 0..<n {
            guard parsed[i].unit == unit else {
                throw SalesForecastError.inconsistentPeriods(
                    file: name, reason: "line \(lines[i]): period \"\(periods[i] ?? "")\" is not of the same kind as line \(lines[0]) (\"\(periods[0] ?? "")\")")
            }
            index[i] = parsed[i].index
        }
        if frequency == .day {
            let sorted = index.sorted()
            var weekly = true
            for k in 1..<n where (sorted[k] - sorted[k - 1]) % 7 != 0 { weekly = false; break }
            if weekly && sorted[n - 1] > sorted[0] {
                frequency = .week
                weekStart = Day(rawValue: sorted[0]).isoWeekday
                for i in 0..<n { index[i] = PeriodUnit.weekIndex(ofDay: index[i], startingOn: weekStart) }
            }
        }
        guard let lo = index.min(), let hi = index.max() else { throw SalesForecastError.emptyInput(what: "rows in \(name)") }
        let labelled = PeriodSeries(series: TimeSeries(values: [], frequency: frequency, start: lo), weekStart: weekStart)
        var out = [Double](repeating: .nan, count: hi - lo + 1)
        var firstLine = [Int](repeating: 0, count: hi - lo + 1)
        for i in 0..<n {
            let p = index[i] - lo
            if firstLine[p] != 0 {
                throw SalesForecastError.duplicatePeriod(
                    file: name, period: labelled.label(at: index[i] - lo),
                    lines: [firstLine[p], lines[i]])
            }
            firstLine[p] = lines[i]
            if let v = values[i] {
                guard v.isFinite else {
                    throw SalesForecastError.badSeriesRow(file: name, line: lines[i], column: "value", text: "\(v)",
                                                          reason: "is not a finite number")
                }
                out[p] = v
            }
        }
        var series = PeriodSeries(series: TimeSeries(values: out, frequency: frequency, start: lo), weekStart: weekStart)
        if unit == .week { series.weekLabels = .iso }
        return series
    }
}
