// The Swift code blocks of Sources/SalesAnalytics/Documentation.docc/WorkedExamples.md, verbatim, so
// the article's code compiles with the package; WorkedExamplesTests checks the article still
// matches this file and runs the functions on datasets/.
import Foundation
import SalesAnalytics
import SalesData
import SalesModels

func topCustomersByCLV(ordersPath: String, calibrationEnd: Date, count: Int) throws -> [CustomerLifetimeValue] {
    let orders = try OrderLog.read(file: ordersPath).log
    let end = Day(calibrationEnd)
    let summary = try CustomerSummary.build(
        orders: orders, options: CustomerSummaryOptions(calibrationEnd: end, unit: .week))
    let horizon = try CLVHorizon(periods: 12, period: .month, modelUnit: .week, discountRatePerPeriod: 0.01)
    let clv = try CLVAnalysis.run(summary: summary, horizon: horizon)
    return Array(clv.customers.sorted { ($0.clv ?? 0) > ($1.clv ?? 0) }.prefix(count))
}

func thirdMonthRetention(ordersPath: String) throws -> [(cohort: String, customers: Int, retention: Double)] {
    let orders = try OrderLog.read(file: ordersPath).log
    let cohorts = try CohortAnalysis.run(orders, options: CohortOptions(period: .month))
    return cohorts.cells(.returnOn)
        .filter { $0.period == 3 }
        .map { (cohort: $0.cohort, customers: $0.customers, retention: $0.retention) }
}

func signupFunnel(eventsPath: String) throws -> [(step: String, users: Int, conversion: Double?)] {
    let table = try ContractReader.read(.events, file: eventsPath).table
    let log = try EventLog.from(table: table)
    let definition = FunnelDefinition(steps: ["visit", "signup", "trial", "purchase"],
                                      windowSeconds: 7 * 86_400, mode: .strictOrder)
    let funnel = try EventFunnel.run(definition, on: log)
    return funnel.steps.map { (step: $0.name, users: $0.users, conversion: $0.conversionFromFirst) }
}

func scoreOpenDeals(opportunitiesPath: String, modelPath: String) throws -> [WinScore] {
    let deals = try Opportunities.read(file: opportunitiesPath)
    let model = try WinProbabilityModel.train(opportunities: deals.table)
    try model.save(to: modelPath)
    let saved = try WinProbabilityModel.load(from: modelPath)
    let scoring = try saved.score(deals.table, rows: .open)
    return scoring.scores.sorted { $0.probability > $1.probability }
}

func nextQuarterRevenue(ordersPath: String, opportunitiesPath: String, asOf: Date) throws -> CombinedRevenueForecast {
    let orders = try ForecastInputs.readOrders(ordersPath).orders
    let deals = try ForecastInputs.readOpportunities(opportunitiesPath).records
    let options = CombinedRevenueForecastOptions(
        deals: PipelineForecastOptions(horizon: 3, paths: 2_000),
        orders: RevenueForecastOptions(horizon: 3, model: .auto),
        quotaQuantile: 0.4)
    return try CombinedRevenueForecaster.forecast(orders: orders, opportunities: deals,
                                                  asOf: Day(asOf), options: options)
}
