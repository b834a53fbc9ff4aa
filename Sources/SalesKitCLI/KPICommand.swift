import ArgumentParser
import Foundation
import SalesKit

/// `saleskit kpi`: the KPI sheet — customer and order KPIs per period, CAC, CLV/CAC, NPS/CSAT,
/// and win rate / sales cycle from opportunities.
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "The KPI sheet: revenue, growth, orders, AOV, customers, retention, CAC, NPS/CSAT, win rate.",
        discussion: """
            A figure whose input file was not given is null in JSON and marked "needs --spend" (etc.) \
            in the table. Example: saleskit kpi --orders datasets/orders.csv --customers datasets/customers.csv \
            --spend datasets/marketing_spend.csv --surveys datasets/surveys.csv --opportunities datasets/opportunities.csv
            """)

    @Option(help: "The orders file (customer_id, order_date, amount).") var orders: String
    @Option(help: "opportunities.csv, for win rate and sales cycle.") var opportunities: String?
    @Option(help: "targets.csv (accepted for the report; quota attainment is part of the pipeline KPIs).") var targets: String?
    @Option(help: "marketing_spend.csv, for CAC.") var spend: String?
    @Option(help: "customers.csv, for CAC per acquisition channel.") var customers: String?
    @Option(help: "surveys.csv, for NPS and CSAT.") var surveys: String?
    @Option(help: "Reporting period: week, month or quarter.") var period: KPIPeriod = .month
    @Flag(help: "Skip unreadable rows (listed on stderr and under \"rejected\") instead of stopping.") var skipInvalid = false
    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let mapping = try columns.dictionary()
        let policy: CSVErrorPolicy = skipInvalid ? .skipInvalidRows : .strict
        var rejected: [CustomerCommandSupport.Rejected] = []
        let read = try OrdersFile.read(file: orders, mapping: mapping, policy: policy)
        rejected += CustomerCommandSupport.report(read.rejected, file: orders, output: output)
        let customerRecords = try customers.map { path in
            let r = try CustomerRecords.read(file: path, mapping: mapping, policy: policy)
            rejected += CustomerCommandSupport.report(r.rejected, file: path, output: output)
            return r.customers
        }
        let spendRows = try spend.map { path in
            let r = try MarketingSpend.read(file: path, mapping: mapping, policy: policy)
            rejected += CustomerCommandSupport.report(r.rejected, file: path, output: output)
            return r.spend
        }
        let answers = try surveys.map { path in
            let r = try SurveyAnswers.read(file: path, mapping: mapping, policy: policy)
            rejected += CustomerCommandSupport.report(r.rejected, file: path, output: output)
            return r.surveys
        }
        let sales = try opportunities.map { path in
            let r = try SimpleWinRateAndCycle.read(file: path, mapping: mapping, policy: policy)
            rejected += CustomerCommandSupport.report(r.rejected, file: path, output: output)
            return r.kpis
        }
        let kpis = try CustomerKPIs.compute(orders: read.orders, period: period, customers: customerRecords,
                                            spend: spendRows, surveys: answers)
        if spend != nil, customers == nil {
            output.notice("note: CAC per channel needs --customers (acquisition_channel); only blended CAC is computed")
        }
        let payload = KPIPayload(kpis: kpis, sales: sales, rejected: rejected)
        try output.emit(json: payload, table: tables(kpis, sales: sales))
    }

    private func tables(_ k: CustomerKPIs, sales: SimpleWinRateAndCycle?) -> [TextTable] {
        func money(_ v: Double?) -> String { v.map { Formatting.money($0) } ?? "" }
        func pct(_ v: Double?) -> String { v.map { Formatting.percent($0) } ?? "" }
        var periods = TextTable(headers: ["period", "revenue", "growth", "YoY", "orders", "AOV", "active", "new", "returning", "retention"],
                                alignments: [.left] + Array(repeating: .right, count: 9), title: "Per \(period.rawValue)")
        for r in k.periods {
            periods.append([r.period, money(r.revenue), pct(r.growth), pct(r.yoyGrowth), "\(r.orders)", money(r.aov),
                            "\(r.activeCustomers)", "\(r.newCustomers)", "\(r.returningCustomers)", pct(r.retentionRate)])
        }
        var sheet = TextTable(headers: ["KPI", "value"], alignments: [.left, .right], title: "KPI sheet")
        sheet.append(["revenue", money(k.totalRevenue)])
        sheet.append(["orders", "\(k.totalOrders)"])
        sheet.append(["customers", "\(k.customers)"])
        sheet.append(["average order value", money(k.aov)])
        sheet.append(["retention rate (per \(period.rawValue), pooled)", pct(k.retentionRate)])
        sheet.append(["churn rate", pct(k.churnRate)])
        sheet.append(["repeat purchase rate", pct(k.repeatPurchaseRate)])
        sheet.append(["historical CLV (AOV × frequency × lifespan)", money(k.historicalCLV)])
        let needsSpend = spend == nil ? "needs --spend" : (customers == nil ? "needs --customers" : "")
        sheet.append(["CAC (paid)", k.cac.map { Formatting.money($0) } ?? needsSpend])
        sheet.append(["CAC (blended)", k.blendedCac.map { Formatting.money($0) } ?? (spend == nil ? "needs --spend" : "")])
        sheet.append(["CLV / CAC", k.clvToCac.map { Formatting.fixed($0, decimals: 2) } ?? needsSpend])
        sheet.append(["payback months", k.paybackMonths.map { Formatting.fixed($0, decimals: 1) } ?? needsSpend])
        let needsSurveys = "needs --surveys"
        sheet.append(["NPS", k.surveys.map { $0.nps.map { Formatting.fixed($0, decimals: 1) } ?? "no NPS answers" } ?? needsSurveys])
        sheet.append(["CSAT", k.surveys.map { $0.csat.map { Formatting.percent($0 / 100) } ?? "no CSAT answers" } ?? needsSurveys])
        let needsOpps = "needs --opportunities"
        sheet.append(["win rate", sales.map { pct($0.winRate) } ?? needsOpps])
        sheet.append(["sales cycle (median days)", sales.map { $0.salesCycleDays.map { Formatting.fixed($0, decimals: 1) } ?? "" } ?? needsOpps])
        var tables = [sheet, periods]
        if let channels = k.cacByChannel {
            var t = TextTable(headers: ["channel", "spend", "new customers", "CAC"], alignments: [.left, .right, .right, .right],
                              title: "CAC by channel")
            for c in channels { t.append([c.channel, money(c.spend), "\(c.newCustomers)", money(c.cac)]) }
            tables.append(t)
        }
        return tables
    }
}

extension KPIPeriod: ExpressibleByArgument {}

/// The JSON document of `saleskit kpi`: the contract keys (null when their inputs were not given)
/// plus the rest of the sheet.
struct KPIPayload: Encodable {
    let kpis: CustomerKPIs
    let sales: SimpleWinRateAndCycle?
    let rejected: [CustomerCommandSupport.Rejected]

    enum Key: String, CodingKey {
        case period, periods, winRate, salesCycleDays, closedDeals, cac, blendedCac, cacByChannel, clvToCac, paybackMonths
        case retentionRate, churnRate, repeatPurchaseRate, revenue, orders, customers, aov, purchaseFrequencyPerYear
        case lifespanYears, historicalCLV, nps, csat, npsAnswers, csatAnswers, rejected
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let k = kpis
        try c.encode(k.period.rawValue, forKey: .period)
        try c.encode(k.periods, forKey: .periods)
        // Contract keys are always present: `encode` (not encodeIfPresent) writes null for nil.
        try c.encode(sales?.winRate, forKey: .winRate)
        try c.encode(sales?.salesCycleDays, forKey: .salesCycleDays)
        try c.encode(sales?.closedDeals, forKey: .closedDeals)
        try c.encode(k.cac, forKey: .cac)
        try c.encode(k.blendedCac, forKey: .blendedCac)
        try c.encode(k.cacByChannel, forKey: .cacByChannel)
        try c.encode(k.clvToCac, forKey: .clvToCac)
        try c.encode(k.paybackMonths, forKey: .paybackMonths)
        try c.encode(k.retentionRate, forKey: .retentionRate)
        try c.encode(k.churnRate, forKey: .churnRate)
        try c.encode(k.repeatPurchaseRate, forKey: .repeatPurchaseRate)
        try c.encode(k.totalRevenue, forKey: .revenue)
        try c.encode(k.totalOrders, forKey: .orders)
        try c.encode(k.customers, forKey: .customers)
        try c.encode(k.aov, forKey: .aov)
        try c.encode(k.purchaseFrequencyPerYear, forKey: .purchaseFrequencyPerYear)
        try c.encode(k.lifespanYears, forKey: .lifespanYears)
        try c.encode(k.historicalCLV, forKey: .historicalCLV)
        try c.encode(k.surveys?.nps, forKey: .nps)
        try c.encode(k.surveys?.csat, forKey: .csat)
        try c.encode(k.surveys?.npsAnswers, forKey: .npsAnswers)
        try c.encode(k.surveys?.csatAnswers, forKey: .csatAnswers)
        try c.encode(rejected, forKey: .rejected)
    }
}
