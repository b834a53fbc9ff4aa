import Foundation
import SalesKit

/// What `saleskit report` and `saleskit demo` print about the file they wrote, in the chosen
/// `--format`: the path, its size and the sections (an omitted section says which input it needs).
struct ReportSummary: Encodable {
    struct Section: Encodable {
        var title: String
        var included: Bool
    }

    /// One period of the report's KPI table.
    struct PeriodRow: Encodable {
        var period: String
        var revenue: Double
        var partial: Bool
    }

    var report: String
    var bytes: Int
    var sections: [Section]
    /// The period unit of the KPI table, cohorts and revenue forecast (`nil` without orders).
    var period: String?
    /// The KPI table's periods (`nil` without orders); a partial one is marked `*` in the report.
    var periods: [PeriodRow]?

    init(path: String, html: String, document: SalesReportDocument, kpis: CustomerKPIs? = nil) {
        report = path
        bytes = html.utf8.count
        sections = document.sections.map { Section(title: $0.title, included: !($0 is OmittedSection)) }
        period = kpis?.period.rawValue
        periods = kpis?.periods.map { PeriodRow(period: $0.period, revenue: $0.revenue, partial: $0.partial) }
    }

    /// The summary as a table of sections (for `table` and `csv`).
    var table: TextTable {
        var table = TextTable(headers: ["section", "included"], alignments: [.left, .left],
                              title: "\(report) (\(bytes / 1024) KB)")
        for section in sections { table.append([section.title, section.included ? "yes" : "omitted"]) }
        return table
    }
}
