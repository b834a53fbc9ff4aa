import Foundation
import SalesKit

extension ReportAnalyses {
    /// The revenue section: monthly net revenue from the KPI sheet. The forecasting module (branch
    /// `forecast`) is not part of this build, so the chart shows the history and says so.
    /// - Parameter kpis: The KPI sheet (its per-month revenue is the history).
    /// - Returns: The section.
    func revenueSection(kpis: CustomerKPIs) -> RevenueForecastSection {
        RevenueForecastSection(
            historyLabels: kpis.periods.map(\.period), history: kpis.periods.map(\.revenue), forecastLabels: [],
            model: "", mean: [], bands: [], currency: inputs.currency,
            caption: "Net revenue per month. No forecast: this build of saleskit does not include the forecasting module.",
            title: "Revenue history")
    }
}
