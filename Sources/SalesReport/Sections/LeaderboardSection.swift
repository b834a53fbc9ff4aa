import SalesAnalytics
/// The rep leaderboard: wins above what the win model expected (when model probabilities were
/// given) or won revenue, as bars, and a table with win rates, deal size and quota attainment.
public struct LeaderboardSection: ReportSection {
    /// The section heading.
    public let title: String
    /// One line per rep, as computed by `SalesKPIs.run`.
    public let reps: [SalesKPIs.RepPerformance]
    /// The currency symbol for money.
    public let currency: String

    /// Creates the section.
    /// - Parameters:
    ///   - reps: The leaderboard of a `SalesKPIs.Report`.
    ///   - currency: Currency symbol (default `$`).
    ///   - title: Heading (default "Rep leaderboard").
    public init(reps: [SalesKPIs.RepPerformance], currency: String = "$", title: String = "Rep leaderboard") {
        self.reps = reps
        self.currency = currency
        self.title = title
    }

    /// Whether the model's expected wins are known for every rep (then the chart ranks by wins above expected).
    public var hasExpectedWins: Bool { !reps.isEmpty && reps.allSatisfy { $0.winsAboveExpected != nil } }

    /// The reps in chart order: wins above expected (or won revenue) descending, then by name.
    /// - Returns: The sorted lines.
    /// - Complexity: O(reps log reps).
    public func ranked() -> [SalesKPIs.RepPerformance] {
        let byExpected = hasExpectedWins
        func key(_ r: SalesKPIs.RepPerformance) -> Double {
            byExpected ? (r.winsAboveExpected ?? 0) : r.rate.wonAmount
        }
        return reps.sorted { key($0) != key($1) ? key($0) > key($1) : $0.rep < $1.rep }
    }

    /// The bar chart: wins above expected (negative bars extend left) or won revenue per rep.
    /// - Returns: The chart.
    public func chart() -> BarChart {
        let currency = currency
        if hasExpectedWins {
            let bars = ranked().map { r in
                BarChart.Bar(label: r.rep, value: r.winsAboveExpected ?? 0,
                             annotation: "\(Formatting.fixed(r.winsAboveExpected ?? 0, decimals: 1)) "
                                 + "(\(r.rate.won) won, \(Formatting.fixed(r.expectedWins ?? 0, decimals: 1)) expected)")
            }
            return BarChart(title: "\(title): wins above expected", bars: bars,
                            valueLabel: { Formatting.fixed($0, decimals: abs($0) < 10 && $0 != $0.rounded() ? 1 : 0) })
        }
        let bars = ranked().map { r in
            BarChart.Bar(label: r.rep, value: r.rate.wonAmount,
                         annotation: Formatting.money(r.rate.wonAmount, currency: currency, decimals: 0))
        }
        return BarChart(title: "\(title): won revenue", bars: bars)
    }

    /// The table: deals, wins, win rates, won revenue, average deal, attainment, expected wins.
    /// - Returns: One row per rep, in chart order.
    public func table() -> TextTable {
        var table = TextTable(headers: ["rep", "closed", "won", "win rate", "won revenue", "avg won deal",
                                        "quota", "attainment", "expected wins", "above expected"])
        func opt(_ v: Double?, _ f: (Double) -> String) -> String { v.map(f) ?? "–" }
        for r in ranked() {
            table.append([r.rep, "\(r.rate.closed)", "\(r.rate.won)", opt(r.rate.byCount) { Formatting.percent($0) },
                          Formatting.money(r.rate.wonAmount, currency: currency, decimals: 0),
                          opt(r.averageDealSize) { Formatting.money($0, currency: currency, decimals: 0) },
                          opt(r.quota) { Formatting.money($0, currency: currency, decimals: 0) },
                          opt(r.attainment) { Formatting.percent($0) },
                          opt(r.expectedWins) { Formatting.fixed($0, decimals: 1) },
                          opt(r.winsAboveExpected) { Formatting.fixed($0, decimals: 1) }])
        }
        return table
    }

    /// Appends the chart, a note on the ranking and the table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.chart(chart().svg(width: 900))
        report.note(hasExpectedWins
            ? "Expected wins: the sum of the win model's probabilities over each rep's closed deals. "
                + "The model does not use the rep, so the difference estimates the rep's effect beyond deal mix "
                + "(the probabilities come from a model fitted on these same deals)."
            : "Ranked by won revenue (no win model probabilities were available).")
        report.table(table())
    }
}
