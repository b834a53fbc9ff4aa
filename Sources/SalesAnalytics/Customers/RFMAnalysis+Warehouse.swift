import SalesWarehouse

extension RFMAnalysis {
    /// RFM over a warehouse relation: the per-customer aggregate (`RFMPlan`) runs in the engine,
    /// the scores, segments and summary are computed here — the same result as `run(_:options:)`
    /// over the same orders, except that customers are ordered by id.
    ///
    /// - Parameters:
    ///   - relation: The orders relation (`customer_id`, `order_date`, `amount`, mapped).
    ///   - warehouse: The engine.
    ///   - options: As for the in-memory path (`parallelism` is unused).
    /// - Returns: The result, the input facts (line items, purchases, refunds, customers without a
    ///   purchase — `RefundFacts(_:policy:)`, `OrderLines(_:)`) and the bytes the engine sent.
    /// - Throws: `WarehouseError` from the engine; `RFMError` as `run(_:options:)`.
    /// - Complexity: one grouped scan in the engine; O(customers log customers) here.
    public static func run(_ relation: WarehouseRelation, on warehouse: any Warehouse,
                           options: RFMOptions = RFMOptions()) async throws
        -> (result: RFMResult, facts: WarehouseOrderFacts, bytesReceived: Int) {
        try options.scoring.validate()
        guard (0...6).contains(options.currencyDecimals) else { throw RFMError.invalidCurrencyDecimals(options.currencyDecimals) }
        let plan = RFMPlan(relation: relation, asOf: options.asOf.map(\.clampedInt32), refunds: options.refunds.warehouse,
                           currencyDecimals: options.currencyDecimals)
        let aggregates = try await plan.fetch(on: warehouse)
        let n = aggregates.customerIDs.count
        var totals = CustomerTotals(customers: n)
        totals.last = aggregates.lastDay
        totals.count = aggregates.orders.map { Int32(clamping: $0) }
        totals.cents = aggregates.minorUnits
        totals.maxDay = aggregates.maxUsedDay
        totals.usedCount = aggregates.usedOrders
        totals.futureCount = aggregates.futureOrders
        totals.refundCount = aggregates.excludedRefunds
        if aggregates.futureOrders > 0 {
            totals.firstFutureCustomer = "(in the warehouse)"
            totals.firstFutureDay = Int32(clamping: (options.asOf?.rawValue ?? 0) + 1)
        }
        return (try finish(totals, customerIDs: aggregates.customerIDs, options: options), aggregates.facts, aggregates.bytesReceived)
    }
}
