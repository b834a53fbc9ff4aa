import Foundation
import SalesKit

extension ReportAnalyses {
    /// The revenue section: monthly net revenue from the KPI sheet (every month from the first to
    /// the last order, months without orders at zero) and its AutoETS forecast (selection by AICc,
    /// seasonal period 12 when there are two years of history) with 80 % and 95 % intervals.
    ///
    /// A last month that the data do not cover to its end is left out of the model (a partial
    /// month would look like a collapse). A series the models cannot fit keeps the history chart
    /// and says why.
    /// - Parameters:
    ///   - kpis: The monthly KPI sheet.
    ///   - lastOrderDay: The last order date (days since 1970-01-01).
    /// - Returns: The section, and the forecast when there is one.
    func revenueSection(kpis: CustomerKPIs, lastOrderDay: Int32?) -> RevenueForecastSection {
        var labels = kpis.periods.map(\.period)
        var revenue = kpis.periods.map(\.revenue)
        var notes: [String] = []
        if let lastOrderDay, let month = labels.last, !Self.isLastDayOfMonth(Int(lastOrderDay)), labels.count > 1 {
            labels.removeLast()
            revenue.removeLast()
            notes.append("The partial month \(month) (data end \(CivilDate.isoString(fromDays: Int(lastOrderDay)))) is left out.")
        }
        let currency = inputs.currency
        do throws {
            let forecast = try AutoETS.forecast(revenue, seasonalPeriod: 12, horizon: inputs.horizon, levels: [80, 95])
            notes.insert("Net revenue per month; \(forecast.model) selected by AICc among the exponential smoothing "
                         + "models (\(forecast.intervalMethod == .analytic ? "analytic" : "simulated") intervals).", at: 0)
            return RevenueForecastSection(historyLabels: labels, history: revenue,
                                          forecastLabels: Self.monthLabels(after: labels.last, count: inputs.horizon),
                                          forecast: forecast, currency: currency, caption: notes.joined(separator: " "))
        } catch {
            notice("note: no revenue forecast: \(error)")
            notes.insert("Net revenue per month. No forecast: \(error).", at: 0)
            return RevenueForecastSection(historyLabels: labels, history: revenue, forecastLabels: [], model: "",
                                          mean: [], bands: [], currency: currency, caption: notes.joined(separator: " "),
                                          title: "Revenue history")
        }
    }

    /// Whether `day` is the last day of its month.
    static func isLastDayOfMonth(_ day: Int) -> Bool {
        CivilDate.civil(fromDays: day + 1).day == 1
    }

    /// `count` month labels `YYYY-MM` following `label` (`+1`, `+2`, … when `label` is not a month).
    static func monthLabels(after label: String?, count: Int) -> [String] {
        let parts = (label ?? "").split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            return (1...max(1, count)).map { "+\($0)" }
        }
        return (1...max(1, count)).map { k in
            let index = year * 12 + (month - 1) + k
            let m = index % 12 + 1
            return "\(index / 12)-" + (m < 10 ? "0\(m)" : "\(m)")
        }
    }
}
