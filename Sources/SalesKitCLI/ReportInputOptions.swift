import ArgumentParser
import Foundation
import SalesKit

/// The input files and settings of `saleskit report` (and, filled from `datasets/`, of `saleskit demo`).
/// Every file is optional; a section whose inputs are missing is omitted with a note.
struct ReportInputOptions: ParsableArguments {
    @Option(help: "orders.csv (customer_id, order_date, amount): KPIs, RFM, cohorts, revenue forecast.")
    var orders: String?
    @Option(help: "opportunities.csv: win model (ROC, calibration), win rate, rep leaderboard.")
    var opportunities: String?
    @Option(help: "targets.csv (rep_id, period, quota): quota attainment in the leaderboard.")
    var targets: String?
    @Option(help: "marketing_spend.csv: CAC and CLV/CAC.")
    var spend: String?
    @Option(help: "customers.csv: CAC per acquisition channel.")
    var customers: String?
    @Option(help: "surveys.csv: NPS and CSAT.")
    var surveys: String?
    @Option(help: "events.csv (user_id, event, timestamp): the product funnel.")
    var events: String?
    @Option(help: "stage_history.csv: the sales pipeline funnel (with --opportunities for won/lost).")
    var stageHistory: String?
    @Option(help: "The as-of date YYYY-MM-DD for RFM recency, deal ages and the forecast origin (default: the last date in the data).")
    var asOf: String?
    @Option(help: "Currency symbol for money.")
    var currency: String = "$"
    @Option(help: "Product funnel steps, comma-separated event names in order.")
    var funnelSteps: String = "visit,signup,trial,purchase"
    @Option(help: "Product funnel conversion window: 7d, 12h, 30m, 45s.")
    var window: String = "7d"
    @Option(help: "Period of the KPI table, the cohorts and the revenue forecast: week (ISO, Monday to Sunday), month, quarter or year.")
    var period: PeriodUnit = .month
    @Option(help: "Forecast horizon in periods (months by default).")
    var horizon: Int = 6
    @Flag(help: "Skip bad rows (each reported on stderr) instead of stopping at the first.")
    var skipInvalid = false
    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup var refundOptions: RefundOptions
    @OptionGroup var format: InputOptions

    func validate() throws {
        if let asOf { _ = try parseISODate(asOf, option: "--as-of") }
        if FunnelDefinition.parseDuration(window) == nil {
            throw ValidationError("--window expects a duration such as 7d, 12h, 30m or 45s, got \"\(window)\"")
        }
        if funnelSteps.split(separator: ",").count < 2 {
            throw ValidationError("--funnel-steps needs at least two event names, got \"\(funnelSteps)\"")
        }
        if period == .day { throw ValidationError("--period day is not supported in the report (its cohort table would be days × days); use week, month, quarter or year") }
        guard (1...60).contains(horizon) else { throw ValidationError("--horizon must be between 1 and 60, got \(horizon)") }
        if currency.isEmpty { throw ValidationError("--currency must not be empty") }
    }

    /// Whether no input file at all was given.
    var isEmpty: Bool {
        [orders, opportunities, targets, spend, customers, surveys, events, stageHistory].allSatisfy { $0 == nil }
    }

    /// The given files, for the report's subtitle.
    /// The contract files given, for checking `--map`.
    var contractFiles: [ContractFile] {
        [(orders, ContractFile.orders), (opportunities, .opportunities), (targets, .targets), (spend, .marketingSpend),
         (customers, .customers), (surveys, .surveys), (events, .events), (stageHistory, .stageHistory)]
            .compactMap { $0.0 == nil ? nil : $0.1 }
    }

    var fileList: [String] {
        [orders, opportunities, targets, spend, customers, surveys, events, stageHistory].compactMap { $0 }
            .map { URL(fileURLWithPath: $0).lastPathComponent }
    }
}
