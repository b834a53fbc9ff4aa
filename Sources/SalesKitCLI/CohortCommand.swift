import ArgumentParser
import Foundation
import SalesKit

extension RetentionMode: ExpressibleByArgument {}

/// `saleskit cohort`: cohort retention (counts, rates, revenue, NRR/GRR, LTV curves).
struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Cohort retention: customers by first-order (or signup) period × periods since.",
        discussion: """
            --mode return-on counts customers with an order in period N; return-on-or-after counts those \
            with an order in N or later. csv: one row per observable cell, \
            cohort,period,customers,active,retention,revenue,partial. table: the retention matrix (rows cohorts, \
            columns periods). json: per cohort the size, repeat purchase rate and per period the active \
            counts in both modes, retention, revenue, NRR, GRR, cumulative revenue per customer and churn. \
            A cell whose calendar period the data cover only in part (the data end before the period does, \
            or start after it began) is flagged: "partial": true in JSON and csv, * in the table.
            A cohort is the period of a customer's first purchase: line items sharing an order_id are \
            summed into their order, refunds (orders netting negative) reduce revenue but never make a \
            customer new or active, and customers with refunds only are reported, not in a cohort \
            (the OrdersPurchasesRefunds article of the SalesAnalytics docs).

            Example: saleskit cohort --orders datasets/orders.csv --period month --mode return-on
            """)

    @OptionGroup var input: OrdersInputOptions
    @OptionGroup(title: "Warehouse source (instead of the files)") var warehouse: WarehouseSourceOptions

    @Option(help: "Cohort and period grain: week (ISO, Monday to Sunday), month, quarter or year.")
    var period: PeriodUnit = .month

    @Option(help: "Retention: return-on (active in period N) or return-on-or-after (active in N or later).")
    var mode: RetentionMode = .returnOn

    @Option(help: "customers.csv: cohorts by signup date instead of first order.")
    var customers: String?

    @Option(help: "Last date of data YYYY-MM-DD (default: the last order's date).")
    var asOf: String?

    @OptionGroup var flags: OrderAnalysisFlags

    /// `--future`.
    var future: FutureOrderPolicy { flags.future }

    @OptionGroup var output: OutputOptions

    func validate() throws {
        // The tables are cohorts × periods: daily cohorts over a few years are millions of cells.
        if period == .day { throw ValidationError("--period day is not supported for cohorts; use week, month, quarter or year") }
    }

    func run() throws {
        var options = CohortOptions(period: period, refunds: input.refunds, futureOrders: future)
        if let asOf { options.asOf = try parseISODate(asOf, option: "--as-of").int32 }
        let files: [ContractFile] = customers == nil ? [.orders] : [.orders, .customers]
        if let customers {
            let (signups, skipped) = try CustomerSignups.read(file: customers, mapping: try input.mapping(for: .customers, among: files),
                                                              policy: input.skipInvalid ? .skipInvalidRows : .strict,
                                                              options: try input.readOptions(output))
            output.reportSkipped(skipped, file: customers)
            options.origin = .signup(signups)
        }
        let (result, rejected, facts) = try input.analyze(
            flags, output: output, files: files,
            streaming: { try CohortAnalysis.run(streamingFile: $0, mapping: $1, policy: $2, options: options, readOptions: $3, ids: $4) },
            inMemory: { try CohortAnalysis.run($0, options: options) })
        if result.futureOrderCount > 0 {
            output.notice("\(result.futureOrderCount) order(s) dated after \(CivilDate.isoString(fromDays: Int(result.lastDay))) were excluded")
        }
        if result.ordersBeforeSignupCount > 0 {
            output.notice("\(result.ordersBeforeSignupCount) order(s) before the customer's signup period were excluded")
        }
        switch output.format {
        case .csv: try output.write(csv(result))
        case .table: try output.write(matrixTable(result))
        case .json: try output.write(try JSONOutput.encode(json(result, rejected: rejected, facts: facts)) + "\n")
        }
    }

    func csv(_ result: CohortResult) -> String {
        var text = "cohort,period,customers,active,retention,revenue,partial\n"
        let retention = result.retention(mode)
        for row in 0..<result.cohortCount {
            for p in 0..<result.observablePeriods[row] {
                text += "\(result.cohortLabels[row]),\(p),\(result.sizes[row]),\(result.active(row, p, mode: mode)),"
                text += "\(csvNumber(retention[row, p])),\(csvNumber(result.revenue(row, p))),\(result.isPartial(row, p))\n"
            }
        }
        return text
    }

    func matrixTable(_ result: CohortResult) -> String {
        let columns = result.periodCount
        var table = TextTable(headers: ["cohort", "customers"] + (0..<columns).map { "\($0)" },
                              alignments: [.left] + [TextTable.Alignment](repeating: .right, count: columns + 1),
                              title: "\(mode.rawValue) retention by \(period.rawValue) cohort (\(result.orderCount) orders)")
        let retention = result.retention(mode)
        for row in 0..<result.cohortCount {
            let label = result.cohortLabels[row] + (result.isPartialCohort(row) ? " *" : "")
            table.append([label, "\(result.sizes[row])"] + (0..<columns).map { p in
                retention[row, p].isNaN ? "" : Formatting.percent(retention[row, p], decimals: 0) + (result.isPartial(row, p) ? "*" : "")
            })
        }
        var text = table.renderAligned()
        if let note = PartialPeriodNote.text(result.coverage) { text += (text.hasSuffix("\n") ? "" : "\n") + note + "\n" }
        return text
    }

    struct PeriodJSON: Encodable {
        let period: Int
        let partial: Bool
        let active: Int
        let activeOnOrAfter: Int
        let retention: Double
        let revenue: Double
        let nrr: Double
        let grr: Double
        let cumulativeRevenuePerCustomer: Double
        let churn: Double
    }

    struct CohortJSON: Encodable {
        let cohort: String
        let partial: Bool
        let customers: Int
        let repeatPurchaseRate: Double
        let periods: [PeriodJSON]
    }

    struct CellJSON: Encodable {
        let cohort: String
        let period: Int
        let customers: Int
        let active: Int
        let retention: Double
        let revenue: Double
        let partial: Bool
    }

    struct Payload: Encodable {
        let period: String
        let mode: String
        let orders: Int
        let futureOrders: Int
        let excludedRefunds: Int
        let ordersBeforeSignup: Int
        let repeatPurchaseRate: Double
        let partialPeriods: [String]
        let cohorts: [CohortJSON]
        let cells: [CellJSON]
        let rejected: [RejectedRow]
        /// What was done to the orders (absent under --stream).
        let orderInput: OrderInputFacts?
    }

    func json(_ result: CohortResult, rejected: [RejectedRow], facts: OrderInputFacts?) -> Payload {
        let retention = result.retention(mode), nrr = result.netRevenueRetention, grr = result.grossRevenueRetention
        let ltv = result.cumulativeRevenuePerCustomer, churn = result.churn, repeats = result.repeatPurchaseRates
        var cohorts: [CohortJSON] = [], cells: [CellJSON] = []
        for row in 0..<result.cohortCount {
            let periods = (0..<result.observablePeriods[row]).map { p in
                PeriodJSON(period: p, partial: result.isPartial(row, p), active: result.active(row, p, mode: .returnOn),
                           activeOnOrAfter: result.active(row, p, mode: .returnOnOrAfter), retention: retention[row, p],
                           revenue: result.revenue(row, p), nrr: nrr[row, p], grr: grr[row, p],
                           cumulativeRevenuePerCustomer: ltv[row, p], churn: churn[row, p])
            }
            cohorts.append(CohortJSON(cohort: result.cohortLabels[row], partial: result.isPartialCohort(row), customers: result.sizes[row],
                                      repeatPurchaseRate: repeats[row], periods: periods))
            for p in periods {
                cells.append(CellJSON(cohort: result.cohortLabels[row], period: p.period, customers: result.sizes[row],
                                      active: mode == .returnOn ? p.active : p.activeOnOrAfter, retention: p.retention,
                                      revenue: p.revenue, partial: p.partial))
            }
        }
        return Payload(period: period.rawValue, mode: mode.rawValue, orders: result.orderCount,
                       futureOrders: result.futureOrderCount, excludedRefunds: result.excludedRefundCount,
                       ordersBeforeSignup: result.ordersBeforeSignupCount,
                       repeatPurchaseRate: result.overallRepeatPurchaseRate, partialPeriods: result.coverage.partialLabels,
                       cohorts: cohorts, cells: cells,
                       rejected: rejected, orderInput: facts)
    }
}
