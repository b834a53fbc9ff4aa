import ArgumentParser
import Foundation
import SalesKit

/// `saleskit kpi`: the KPI sheet — customer and order KPIs per period, CAC, CLV/CAC, NPS/CSAT,
/// and the pipeline's sales KPIs (`SalesKPIs`) from opportunities (and targets).
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "The KPI sheet: revenue, growth, orders, AOV, customers, retention, CAC, NPS/CSAT, win rate.",
        discussion: """
            A figure whose input file was not given is null in JSON and marked "needs --spend" (etc.) \
            in the table. Example: saleskit kpi --orders datasets/orders.csv --customers datasets/customers.csv \
            --spend datasets/marketing_spend.csv --surveys datasets/surveys.csv --opportunities datasets/opportunities.csv

            Orders, purchases, refunds and customers are defined once for every command (the \
            OrdersPurchasesRefunds article of the SalesAnalytics docs): line items sharing an order_id \
            are summed into their order; a purchase is an order netting >= 0; refunds reduce revenue \
            but are never orders, purchases, new or active customers; customers with refunds only are \
            reported on their own line, not counted as customers.
            """)

    @Option(help: "The orders file (customer_id, order_date, amount).") var orders: String
    @Option(help: "opportunities.csv, for win rate, sales cycle, pipeline and weighted pipeline.") var opportunities: String?
    @Option(help: "targets.csv (with --opportunities), for pipeline coverage and quota attainment.") var targets: String?
    @Option(help: "As-of date YYYY-MM-DD of the pipeline KPIs (default: from the opportunities).") var asOf: Day?
    @Option(help: "marketing_spend.csv, for CAC.") var spend: String?
    @Option(help: "customers.csv, for CAC per acquisition channel.") var customers: String?
    @Option(help: "surveys.csv, for NPS and CSAT.") var surveys: String?
    @Option(help: "Reporting period: day, week (ISO, Monday to Sunday), month, quarter or year.") var period: PeriodUnit = .month
    @Flag(help: "Skip unreadable rows (listed on stderr and under \"rejected\") instead of stopping.") var skipInvalid = false
    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup(title: "Warehouse source (instead of the files)") var warehouse: WarehouseSourceOptions
    @OptionGroup var refundOptions: RefundOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var files: [ContractFile] = [.orders]
        if customers != nil { files.append(.customers) }
        if spend != nil { files.append(.marketingSpend) }
        if surveys != nil { files.append(.surveys) }
        if opportunities != nil { files.append(.opportunities) }
        if targets != nil { files.append(.targets) }
        let maps = try columns.resolved(files.map(ColumnMapOptions.Scope.contract))
        func mapping(_ file: ContractFile) -> [String: String] { maps[file.rawValue] ?? [:] }
        let policy: CSVErrorPolicy = skipInvalid ? .skipInvalidRows : .strict
        let readOptions = try inputFormat.readOptions(policy: policy, output: output)
        let input = try OrderLog.readOrders(file: orders, mapping: mapping(.orders), policy: policy, options: readOptions,
                                            ids: refundOptions.ids)
        var rejected = output.reportSkipped(input.rejected, file: orders)
        let (orderLog, facts) = refundOptions.prepare(input, output: output)
        let customerRecords = try customers.map { path in
            let r = try CustomerRecords.read(file: path, mapping: mapping(.customers), policy: policy, options: readOptions)
            rejected += output.reportSkipped(r.rejected, file: path)
            return r.customers
        }
        let spendRows = try spend.map { path in
            let r = try MarketingSpend.read(file: path, mapping: mapping(.marketingSpend), policy: policy, options: readOptions)
            rejected += output.reportSkipped(r.rejected, file: path)
            return r.spend
        }
        let answers = try surveys.map { path in
            let r = try SurveyAnswers.read(file: path, mapping: mapping(.surveys), policy: policy, options: readOptions)
            rejected += output.reportSkipped(r.rejected, file: path)
            return r.surveys
        }
        if targets != nil, opportunities == nil {
            throw ValidationError("--targets needs --opportunities (quota attainment compares bookings with quotas)")
        }
        let sales = try opportunities.map { path in
            let r = try ContractReader.read(.opportunities, file: path, mapping: mapping(.opportunities), policy: policy,
                                           options: readOptions)
            rejected += output.reportSkipped(r.quality.rejected, file: path)
            let targetTable = try targets.map { targetPath in
                let t = try ContractReader.read(.targets, file: targetPath, mapping: mapping(.targets), policy: policy,
                                               options: readOptions)
                rejected += output.reportSkipped(t.quality.rejected, file: targetPath)
                return t.table
            }
            return try SalesKPIs.run(opportunities: r.table, targets: targetTable,
                                         options: .init(period: period, asOf: asOf))
        }
        let kpis = try CustomerKPIs.run(orders: orderLog, period: period, customers: customerRecords,
                                            spend: spendRows, surveys: answers)
        if spend != nil, customers == nil {
            output.notice("note: CAC per channel needs --customers (acquisition_channel); only blended CAC is computed")
        }
        let payload = KPIPayload(kpis: kpis, sales: sales, rejected: rejected, orderInput: facts)
        try output.emit(json: payload, table: tables(kpis, sales: sales, facts: facts, cells: CellFormat(output.format)))
    }

    /// The KPI sheet, the per-period table and CAC by channel; in CSV (`cells.isData`) every value is
    /// a raw number in full precision and a value that could not be computed is empty (its reason,
    /// such as "needs --spend", is for people and stays in the table format).
    private func tables(_ k: CustomerKPIs, sales: SalesKPIs.Report?, facts: OrderInputFacts, cells: CellFormat) -> [TextTable] {
        func money(_ v: Double?, _ missing: String = "") -> String { cells.money(v, missing: missing) }
        func pct(_ v: Double?, _ missing: String = "") -> String { cells.percent(v, missing: missing) }
        func number(_ v: Double?, _ decimals: Int, _ missing: String = "", suffix: String = "") -> String {
            cells.number(v, decimals: decimals, suffix: suffix, missing: missing)
        }
        func reason(_ text: String) -> String { cells.isData ? "" : text }
        var periods = TextTable(headers: ["period", "revenue", "growth", "YoY", "orders", "AOV", "active", "new", "returning", "retention"],
                                alignments: [.left] + Array(repeating: .right, count: 9),
                                title: "Per \(period.rawValue)" + Self.partialNote(k.periods))
        for r in k.periods {
            periods.append([r.period + (r.partial && !cells.isData ? " *" : ""), money(r.revenue), pct(r.growth), pct(r.yoyGrowth), "\(r.orders)", money(r.aov),
                            "\(r.activeCustomers)", "\(r.newCustomers)", "\(r.returningCustomers)", pct(r.retentionRate)])
        }
        var sheet = TextTable(headers: ["KPI", "value"], alignments: [.left, .right], title: "KPI sheet")
        sheet.append(["revenue", money(k.totalRevenue)])
        sheet.append(["orders", "\(k.totalOrders)"])
        sheet.append(["customers", "\(k.customers)"])
        sheet.append(["customers with refunds only (not counted)", "\(facts.customersWithoutPurchase)"])
        if facts.refunds > 0, cells.isData {
            sheet.append(["refunds (\(facts.refundPolicy))", "\(facts.refunds)"])
            sheet.append(["refund amount", money(facts.refundAmount)])
        } else if facts.refunds > 0 {
            sheet.append(["refunds (\(facts.refundPolicy))", "\(facts.refunds) totalling \(money(facts.refundAmount))"])
        }
        sheet.append(["average order value", money(k.aov)])
        sheet.append(["retention rate (per \(period.rawValue), pooled)", pct(k.retentionRate)])
        sheet.append(["churn rate", pct(k.churnRate)])
        sheet.append(["repeat purchase rate", pct(k.repeatPurchaseRate)])
        sheet.append(["revenue per customer to date", money(k.revenuePerCustomer)])
        if let p = k.predictedCLV {
            let horizon = "next \(p.horizonMonths) months, \(Formatting.fixed(p.discountRatePerMonth * 100, decimals: 1)) % per month"
            sheet.append(["predicted CLV of a new customer (BG/NBD + Gamma-Gamma, \(horizon))", money(p.perNewCustomer)])
            sheet.append(["predicted CLV of a current customer (\(horizon))", money(p.perExistingCustomer.isFinite ? p.perExistingCustomer : nil)])
        } else {
            sheet.append(["predicted CLV", reason("not available: \(k.predictedCLVUnavailable ?? "not computed")")])
        }
        let needsSpend = spend == nil ? "needs --spend" : (customers == nil ? "needs --customers" : "")
        sheet.append(["CAC (paid)", money(k.cac, needsSpend)])
        sheet.append(["CAC (blended)", money(k.blendedCac, spend == nil ? "needs --spend" : "")])
        sheet.append(["CLV / CAC (predicted CLV of a new customer)", number(k.clvToCac, 2, needsSpend)])
        sheet.append(["payback months", number(k.paybackMonths, 1, needsSpend)])
        let needsSurveys = "needs --surveys"
        sheet.append(["NPS", k.surveys.map { number($0.nps, 1, "no NPS answers") } ?? reason(needsSurveys)])
        sheet.append(["CSAT", k.surveys.map { pct($0.csat.map { $0 / 100 }, "no CSAT answers") } ?? reason(needsSurveys)])
        let needsOpps = "needs --opportunities"
        sheet.append(["win rate", sales.map { pct($0.overall.byCount) } ?? reason(needsOpps)])
        sheet.append(["sales cycle (median days)", sales.map { number($0.salesCycle.medianDays, 1) } ?? reason(needsOpps)])
        sheet.append(["open pipeline", sales.map { money($0.pipeline.value) } ?? reason(needsOpps)])
        sheet.append(["weighted pipeline (\(sales?.pipeline.weighting ?? "stage weights"))", sales.map { money($0.pipeline.weightedValue) } ?? reason(needsOpps)])
        let needsTargets = sales == nil ? needsOpps : "needs --targets"
        sheet.append(["pipeline coverage (\(sales?.pipeline.coveragePeriod ?? "as-of period"))",
                      number(sales?.pipeline.coverage, 2, needsTargets, suffix: "×")])
        sheet.append(["quota attainment", pct(KPIPayload.teamAttainment(sales), needsTargets)])
        var tables = [sheet, periods]
        if let channels = k.cacByChannel {
            var t = TextTable(headers: ["channel", "spend", "new customers", "CAC"], alignments: [.left, .right, .right, .right],
                              title: "CAC by channel")
            for c in channels { t.append([c.channel, money(c.spend), cells.count(c.newCustomers), money(c.cac)]) }
            tables.append(t)
        }
        return tables
    }
}

extension KPICommand {
    /// ` (* partial: 2024-12-30; no growth against it)` (or `them`) for the periods the orders cover only in part, or "".
    static func partialNote(_ rows: [KPIPeriodRow]) -> String {
        let partial = rows.filter(\.partial).map(\.period)
        return partial.isEmpty ? "" : " (* partial: " + partial.joined(separator: ", ") + "; no growth against \(partial.count > 1 ? "them" : "it"))"
    }
}

extension PeriodUnit: ExpressibleByArgument {}

/// The JSON document of `saleskit kpi`: the contract keys (null when their inputs were not given)
/// plus the rest of the sheet.
struct KPIPayload: Encodable {
    let kpis: CustomerKPIs
    let sales: SalesKPIs.Report?
    let rejected: [RejectedRow]
    let orderInput: OrderInputFacts

    enum Key: String, CodingKey {
        case period, periods, winRate, salesCycleDays, closedDeals, winRateByValue, averageDealSize, openDeals
        case pipelineValue, weightedPipeline, pipelineWeighting, coveragePeriod, pipelineCoverage, quotaAttainment, cac, blendedCac, cacByChannel, clvToCac, paybackMonths
        case retentionRate, churnRate, repeatPurchaseRate, revenue, orders, customers, aov, purchaseFrequencyPerYear
        case lifespanYears, revenuePerCustomer, predictedCLV, predictedCLVUnavailable, nps, csat, npsAnswers, csatAnswers, rejected, orderInput
    }

    /// The team's attainment over every period with a quota (`nil` without targets or quota).
    static func teamAttainment(_ sales: SalesKPIs.Report?) -> Double? {
        sales?.attainment.first { $0.rep == nil && $0.period == nil }?.attainment
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let k = kpis
        try c.encode(k.period.rawValue, forKey: .period)
        try c.encode(k.periods, forKey: .periods)
        // Contract keys are always present: `encode` (not encodeIfPresent) writes null for nil.
        try c.encode(sales?.overall.byCount, forKey: .winRate)
        try c.encode(sales?.salesCycle.medianDays, forKey: .salesCycleDays)
        try c.encode(sales?.overall.closed, forKey: .closedDeals)
        try c.encode(sales?.overall.byValue, forKey: .winRateByValue)
        try c.encode(sales?.averageDealSize, forKey: .averageDealSize)
        try c.encode(sales?.pipeline.openDeals, forKey: .openDeals)
        try c.encode(sales?.pipeline.value, forKey: .pipelineValue)
        try c.encode(sales?.pipeline.weightedValue, forKey: .weightedPipeline)
        try c.encode(sales?.pipeline.weighting, forKey: .pipelineWeighting)
        try c.encode(sales?.pipeline.coveragePeriod, forKey: .coveragePeriod)
        try c.encode(sales?.pipeline.coverage, forKey: .pipelineCoverage)
        try c.encode(Self.teamAttainment(sales), forKey: .quotaAttainment)
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
        try c.encode(k.revenuePerCustomer, forKey: .revenuePerCustomer)
        try c.encode(k.predictedCLV, forKey: .predictedCLV)
        try c.encode(k.predictedCLVUnavailable, forKey: .predictedCLVUnavailable)
        try c.encode(k.surveys?.nps, forKey: .nps)
        try c.encode(k.surveys?.csat, forKey: .csat)
        try c.encode(k.surveys?.npsAnswers, forKey: .npsAnswers)
        try c.encode(k.surveys?.csatAnswers, forKey: .csatAnswers)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(orderInput, forKey: .orderInput)
    }
}
