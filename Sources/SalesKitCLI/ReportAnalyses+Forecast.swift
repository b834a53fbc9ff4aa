import Foundation
import SalesKit

extension ReportAnalyses {
    /// The revenue-forecast section. The forecasting module (branch `forecast`) is not part of this
    /// build yet, so the section says so instead of drawing a chart.
    func forecastSections(log: OrderLog, asOf: Int32?, highlights: inout ReportHighlights) throws -> [any ReportSection] {
        [OmittedSection(title: "Revenue forecast", reason: "the forecasting module is not in this build")]
    }
}
