import Foundation
import SalesKit

extension ReportAnalyses {
    /// The revenue section: net revenue per period from the KPI sheet (every period from the first
    /// to the last order, periods without orders at zero) and its AutoETS forecast (selection by
    /// AICc, the season of the period: 12 months, 4 quarters, 52 weeks, 7 days) with 80 % and 95 %
    /// intervals.
    ///
    /// A last period that the data do not cover to its end is left out of the model (a partial
    /// period would look like a collapse); a partial first period stays and is marked `*`. A
    /// series the models cannot fit keeps the history chart and says why.
    /// - Parameter kpis: The KPI sheet (its periods and their partial flags).
    /// - Returns: The section, and the forecast when there is one.
    func revenueSection(kpis: CustomerKPIs) -> RevenueForecastSection {
        let unit = kpis.period
        var rows = kpis.periods
        var notes: [String] = []
        if let last = rows.last, last.partial, rows.count > 1 {
            rows.removeLast()
            notes.append("The partial \(unit.rawValue) \(last.period) is left out of the model.")
        }
        if let first = rows.first, first.partial {
            notes.append("The first \(unit.rawValue) \(first.period) is partial (*).")
        }
        let labels = rows.map { $0.period + ($0.partial ? " *" : "") }
        let revenue = rows.map(\.revenue)
        let currency = inputs.currency
        let season: Int
        switch unit {
        case .day: season = 7
        case .week: season = 52
        case .month: season = 12
        case .quarter: season = 4
        case .year: season = 1
        }
        do throws {
            let forecast = try AutoETS.forecast(revenue, seasonalPeriod: season, horizon: inputs.horizon, levels: [80, 95])
            notes.insert("Net revenue per \(unit.rawValue); \(forecast.model) selected by AICc among the exponential smoothing "
                         + "models (\(forecast.intervalMethod == .analytic ? "analytic" : "simulated") intervals).", at: 0)
            return RevenueForecastSection(historyLabels: labels, history: revenue,
                                          forecastLabels: Self.labels(after: rows.last?.period, unit: unit, count: inputs.horizon),
                                          forecast: forecast, currency: currency, caption: notes.joined(separator: " "))
        } catch {
            notice("note: no revenue forecast: \(error)")
            notes.insert("Net revenue per \(unit.rawValue). No forecast: \(error).", at: 0)
            return RevenueForecastSection(historyLabels: labels, history: revenue, forecastLabels: [], model: "",
                                          mean: [], bands: [], currency: currency, caption: notes.joined(separator: " "),
                                          title: "Revenue history")
        }
    }

    /// The labels of the `count` periods of `unit` after the period labelled `label` (`+1`, `+2`, …
    /// when `label` is not a period of `unit`).
    static func labels(after label: String?, unit: PeriodUnit, count: Int) -> [String] {
        guard let label, let period = Period(label: label, unit: unit) else { return (1...max(1, count)).map { "+\($0)" } }
        return (1...max(1, count)).map { period.advanced(by: $0).label }
    }
}
