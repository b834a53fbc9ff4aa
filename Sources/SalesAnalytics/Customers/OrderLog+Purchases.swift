import SalesData

/// Refunds and customers of an order log under one refund policy — the figures every command
/// reports the same way (OrdersPurchasesRefunds article).
///
/// Definitions: a *purchase* is an order whose net amount is ≥ 0 (a $0.00 order — a free item — is a
/// purchase without revenue, as in the CDNOW log and lifetimes); a *refund* is an order whose net
/// amount is < 0. A *customer* is someone with at least one purchase; someone with refunds only is
/// counted in `customersWithoutPurchase` and is in no analysis' customer count, segment or cohort.
/// The *repeat purchase rate* is customers with ≥ 2 purchases / customers.
public struct RefundFacts: Sendable, Equatable, Codable {
    /// The policy applied.
    public var policy: RefundPolicy
    /// Purchases (orders with net amount ≥ 0).
    public var purchases: Int
    /// Refund orders (net amount < 0), whatever the policy.
    public var refunds: Int
    /// Σ of the refund amounts (≤ 0).
    public var refundAmount: Double
    /// Refund orders removed from the log (`.exclude`, `.separate`); 0 under `.net`.
    public var refundsRemoved: Int
    /// Customers with at least one purchase.
    public var customers: Int
    /// Customers with at least two purchases.
    public var repeatCustomers: Int
    /// Customers with rows but no purchase (refunds only).
    public var customersWithoutPurchase: Int

    /// Repeat customers / customers; nil without customers.
    public var repeatPurchaseRate: Double? {
        customers > 0 ? Double(repeatCustomers) / Double(customers) : nil
    }
}

extension OrderLog {
    /// The refund policy applied: the log every analysis then uses (`.net`: this log; `.exclude` and
    /// `.separate`: this log without its refund orders) and the facts of `RefundFacts`.
    ///
    /// - Parameter policy: Net, exclude or separate.
    /// - Returns: The log to analyze and the facts (computed on this log, before removal).
    /// - Complexity: O(n + customers).
    public func applyingRefunds(_ policy: RefundPolicy) -> (log: OrderLog, facts: RefundFacts) {
        var purchases = [Int32](repeating: 0, count: customerIDs.count)
        var hasRows = [Bool](repeating: false, count: customerIDs.count)
        var refunds = 0, purchaseCount = 0
        var refundSum = CompensatedSum()
        for row in 0..<count {
            let c = Int(customerCodes[row])
            hasRows[c] = true
            if amounts[row] < 0 {
                refunds += 1
                refundSum.add(amounts[row])
            } else {
                purchaseCount += 1
                if purchases[c] < 2 { purchases[c] += 1 }
            }
        }
        var customers = 0, repeaters = 0, without = 0
        for c in 0..<customerIDs.count where hasRows[c] {
            if purchases[c] == 0 { without += 1 } else { customers += 1 }
            if purchases[c] >= 2 { repeaters += 1 }
        }
        let facts = RefundFacts(policy: policy, purchases: purchaseCount, refunds: refunds, refundAmount: refundSum.value,
                                refundsRemoved: policy == .net ? 0 : refunds, customers: customers,
                                repeatCustomers: repeaters, customersWithoutPurchase: without)
        guard policy != .net, refunds > 0 else { return (self, facts) }
        let keep = (0..<count).filter { amounts[$0] >= 0 }
        let kept = groups.map { g in Group(name: g.name, levels: g.levels, codes: keep.map { g.codes[$0] }) }
        do {
            let log = try OrderLog(customerIDs: customerIDs, customerCodes: keep.map { customerCodes[$0] },
                                   days: keep.map { days[$0] }, amounts: keep.map { amounts[$0] }, groups: kept)
            return (log, facts)
        } catch {
            preconditionFailure("a subset of a valid log's rows is a valid log: \(error)")
        }
    }
}
