import SalesData
import SalesModels

/// Why a customer analysis (summary, CLV, propensity, KPIs) could not be computed from its inputs.
///
/// Every case carries what the caller needs to find the problem: the source (file name or
/// "orders"), the row or line, the column, the offending value.
public enum CustomerAnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no usable rows (an empty file, or every row filtered out). `detail` says which.
    case empty(source: String, detail: String)
    /// A column the analysis needs is absent or has the wrong type.
    case column(source: String, TableError)
    /// A required value is missing on a row (0-based `row` in the table; `line` when known).
    case missingValue(source: String, row: Int, column: String)
    /// A value breaks a domain rule (e.g. a survey score outside 0–10, a non-finite amount).
    case invalidValue(source: String, row: Int, column: String, value: String, reason: String)
    /// An option of the analysis is invalid (`name` = the option, `reason` the rule).
    case invalidOption(name: String, value: String, reason: String)
    /// No customer made a purchase on or before the calibration end.
    case noCustomersInCalibration(calibrationEnd: String)
    /// A model fit failed: `stage` says which ("BG/NBD", "Gamma-Gamma", "CLV", "propensity"),
    /// `error` the model's own error (non-convergence carries the optimizer state).
    case model(stage: String, CustomerModelError)
    /// A model fit failed with an error of another layer (e.g. the logistic regression).
    case fit(stage: String, reason: String)
    /// One customer's summary row is impossible for the model: the model's error about a row,
    /// with the row replaced by the customer's id.
    case customer(stage: String, customerID: String, CustomerModelError)

    /// The model error as an analysis error, naming the customer instead of the model's row.
    /// - Parameters:
    ///   - error: The model's error.
    ///   - stage: "BG/NBD", "Gamma-Gamma" or "CLV".
    ///   - customers: The customer id of each model row.
    /// - Returns: `.customer` for a row error whose row is a customer, else `.model`.
    static func naming(_ error: CustomerModelError, stage: String, customers: [String]) -> CustomerAnalyticsError {
        switch error {
        case let .invalidValue(row, _, _, _), let .nonPositiveMonetary(row, _):
            guard customers.indices.contains(row) else { return .model(stage: stage, error) }
            return .customer(stage: stage, customerID: customers[row], error)
        default:
            return .model(stage: stage, error)
        }
    }

    public var description: String {
        switch self {
        case let .empty(source, detail):
            return "\(source): no data (\(detail))"
        case let .column(source, error):
            return "\(source): \(error)"
        case let .missingValue(source, row, column):
            return "\(source): row \(row + 2): column \"\(column)\": missing value"
        case let .invalidValue(source, row, column, value, reason):
            return "\(source): row \(row + 2): column \"\(column)\": \(reason) (value \(value))"
        case let .invalidOption(name, value, reason):
            return "option \(name) = \(value) is invalid: \(reason)"
        case let .noCustomersInCalibration(end):
            return "no customer has a purchase on or before the calibration end \(end)"
        case let .model(stage, error):
            return "\(stage): \(error)"
        case let .fit(stage, reason):
            return "\(stage): \(reason)"
        case let .customer(stage, id, error):
            switch error {
            case let .invalidValue(_, field, value, reason):
                return "\(stage): customer \(id): \(field) = \(value) is invalid (\(reason))"
            case let .nonPositiveMonetary(_, value):
                return "\(stage): customer \(id): mean repeat spend \(value) must be > 0 for the spend model"
            default:
                return "\(stage): customer \(id): \(error)"
            }
        }
    }
}
