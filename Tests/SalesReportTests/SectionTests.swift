import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SalesReport
import SalesAnalytics
import SalesData
import SalesModels

/// Report sections: each renders parseable SVG with the elements a reader relies on, and the
/// document ties them together with anchors. Inputs are small and hand-checked.
@Suite("Report sections")
struct SectionTests {
    private func parse(_ svg: String) throws -> XMLDocument { try XMLDocument(xmlString: svg, options: []) }
    private func count(_ document: XMLDocument, _ name: String) throws -> Int {
        try document.nodes(forXPath: "//*[local-name()='\(name)']").count
    }

    @Test func forecastChartHasBandsAndJoinsTheForecastToTheLastActual() throws {
        let section = RevenueForecastSection(
            historyLabels: ["2024-01", "2024-02", "2024-03"], history: [100, 120, 110],
            forecastLabels: ["2024-04", "2024-05"], model: "ETS(A,N,N)", mean: [112, 114],
            bands: [.init(level: 80, lower: [100, 98], upper: [124, 130]),
                    .init(level: 95, lower: [94, 90], upper: [130, 138])],
            currency: "€")
        let chart = section.chart()
        #expect(chart.series.count == 2)
        // The dashed forecast starts at the last actual point (x = 2, y = 110), then steps 3 and 4.
        #expect(chart.series[1].x == [2, 3, 4] && chart.series[1].y == [110, 112, 114])
        #expect(chart.series[1].dashed)
        #expect(chart.bands.map(\.name) == ["95%", "80%"])  // wider band drawn first, underneath
        let document = try parse(chart.svg())
        #expect(try count(document, "polygon") == 2)
        #expect(try count(document, "polyline") == 2)
        let table = section.table()
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == ["2024-04", "€112", "€100", "€124", "€94", "€130"])
        #expect(section.band(level: 95)?.upper == [130, 138])
        #expect(section.band(level: 50) == nil)
    }

    @Test func sectionFromAModelForecast() throws {
        let forecast = Forecast(model: "ETS(A,N,N)", mean: [5, 6],
                                intervals: [PredictionInterval(level: 80, lower: [4, 4], upper: [6, 8]),
                                            PredictionInterval(level: 95, lower: [3, 2], upper: [7, 10])],
                                intervalMethod: .analytic)
        let section = RevenueForecastSection(historyLabels: ["q1", "q2"], history: [4, 5], forecastLabels: ["q3", "q4"],
                                             forecast: forecast)
        #expect(section.model == "ETS(A,N,N)" && section.mean == [5, 6])
        #expect(section.band(level: 80) == .init(level: 80, lower: [4, 4], upper: [6, 8]))
        #expect(section.band(level: 95)?.upper == [7, 10])
    }

    @Test func historyOnlyChartHasNoBands() throws {
        let section = RevenueForecastSection(historyLabels: ["a", "b"], history: [1, 2], forecastLabels: [],
                                             model: "", mean: [], bands: [], caption: "No forecast.")
        let document = try parse(section.chart().svg())
        #expect(try count(document, "polygon") == 0)
        #expect(try count(document, "polyline") == 1)
        var report = HTMLReport(title: "t")
        section.render(into: &report)
        let html = report.render()
        #expect(html.contains("No forecast.") && !html.contains("<table>"))
    }

    @Test func funnelBarsCarryConversionLabels() throws {
        let section = FunnelSection(title: "Funnel", unit: "users", steps: [
            .init(name: "visit", count: 1000, fromPrevious: nil, fromFirst: 1),
            .init(name: "signup", count: 400, fromPrevious: 0.4, fromFirst: 0.4, medianTime: "2.0h"),
            .init(name: "purchase", count: 100, fromPrevious: 0.25, fromFirst: 0.1),
        ])
        let bars = section.chart().bars
        #expect(bars.map(\.annotation) == ["1,000", "400 · 40.0% of previous", "100 · 25.0% of previous"])
        let document = try parse(section.chart().svg())
        #expect(try count(document, "rect") == 3)
        #expect(section.table().rows[1] == ["signup", "400", "40.0%", "40.0%", "2.0h"])
        #expect(FunnelSection.duration(seconds: 45) == "45s")
        #expect(FunnelSection.duration(seconds: 3 * 86_400) == "3.0d")
    }

    /// Three customers: A orders in Jan and Mar, B in Jan, C in Feb (as of 2024-03-31).
    private func tinyOrders() throws -> OrderLog {
        func day(_ m: Int, _ d: Int) -> Int32 { Int32(CivilDate.days(year: 2024, month: m, day: d)) }
        return try OrderLog(rows: [("A", day(1, 5), 10), ("B", day(1, 9), 20), ("C", day(2, 3), 30), ("A", day(3, 7), 40)])
    }

    @Test func cohortHeatmapLeavesUnobservedCellsBlank() throws {
        var options = CohortOptions(period: .month)
        options.asOf = Int32(CivilDate.days(year: 2024, month: 3, day: 31))
        let result = try CohortAnalysis.run(try tinyOrders(), options: options)
        let heatmap = CohortSection(result: result).heatmap()
        // The orders start on 01-05: the January cohort starts in a partial month and is marked.
        #expect(heatmap.rowLabels == ["2024-01 *", "2024-02"])
        // Jan cohort {A, B}: month 0 all, month 1 nobody, month 2 A → 100%, 0%, 50%.
        // Feb cohort {C}: months 0 and 1 observable (1 is March) → 100%, 0%, then blank.
        #expect(heatmap.values[0] == [1, 0, 0.5])
        #expect(heatmap.values[1] == [1, 0, nil])
        let document = try parse(heatmap.svg())
        #expect(try count(document, "rect") == 5)
        #expect(CohortSection(result: result, maxPeriod: 1).heatmap().columnLabels == ["0", "1"])
    }

    @Test func rfmBarsOrderedByRevenue() throws {
        var options = RFMOptions()
        options.asOf = Day(year: 2024, month: 4, day: 1)
        let result = try RFMAnalysis.run(try tinyOrders(), options: options)
        let section = RFMSection(result: result)
        let segments = section.segmentsByRevenue()
        #expect(segments.reduce(0) { $0 + $1.customers } == 3)
        #expect(zip(segments, segments.dropFirst()).allSatisfy { $0.revenue >= $1.revenue })
        let chart = section.chart()
        #expect(chart.bars.count == segments.count)
        #expect(chart.bars.allSatisfy { $0.annotation?.contains("of customers") == true })
        _ = try parse(chart.svg())
    }

    @Test func documentLinksPresentSectionsOnlyAndEscapesText() throws {
        let present = RevenueForecastSection(historyLabels: ["a", "b"], history: [1, 2], forecastLabels: [],
                                             model: "", mean: [], bands: [], caption: "No forecast.",
                                             title: "RFM — segments ≥ 5")
        let document = SalesReportDocument(title: "Q1 <draft>", subtitle: "a & b", sections: [
            OmittedSection(title: "Win probability model", reason: "needs --opportunities"),
            present,
            OmittedSection(title: "Product funnel", reason: "needs <events>"),
        ])
        let html = document.render()
        #expect(html.contains("<title>Q1 &lt;draft&gt;</title>"))
        #expect(html.contains("<nav><a href=\"#rfm-segments-5\">RFM — segments ≥ 5</a></nav>"))
        #expect(html.contains("<h2 id=\"rfm-segments-5\">"))
        // Omitted sections: no link, no heading of their own, listed at the end.
        #expect(!html.contains("href=\"#win-probability-model\""))
        #expect(!html.contains("<h2 id=\"win-probability-model\">"))
        let end = try #require(html.range(of: "<h2 id=\"not-in-this-report\">"))
        #expect(html[end.upperBound...].contains("<p class=\"note\">Omitted: Product funnel — needs &lt;events&gt;.</p>"))
        #expect(html[end.upperBound...].contains("Omitted: Win probability model — needs --opportunities."))
        #expect(HTMLReport.anchor("***") == "section")
    }

    @Test func contentsLinkOnlyToHeadingsInTheDocument() {
        var report = HTMLReport(title: "t")
        report.contents(["Here", "Missing"])
        report.heading("Here")
        let html = report.render()
        #expect(html.contains("<nav><a href=\"#here\">Here</a></nav>"))
        #expect(!html.contains("#missing"))
    }

    @Test func sideBySideChartsShareARow() {
        var report = HTMLReport(title: "t")
        report.charts(["<?xml version=\"1.0\"?><svg a/>", "<svg b/>"])
        let html = report.render()
        #expect(html.contains("<div class=\"row\"><figure><svg a/></figure><figure><svg b/></figure></div>"))
    }

    @Test func exactScaleFillsThePlot() {
        let scale = AxisScale(exactLower: 0, upper: 35, pixelStart: 72, pixelEnd: 876)
        #expect(scale.position(0) == 72 && scale.position(35) == 876)
        #expect(scale.ticks.isEmpty)
        #expect(AxisScale(exactLower: 3, upper: 3, pixelStart: 0, pixelEnd: 10).upper == 4)
    }
}
