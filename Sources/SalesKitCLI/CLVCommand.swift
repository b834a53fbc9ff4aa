import ArgumentParser
import Foundation
import SalesKit

/// `saleskit clv`: BG/NBD + Gamma-Gamma lifetime value from an orders file, with holdout validation.
struct CLVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Customer lifetime value: BG/NBD purchases, Gamma-Gamma spend, discounted CLV.",
        discussion: """
            Orders dated on or before --calibration-end fit the models; later orders (up to \
            --holdout-end, default the last order) validate them. Purchases are grouped per \
            --grouping period (default day) and times are measured in --unit. Example (the CDNOW \
            sample reproduces Fader, Hardie & Lee 2005): saleskit clv --orders cdnow.csv \
            --map order_date=date --calibration-end 1997-09-30 --unit week

            Orders, purchases and refunds are defined once for every command (the \
            OrdersPurchasesRefunds article of the SalesAnalytics docs): line items sharing an order_id \
            are summed into their order; refunds never create a purchase period (under --refunds net \
            they reduce the spend of the period they return goods from); customers whose repeat \
            spend nets to <= 0 leave the Gamma-Gamma fit and are valued with its population mean spend.
            """)

    @Option(help: "The orders file (customer_id, order_date, amount).")
    var orders: String

    @Option(help: "Last day of the calibration window (YYYY-MM-DD).")
    var calibrationEnd: String

    @Option(help: "Time unit of recency, T and the model: day, week or month (30.436875 days).")
    var unit: CustomerTimeUnit

    @Option(help: "Purchase period: purchases in one period count once (day, week Mon–Sun, calendar month).")
    var grouping: CustomerTimeUnit = .day

    @Option(help: "CLV horizon: number of --horizon-unit periods.")
    var horizon: Int = 12

    @Option(help: "Length of one horizon period: day, week or month.")
    var horizonUnit: CustomerTimeUnit = .month

    @Option(help: "Discount rate per horizon period (0.01 = 1 %).")
    var discountRate: Double = 0.01


    @Option(help: "Last day of the holdout window (YYYY-MM-DD; default: the last order date).")
    var holdoutEnd: String?

    @Flag(help: "Skip unreadable rows (listed on stderr and under \"rejected\") instead of stopping.")
    var skipInvalid = false

    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup(title: "Warehouse source (instead of the files)") var warehouse: WarehouseSourceOptions
    @OptionGroup var refundOptions: RefundOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let calibration = try parseISODate(calibrationEnd, option: "--calibration-end")
        let holdout = try holdoutEnd.map { try parseISODate($0, option: "--holdout-end") }
        let horizonValue: CLVHorizon
        do {
            horizonValue = try CLVHorizon(periods: horizon, period: horizonUnit, modelUnit: unit,
                                          discountRatePerPeriod: discountRate)
        } catch {
            throw ValidationError("--horizon/--discount-rate: \(error)")
        }
        let input = try OrderLog.readOrders(file: orders, mapping: try columns.mapping(for: "orders", among: [.contract(.orders)]),
                                            policy: skipInvalid ? .skipInvalidRows : .strict,
                                            options: try inputFormat.readOptions(policy: skipInvalid ? .skipInvalidRows : .strict,
                                                                                 output: output),
                                            ids: refundOptions.ids)
        let rejected = output.reportSkipped(input.rejected, file: orders)
        let (log, facts) = refundOptions.prepare(input, output: output)
        let summary = try CustomerSummary.build(orders: log, options: CustomerSummaryOptions(
            calibrationEnd: calibration, unit: unit, grouping: grouping, refunds: refundOptions.refunds, holdoutEnd: holdout))
        let analysis = try CLVAnalysis.run(summary: summary, horizon: horizonValue)
        if summary.report.rowsAfterHoldoutEnd > 0 {
            output.notice("note: \(summary.report.rowsAfterHoldoutEnd) order rows after the holdout end were not used")
        }
        if !analysis.excludedFromSpendModel.isEmpty {
            output.notice("note: \(Self.spendModelNote(analysis))")
        }
        let payload = CLVPayload(summary: summary, analysis: analysis, rejected: rejected, orderInput: facts)
        switch output.format {
        case .json:
            try output.write(try JSONOutput.encode(payload) + "\n")
        case .csv:
            try output.write(customerTable(payload).renderCSV())
        case .table:
            var tables = [parameterTable(analysis)]
            if !analysis.excludedFromSpendModel.isEmpty {
                var note = TextTable(headers: ["note"], title: "Spend model")
                note.append([Self.spendModelNote(analysis)])
                tables.append(note)
            }
            if let h = analysis.holdout { tables.append(holdoutTable(h, unit: unit)) }
            tables.append(customerTable(payload, limit: 20))
            try output.write(tables.map { $0.renderAligned() }.joined(separator: "\n"))
        }
    }

    /// The sentence about customers left out of the Gamma-Gamma fit.
    static func spendModelNote(_ a: CLVAnalysis) -> String {
        let n = a.excludedFromSpendModel.count
        let mean = a.spend.model.populationMeanSpend.map { Formatting.money($0) } ?? "infinite (q <= 1): no CLV"
        return "\(n) customer\(n == 1 ? "" : "s") whose repeat purchases net to <= 0 left the Gamma-Gamma fit "
            + "and are valued with the population mean spend \(mean)"
    }

    private func parameterTable(_ a: CLVAnalysis) -> TextTable {
        var t = TextTable(headers: ["model", "parameter", "estimate"], alignments: [.left, .left, .right],
                          title: "Fitted models (time unit: \(unit.rawValue))")
        let bg = a.transactions.model, gg = a.spend.model
        for (name, v) in [("r", bg.r), ("alpha", bg.alpha), ("a", bg.a), ("b", bg.b)] {
            t.append(["BG/NBD", name, Formatting.fixed(v, decimals: 4)])
        }
        for (name, v) in [("p", gg.p), ("q", gg.q), ("gamma", gg.gamma)] {
            t.append(["Gamma-Gamma", name, Formatting.fixed(v, decimals: 4)])
        }
        return t
    }

    private func holdoutTable(_ h: HoldoutValidation, unit: CustomerTimeUnit) -> TextTable {
        var t = TextTable(headers: ["calibration purchases", "customers", "actual (mean)", "expected (mean)"],
                          alignments: [.left, .right, .right, .right],
                          title: "Holdout: \(Formatting.fixed(h.duration, decimals: 2)) \(unit.rawValue)s — actual \(h.actualTotal), expected \(Formatting.fixed(h.expectedTotal, decimals: 1)), MAE \(Formatting.fixed(h.meanAbsoluteError, decimals: 3))")
        for b in h.buckets {
            t.append([b.isOpenEnded ? "\(b.frequency)+" : "\(b.frequency)", "\(b.customers)",
                      Formatting.fixed(b.meanActual, decimals: 3), Formatting.fixed(b.meanExpected, decimals: 3)])
        }
        return t
    }

    private func customerTable(_ p: CLVPayload, limit: Int? = nil) -> TextTable {
        var rows = p.customers
        if let limit {
            rows = Array(rows.sorted { ($0.clv ?? -.infinity) > ($1.clv ?? -.infinity) }.prefix(limit))
        }
        var t = TextTable(headers: ["customer_id", "frequency", "recency", "T", "monetary", "pAlive", "expectedPurchases", "clv"],
                          title: limit.map { "Top \($0) customers by CLV" })
        for c in rows {
            t.append([c.customerId, "\(c.frequency)", Formatting.fixed(c.recency, decimals: 4),
                      Formatting.fixed(c.T, decimals: 4), Formatting.fixed(c.monetary, decimals: 2),
                      Formatting.fixed(c.pAlive, decimals: 4), Formatting.fixed(c.expectedPurchases, decimals: 4),
                      c.clv.map { limit == nil ? Formatting.fixed($0, decimals: 2) : Formatting.money($0) } ?? ""])
        }
        return t
    }
}

extension CustomerTimeUnit: ExpressibleByArgument {}

/// The JSON document of `saleskit clv` (keys of the CLI contract plus fit facts and the holdout).
struct CLVPayload: Encodable {
    struct BGNBD: Encodable {
        let r, alpha, a, b, logLikelihood: Double
        let iterations: Int
    }
    struct GammaGamma: Encodable {
        let p, q, gamma, logLikelihood: Double
        let customersUsed: Int
        /// Customers with repeat purchases left out of the fit (repeat spend nets to ≤ 0).
        let excludedFromSpendModel: Int
        /// pγ/(q − 1), the spend these customers are valued with (null when q ≤ 1).
        @NullEncoded var populationMeanSpend: Double?
    }
    struct Customer: Encodable {
        let customerId: String
        let frequency: Int
        let recency, T, monetary, pAlive, expectedPurchases: Double
        let inSpendModel: Bool
        let clv: Double?

        enum CodingKeys: String, CodingKey {
            case customerId, frequency, recency, T, monetary, pAlive, expectedPurchases, inSpendModel, clv
            /// Deprecated alias of `customerId`, written for one version (CHANGELOG 0.2.0).
            case customer_id
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(customerId, forKey: .customerId)
            try c.encode(customerId, forKey: .customer_id)
            try c.encode(frequency, forKey: .frequency)
            try c.encode(recency, forKey: .recency)
            try c.encode(T, forKey: .T)
            try c.encode(monetary, forKey: .monetary)
            try c.encode(pAlive, forKey: .pAlive)
            try c.encode(expectedPurchases, forKey: .expectedPurchases)
            try c.encode(inSpendModel, forKey: .inSpendModel)
            try c.encode(clv, forKey: .clv)
        }
    }
    struct Horizon: Encodable {
        let periods: Int
        let periodLength: Double
        let discountRatePerPeriod: Double
    }
    let unit: String
    let grouping: String
    let horizon: Horizon
    let bgnbd: BGNBD
    let gammaGamma: GammaGamma
    let customers: [Customer]
    let holdout: HoldoutValidationJSON?
    let summary: CustomerSummaryReport
    let rejected: [RejectedRow]
    let orderInput: OrderInputFacts?

    struct HoldoutValidationJSON: Encodable {
        let duration: Double
        let customers: Int
        let actualTotal: Int
        let expectedTotal: Double
        let meanAbsoluteError: Double
        let buckets: [HoldoutBucket]
    }

    init(summary: CustomerSummary, analysis: CLVAnalysis, rejected: [RejectedRow], orderInput: OrderInputFacts?) {
        self.orderInput = orderInput
        let bg = analysis.transactions, gg = analysis.spend
        unit = summary.options.unit.rawValue
        grouping = summary.options.grouping.rawValue
        horizon = Horizon(periods: analysis.horizon.periods, periodLength: analysis.horizon.periodLength,
                          discountRatePerPeriod: analysis.horizon.discountRatePerPeriod)
        bgnbd = BGNBD(r: bg.model.r, alpha: bg.model.alpha, a: bg.model.a, b: bg.model.b,
                      logLikelihood: bg.logLikelihood, iterations: bg.iterations)
        gammaGamma = GammaGamma(p: gg.model.p, q: gg.model.q, gamma: gg.model.gamma, logLikelihood: gg.logLikelihood,
                                customersUsed: gg.rowsUsed, excludedFromSpendModel: analysis.excludedFromSpendModel.count,
                                populationMeanSpend: gg.model.populationMeanSpend)
        customers = analysis.customers.enumerated().map { i, c in
            Customer(customerId: c.customerID, frequency: summary.frequency[i], recency: summary.recency[i],
                     T: summary.age[i], monetary: summary.monetary[i], pAlive: c.pAlive,
                     expectedPurchases: c.expectedPurchases, inSpendModel: c.inSpendModel, clv: c.clv)
        }
        holdout = analysis.holdout.map {
            HoldoutValidationJSON(duration: $0.duration, customers: $0.customers, actualTotal: $0.actualTotal,
                                  expectedTotal: $0.expectedTotal, meanAbsoluteError: $0.meanAbsoluteError,
                                  buckets: $0.buckets)
        }
        self.summary = summary.report
        self.rejected = rejected
    }
}
