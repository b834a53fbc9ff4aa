/// Errors of cohort analysis: options, data the options reject, and signup tables that do not fit
/// the orders.
public enum CohortError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The number of currency decimals is outside 0…6.
    case invalidCurrencyDecimals(Int)
    /// `count` orders are dated after the as-of date and the options say `.error`; the first (in
    /// file order) belongs to `firstCustomer` on `firstDate`.
    case ordersAfterAsOf(count: Int, asOf: String, firstCustomer: String, firstDate: String)
    /// No order is left (empty log, or everything excluded).
    case noOrders
    /// The amount at `row` (0-based) does not fit 64-bit minor units.
    case amountOutOfRange(row: Int, value: Double)
    /// A customer with orders has no signup date (cohorts by signup).
    case missingSignup(customer: String)
    /// The signup table lists `customer` twice.
    case duplicateSignup(customer: String)
    /// The signup table is unusable (missing column, wrong type, missing value at a row).
    case signupTable(String)

    /// A one-line message with the offending values.
    public var description: String {
        switch self {
        case let .invalidCurrencyDecimals(d): return "currency decimals must be in 0…6, got \(d)"
        case let .ordersAfterAsOf(count, asOf, customer, date):
            return "\(count) order(s) dated after the as-of date \(asOf) (first: customer \"\(customer)\" on \(date))"
        case .noOrders: return "no orders to analyse"
        case let .amountOutOfRange(row, value):
            return "order row \(row): amount \(value) is too large to total exactly in minor currency units"
        case let .missingSignup(customer): return "customer \"\(customer)\" has orders but no signup date"
        case let .duplicateSignup(customer): return "customer \"\(customer)\" has two signup rows"
        case let .signupTable(message): return "signup table: \(message)"
        }
    }
}
