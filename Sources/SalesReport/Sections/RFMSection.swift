import SalesAnalytics
import SalesData
/// RFM segment bars (customers per segment, annotated with their share of customers and of revenue)
/// and the segment table.
public struct RFMSection: ReportSection {
    /// The section heading.
    public let title: String
    /// The RFM analysis.
    public let result: RFMResult
    /// The currency symbol for money.
    public let currency: String

    /// Creates the section.
    /// - Parameters:
    ///   - result: The result of `RFMAnalysis.run`.
    ///   - currency: Currency symbol (default `$`).
    ///   - title: Heading (default "RFM segments").
    public init(result: RFMResult, currency: String = "$", title: String = "RFM segments") {
        self.result = result
        self.currency = currency
        self.title = title
    }

    /// The segments that hold customers, largest revenue first.
    /// - Returns: Segment summaries.
    /// - Complexity: O(segments log segments).
    public func segmentsByRevenue() -> [RFMSegmentSummary] {
        result.summary.filter { $0.customers > 0 }.sorted {
            $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.segment < $1.segment
        }
    }

    /// The bar chart: customers per segment, ordered by revenue, annotated with the shares of customers and revenue.
    /// - Returns: The chart.
    public func chart() -> BarChart {
        let bars = segmentsByRevenue().map { s in
            BarChart.Bar(label: s.segment, value: Double(s.customers),
                         annotation: "\(Formatting.percent(s.share)) of customers · \(Formatting.percent(s.revenueShare)) of revenue")
        }
        return BarChart(title: "\(title): customers per segment (ordered by revenue)", bars: bars)
    }

    /// The segment table: customers, revenue and their shares, mean recency/frequency/monetary.
    /// - Returns: One row per segment with customers.
    public func table() -> TextTable {
        var table = TextTable(headers: ["segment", "customers", "share", "revenue", "revenue share",
                                        "mean recency (days)", "mean orders", "mean monetary"])
        for s in segmentsByRevenue() {
            table.append([s.segment, Formatting.grouped(Double(s.customers), decimals: 0), Formatting.percent(s.share),
                          Formatting.money(s.revenue, currency: currency, decimals: 0), Formatting.percent(s.revenueShare),
                          Formatting.fixed(s.meanRecency, decimals: 0), Formatting.fixed(s.meanFrequency, decimals: 1),
                          Formatting.money(s.meanMonetary, currency: currency)])
        }
        return table
    }

    /// Appends the chart, a note with the as-of date and the table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.chart(chart().svg(width: 900))
        let asOf = result.asOf.description
        report.note("\(Formatting.grouped(Double(result.count), decimals: 0)) customers scored as of \(asOf); "
                    + "segments sorted by revenue.")
        report.table(table())
    }
}
