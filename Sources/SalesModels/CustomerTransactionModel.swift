/// A model of repeat purchases fitted to (x, tₓ, T) summaries — `BGNBDModel` or
/// `ParetoNBDModel` — as used by `DiscountedCLV`.
public protocol CustomerTransactionModel: Sendable {
    /// The expected number of purchases in (T, T + t] of a customer with history (x, tₓ, T).
    ///
    /// - Parameters:
    ///   - t: Horizon ≥ 0 in the model's time unit.
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    /// - Returns: The expected count ≥ 0.
    func expectedTransactions(inNext t: Double, frequency: Int, recency: Double, age: Double) -> Double

    /// The probability that a customer with history (x, tₓ, T) is alive at T.
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    /// - Returns: P(alive) in [0, 1].
    func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double

    /// The expected number of repeat purchases in (0, t] of a newly acquired customer.
    ///
    /// - Parameter t: Horizon ≥ 0 in the model's time unit.
    /// - Returns: E[X(t)] ≥ 0.
    func expectedTransactions(newCustomerOver t: Double) -> Double
}

extension BGNBDModel: CustomerTransactionModel {}
extension ParetoNBDModel: CustomerTransactionModel {}
