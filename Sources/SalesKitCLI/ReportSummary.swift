import Foundation
import SalesKit

/// What `saleskit report` and `saleskit demo` print about the file they wrote, in the chosen
/// `--format`: the path, its size and the sections (an omitted section says which input it needs).
struct ReportSummary: Encodable {
    struct Section: Encodable {
        var title: String
        var included: Bool
    }

    var report: String
    var bytes: Int
    var sections: [Section]

    init(path: String, html: String, document: SalesReportDocument) {
        report = path
        bytes = html.utf8.count
        sections = document.sections.map { Section(title: $0.title, included: !($0 is OmittedSection)) }
    }

    /// The summary as a table of sections (for `table` and `csv`).
    var table: TextTable {
        var table = TextTable(headers: ["section", "included"], alignments: [.left, .left],
                              title: "\(report) (\(bytes / 1024) KB)")
        for section in sections { table.append([section.title, section.included ? "yes" : "omitted"]) }
        return table
    }
}
