import SalesWarehouse

extension RefundPolicy {
    /// The engine's refund policy (`.separate` leaves refunds out in the engine as `.exclude`; the
    /// facts report them).
    public var warehouse: WarehouseRefunds {
        switch self {
        case .net: return .net
        case .exclude: return .exclude
        case .separate: return .separate
        }
    }
}

extension RefundFacts {
    /// The facts of an order relation computed in the engine (`OrderFactsPlan`), as the in-memory
    /// `OrderLog.applyingRefunds(_:)` reports them for the same orders.
    /// - Parameters:
    ///   - facts: The engine's facts.
    ///   - policy: The refund policy applied.
    public init(_ facts: WarehouseOrderFacts, policy: RefundPolicy) {
        self.init(policy: policy, purchases: facts.purchases, refunds: facts.refunds, refundAmount: facts.refundAmount,
                  refundsRemoved: policy == .net ? 0 : facts.refunds, customers: facts.customers,
                  repeatCustomers: facts.repeatCustomers, customersWithoutPurchase: facts.customersWithoutPurchase)
    }
}

extension OrderLines {
    /// How the rows of an order relation became orders in the engine (`OrderFactsPlan`); the
    /// engine does not compare a line's customer with its order's (`linesWithAnotherCustomer` 0).
    /// - Parameter facts: The engine's facts.
    public init(_ facts: WarehouseOrderFacts) {
        self.init(rows: facts.rows, orders: facts.orders, hasOrderID: facts.hasOrderID, grouped: facts.lineItemsGrouped,
                  linesWithAnotherCustomer: 0)
    }
}
