import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SalesReport
import SalesModels

/// Charts are checked as XML: they must parse, and hold the elements a reader relies on.
@Suite("SVG charts and the HTML report")
struct ChartTests {
    private func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(xmlString: svg, options: [])
    }

    private func count(_ document: XMLDocument, _ name: String) throws -> Int {
        try document.nodes(forXPath: "//*[local-name()='\(name)']").count
    }

    @Test func lineChartWithBandsParses() throws {
        let history = LineChart.Series(name: "Revenue", x: [0, 1, 2, 3], y: [10, 12, 11, 14])
        let forecast = LineChart.Series(name: "Forecast", x: [3, 4, 5], y: [14, 15, 16], dashed: true)
        let band95 = LineChart.Band(name: "95%", x: [4, 5], lower: [12, 12], upper: [18, 20])
        let band80 = LineChart.Band(name: "80%", x: [4, 5], lower: [13, 13.5], upper: [17, 18.5], opacity: 0.3)
        let chart = LineChart(title: "Revenue & <forecast>", series: [history, forecast], bands: [band95, band80],
                              xTickLabels: ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
        let document = try parse(chart.svg())
        #expect(document.rootElement()?.name == "svg")
        #expect(try count(document, "polyline") == 2)
        #expect(try count(document, "polygon") == 2)
        // The title is escaped, not raw markup.
        #expect(chart.svg().contains("Revenue &amp; &lt;forecast&gt;"))
    }

    @Test func rocChartHasDiagonal() throws {
        let roc = LineChart(title: "ROC", series: [.init(name: "model", x: [0, 0.2, 1], y: [0, 0.7, 1])],
                            xDomain: 0...1, yDomain: 0...1, showDiagonal: true)
        let document = try parse(roc.svg())
        let dashed = try document.nodes(forXPath: "//*[local-name()='line'][@stroke-dasharray]")
        #expect(dashed.count == 1)
    }

    @Test func barChartHandlesNegativeAndNonFinite() throws {
        let chart = BarChart(title: "Wins above expected", bars: [
            .init(label: "rep-1", value: 3.5), .init(label: "rep-2", value: -2), .init(label: "北京", value: .nan),
        ])
        let document = try parse(chart.svg())
        #expect(try count(document, "rect") == 3)
        #expect(!chart.svg().contains("nan"))
    }

    @Test func heatmapSkipsMissingCells() throws {
        let map = Heatmap(title: "Retention", rowLabels: ["2024-01", "2024-02"], columnLabels: ["0", "1", "2"],
                          values: [[1, 0.4, 0.3], [1, 0.5, nil]])
        let document = try parse(map.svg())
        #expect(try count(document, "rect") == 5)
        #expect(ChartPalette.sequential(0) == "#f7fbff" && ChartPalette.sequential(1) == "#08306b")
    }

    @Test func reportIsSelfContained() throws {
        var report = HTMLReport(title: "Sales <report>", subtitle: "datasets/")
        report.metrics([("Revenue", "$1,234.00")])
        var table = TextTable(headers: ["segment", "customers"])
        table.append(["Champions", "12"])
        report.table(table)
        report.chart(BarChart(title: "Segments", bars: [.init(label: "Champions", value: 12)]).svg())
        let html = report.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Sales &lt;report&gt;"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))  // no external assets
        #expect(!html.contains("<script"))
    }

    @Test(arguments: [(0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]), (3.0, 97.0, [0.0, 20, 40, 60, 80, 100])])
    func niceTicks(_ lo: Double, _ hi: Double, _ expected: [Double]) {
        let scale = AxisScale(minimum: lo, maximum: hi, pixelStart: 0, pixelEnd: 100)
        #expect(scale.ticks.count == expected.count)
        for (a, b) in zip(scale.ticks, expected) { #expect(abs(a - b) < 1e-12) }
    }
}
