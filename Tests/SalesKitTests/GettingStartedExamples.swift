// The Swift code blocks of Sources/SalesKit/Documentation.docc/GettingStarted.md, verbatim, so the
// article's code compiles with the package; GettingStartedTests checks the article still matches
// this file and runs the functions on datasets/.
import Foundation
import SalesKit

func readOrders(path: String, mapping: [String: String] = [:]) throws -> OrderLog {
    let (orders, rejected) = try OrderLog.read(file: path, mapping: mapping, policy: .skipInvalidRows)
    for row in rejected {
        print("\(path):\(row.line): \(row.reason) (skipped)")
    }
    return orders
}

func segmentsByRevenue(of orders: OrderLog) throws -> [RFMSegmentSummary] {
    var options = RFMOptions()
    options.asOf = Day(year: 2025, month: 1, day: 1)
    let rfm = try RFMAnalysis.run(orders, options: options)
    return rfm.summary
        .filter { $0.customers > 0 }
        .sorted { $0.revenue > $1.revenue }
}

func monthlyKPIs(ordersPath: String, surveysPath: String) throws -> CustomerKPIs {
    let orders = try OrderLog.read(file: ordersPath).log
    let surveys = try SurveyAnswers.read(file: surveysPath).surveys
    return try CustomerKPIs.run(orders: orders, period: .month, surveys: surveys)
}

func revenueTrend(_ kpis: CustomerKPIs, months: Int) throws -> [RegressionPrediction] {
    let revenue = kpis.periods.map(\.revenue)
    let history = try Matrix(columnArrays: [revenue.indices.map(Double.init)])
    let model = try LinearRegression.fit(features: history, response: revenue, featureNames: ["month"])
    let future = try Matrix(columnArrays: [(revenue.count..<revenue.count + months).map(Double.init)])
    return try model.predict(future, level: 0.95)
}

func writeReport(kpis: CustomerKPIs, orders: OrderLog, to path: String) throws {
    let document = SalesReportDocument(title: "Sales", sections: [
        KPISection(kpis: kpis),
        CohortSection(result: try CohortAnalysis.run(orders)),
        RFMSection(result: try RFMAnalysis.run(orders)),
    ])
    try document.render().write(toFile: path, atomically: true, encoding: .utf8)
}
