import ArgumentParser
import Foundation
import SalesKit

/// `--refunds net|exclude|separate` and `--ids normalize|verbatim`: the options of how orders are
/// read, with the same names, defaults and meaning on every command that reads orders (kpi, rfm,
/// cohort, clv, forecast, report).
struct RefundOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Refunds (orders netting negative): net (reduce revenue and monetary value), exclude (dropped), or separate (dropped and reported on their own). Never purchases. See OrdersPurchasesRefunds in the SalesAnalytics docs.",
        valueName: "net|exclude|separate"))
    var refunds: RefundPolicy = .net

    @Option(help: ArgumentHelp(
        "Customer and order ids: normalize (surrounding whitespace trimmed; a column of integers written as floats, 17850.0, read as integers) or verbatim (as written).",
        valueName: "normalize|verbatim"))
    var ids: IDPolicy = .normalize

    /// The orders as the analyses see them: line items grouped (already done by the reader), the
    /// refund policy applied; notices say what was done.
    /// - Parameters:
    ///   - input: The orders read.
    ///   - output: Where notices go.
    /// - Returns: The log to analyze and the facts every command reports under `"orderInput"`.
    func prepare(_ input: OrderInput, output: OutputOptions) -> (log: OrderLog, facts: OrderInputFacts) {
        let (log, facts) = input.log.applyingRefunds(refunds)
        let summary = OrderInputFacts(lines: input.lines, refunds: facts)
        for id in input.ids { output.notice("note: " + id.description) }
        for line in summary.notices { output.notice("note: " + line) }
        return (log, summary)
    }
}

/// What was done to the orders before the analysis (JSON key `"orderInput"` of kpi, rfm, cohort and clv).
struct OrderInputFacts: Encodable {
    let rows: Int
    let orders: Int
    let hasOrderID: Bool
    let lineItemsGrouped: Bool
    let refundPolicy: String
    let purchases: Int
    let refunds: Int
    let refundAmount: Double
    let refundsRemoved: Int
    let customers: Int
    let repeatCustomers: Int
    @NullEncoded var repeatPurchaseRate: Double?
    let customersWithoutPurchase: Int
    let description: String

    init(lines: OrderLines, refunds facts: RefundFacts) {
        rows = lines.rows
        orders = lines.orders
        hasOrderID = lines.hasOrderID
        lineItemsGrouped = lines.grouped
        refundPolicy = facts.policy.rawValue
        purchases = facts.purchases
        refunds = facts.refunds
        refundAmount = facts.refundAmount
        refundsRemoved = facts.refundsRemoved
        customers = facts.customers
        repeatCustomers = facts.repeatCustomers
        repeatPurchaseRate = facts.repeatPurchaseRate
        customersWithoutPurchase = facts.customersWithoutPurchase
        description = lines.description
    }

    /// The notices: line items grouped, refunds removed or reported, customers without a purchase.
    var notices: [String] {
        var out: [String] = []
        if lineItemsGrouped { out.append(description) }
        if refunds > 0, refundPolicy != RefundPolicy.net.rawValue {
            out.append("\(refunds) refund order(s) totalling \(Formatting.money(refundAmount)) left out of revenue (--refunds \(refundPolicy))")
        }
        if customersWithoutPurchase > 0 {
            out.append("\(customersWithoutPurchase) customer(s) with refunds but no purchase are not counted as customers")
        }
        return out
    }
}

extension IDPolicy: ExpressibleByArgument {}
