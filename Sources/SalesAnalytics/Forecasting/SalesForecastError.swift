import SalesData
import SalesModels
/// Why a revenue, pipeline or combined forecast could not be made: the data or the arguments are at fault.
public enum SalesForecastError: Error, Sendable, Hashable, CustomStringConvertible {
    /// There is nothing to work with (`what` says what is empty, e.g. "orders").
    case emptyInput(what: String)
    /// A required value is missing in `column` at 0-based data row `row`.
    case missingValue(column: String, row: Int)
    /// The model or time-series layer refused the series.
    case forecast(ForecastError)
    /// An argument is outside its domain.
    case invalidArgument(name: String, value: String, expected: String)
    /// A `period,value` file has a bad row: `line` counts the header as 1.
    case badSeriesRow(file: String, line: Int, column: String, text: String, reason: String)
    /// A `period,value` file mixes label kinds or spacings.
    case inconsistentPeriods(file: String, reason: String)
    /// The same period appears twice.
    case duplicatePeriod(file: String, period: String, lines: [Int])
    /// The series has missing periods and the caller asked for them to be reported, not filled.
    case gaps(periods: [String])
    /// Too little history for a pipeline or run-rate estimate (`what` says which, `needed` what is missing).
    case insufficientHistory(what: String, needed: String)
    /// A row failed a domain check (after the CSV reader accepted it).
    case invalidRow(RejectedRow)
    /// Columns of unequal length were passed together.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// The order forecast starts in month `orders`, the deal forecast in month `deals` (an as-of day aligns them).
    case misaligned(orders: String, deals: String)

    public var description: String {
        switch self {
        case let .emptyInput(what): return "no \(what) to forecast from"
        case let .missingValue(column, row): return "column \"\(column)\": missing value in data row \(row + 1)"
        case let .forecast(error): return error.description
        case let .invalidArgument(name, value, expected): return "invalid \(name) \"\(value)\": expected \(expected)"
        case let .badSeriesRow(file, line, column, text, reason):
            return "\(file):\(line): column \"\(column)\": \"\(text)\" \(reason)"
        case let .inconsistentPeriods(file, reason): return "\(file): \(reason)"
        case let .duplicatePeriod(file, period, lines):
            return "\(file): period \(period) appears more than once (lines " + lines.map(String.init).joined(separator: ", ") + ")"
        case let .gaps(periods):
            let shown = periods.prefix(12).joined(separator: ", ")
            let more = periods.count > 12 ? " and \(periods.count - 12) more" : ""
            return "series has \(periods.count) missing period(s): \(shown)\(more); fill them with zero (--fill-gaps zero) or supply them"
        case let .insufficientHistory(what, needed): return "\(what): not enough history (\(needed))"
        case let .invalidRow(rejection): return rejection.description
        case let .lengthMismatch(what, expected, actual): return "\(what): expected \(expected) values, got \(actual)"
        case let .misaligned(orders, deals):
            return "the order forecast starts in \(orders) but the deal forecast in \(deals); give --as-of so both start in the same month"
        }
    }
}

extension SalesForecastError {
    /// `error` as a `SalesForecastError`: itself when it is one, `.forecast` around a `ForecastError`,
    /// otherwise a `ForecastError.fitFailed` naming `model` and the error's description.
    static func wrapping(_ error: any Error, model: String = "forecast") -> SalesForecastError {
        if let error = error as? SalesForecastError { return error }
        return .forecast(ForecastError.wrapping(error, model: model))
    }
}
