import SalesAnalytics
/// Headline KPIs as tiles, a revenue-per-period bar chart and the per-period KPI table.
///
/// Built from ``CustomerKPIs`` (orders, with CAC and NPS/CSAT when their files were given) and, when
/// opportunities were given, the win rate and sales cycle.
public struct KPISection: ReportSection {
    /// The section heading.
    public let title: String
    /// The KPIs.
    public let kpis: CustomerKPIs
    /// The pipeline's sales KPIs (win rate, sales cycle); `nil` without opportunities.
    public let sales: SalesKPIs.Report?
    /// The currency symbol for money.
    public let currency: String
    /// The revenue trend with its forecast band, shown under the tiles; `nil` for none.
    public let trend: LineChart?

    /// Creates the section.
    /// - Parameters:
    ///   - kpis: The KPI sheet of `CustomerKPIs.run`.
    ///   - sales: `SalesKPIs.run`'s sheet (win rate and median sales cycle are shown), if opportunities were read.
    ///   - currency: Currency symbol (default `$`).
    ///   - trend: The revenue trend chart, e.g. ``RevenueForecastSection/trendChart(lastPeriods:)``.
    ///   - title: Heading (default "Key figures").
    public init(kpis: CustomerKPIs, sales: SalesKPIs.Report? = nil, currency: String = "$",
                trend: LineChart? = nil, title: String = "Key figures") {
        self.kpis = kpis
        self.sales = sales
        self.currency = currency
        self.trend = trend
        self.title = title
    }

    /// The tiles: label and formatted value, only for figures that could be computed.
    /// - Returns: Label/value pairs in display order.
    public func tiles() -> [(String, String)] {
        let k = kpis
        var items: [(String, String)] = [
            ("Revenue", Formatting.money(k.totalRevenue, currency: currency, decimals: 0)),
            ("Orders", Formatting.grouped(Double(k.totalOrders), decimals: 0)),
            ("Customers", Formatting.grouped(Double(k.customers), decimals: 0)),
        ]
        if let aov = k.aov { items.append(("Average order value", Formatting.money(aov, currency: currency))) }
        if let r = k.retentionRate { items.append(("Retention per \(k.period.rawValue)", Formatting.percent(r))) }
        if let r = k.repeatPurchaseRate { items.append(("Repeat purchase rate", Formatting.percent(r))) }
        if let r = k.revenuePerCustomer { items.append(("Revenue per customer to date", Formatting.money(r, currency: currency))) }
        if let p = k.predictedCLV {
            let horizon = "next \(p.horizonMonths) mo, \(Formatting.fixed(p.discountRatePerMonth * 100, decimals: 1)) %/mo"
            items.append(("Predicted CLV, new customer (\(horizon))", Formatting.money(p.perNewCustomer, currency: currency)))
            if p.perExistingCustomer.isFinite {
                items.append(("Predicted CLV, current customer (\(horizon))", Formatting.money(p.perExistingCustomer, currency: currency)))
            }
        }
        if let cac = k.cac ?? k.blendedCac { items.append(("CAC", Formatting.money(cac, currency: currency))) }
        if let ratio = k.clvToCac { items.append(("Predicted CLV (new customer) / CAC", Formatting.fixed(ratio, decimals: 2))) }
        if let nps = k.surveys?.nps { items.append(("NPS", Formatting.fixed(nps, decimals: 1))) }
        if let csat = k.surveys?.csat { items.append(("CSAT", Formatting.percent(csat / 100))) }
        if let win = sales?.overall.byCount { items.append(("Win rate", Formatting.percent(win))) }
        if let cycle = sales?.salesCycle.medianDays { items.append(("Sales cycle (median)", Formatting.fixed(cycle, decimals: 0) + " days")) }
        return items
    }

    /// The per-period table: revenue, growth, orders, AOV, active/new customers, retention; a
    /// period the orders cover only in part is marked `*` (and has no growth).
    /// - Returns: One row per period.
    /// - Complexity: O(periods).
    public func periodTable() -> TextTable {
        var table = TextTable(headers: ["period", "revenue", "growth", "orders", "AOV", "active", "new", "retention"],
                              title: "Per \(kpis.period.rawValue)" + partialNote)
        func pct(_ v: Double?) -> String { v.map { Formatting.percent($0) } ?? "–" }
        for r in kpis.periods {
            table.append([r.period + (r.partial ? " *" : ""), Formatting.money(r.revenue, currency: currency, decimals: 0), pct(r.growth),
                          Formatting.grouped(Double(r.orders), decimals: 0),
                          r.aov.map { Formatting.money($0, currency: currency) } ?? "–",
                          Formatting.grouped(Double(r.activeCustomers), decimals: 0),
                          Formatting.grouped(Double(r.newCustomers), decimals: 0), pct(r.retentionRate)])
        }
        return table
    }

    /// ` (* partial: …)` naming the partial periods, or "".
    var partialNote: String {
        let partial = kpis.periods.filter(\.partial).map(\.period)
        return partial.isEmpty ? "" : " (* partial: " + partial.joined(separator: ", ") + ")"
    }

    /// Appends the tiles, the CAC-by-channel table (when known) and the per-period table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.metrics(tiles())
        if let trend { report.chart(trend.svg(width: 720, height: 260)) }
        if let channels = kpis.cacByChannel, !channels.isEmpty {
            var t = TextTable(headers: ["channel", "spend", "new customers", "CAC"], title: "CAC by acquisition channel")
            for c in channels {
                t.append([c.channel, Formatting.money(c.spend, currency: currency, decimals: 0),
                          Formatting.grouped(Double(c.newCustomers), decimals: 0),
                          c.cac.map { Formatting.money($0, currency: currency) } ?? "–"])
            }
            report.table(t)
        }
        report.table(periodTable())
    }
}
