/// One part of the HTML report: a heading followed by the charts, tables and headline numbers that
/// present one analysis result.
///
/// Sections only present; they compute nothing the analytics layer has not computed already.
/// Build them from analytics results (each conforming type has initializers taking the result
/// types of `SalesAnalytics` and `SalesModels`) and add them to a ``SalesReportDocument``.
public protocol ReportSection: Sendable {
    /// The section heading.
    var title: String { get }
    /// Whether the section stands for an analysis left out (its inputs were not given): such
    /// sections get no link in the contents list and are listed together at the end.
    var isOmitted: Bool { get }
    /// Appends the section (heading first) to `report`.
    /// - Parameter report: The document being built.
    func render(into report: inout HTMLReport)
}

extension ReportSection {
    /// Sections present an analysis unless they say otherwise.
    public var isOmitted: Bool { false }
}

/// A section whose inputs were not given: listed at the end of the report with what it needs, so a
/// reader sees what the report could show and how to get it; the contents list does not link to it.
public struct OmittedSection: ReportSection {
    /// The heading the section would have had.
    public let title: String
    /// Why it is missing, e.g. "needs --opportunities".
    public let reason: String

    /// Creates the note.
    /// - Parameters:
    ///   - title: The heading of the missing section.
    ///   - reason: What is missing (shown after "Omitted: ").
    public init(title: String, reason: String) {
        self.title = title
        self.reason = reason
    }

    /// Always `true`.
    public var isOmitted: Bool { true }

    /// Appends an "Omitted: title — reason." note (no heading, so nothing links to it).
    public func render(into report: inout HTMLReport) {
        report.note("Omitted: \(title) — \(reason).")
    }
}

/// The whole report: a title, a subtitle (inputs, as-of date) and sections in order, rendered as one
/// self-contained HTML file (inline SVG and CSS, no scripts, no network assets).
public struct SalesReportDocument: Sendable {
    /// The document title.
    public var title: String
    /// The line under the title.
    public var subtitle: String
    /// The sections in display order.
    public var sections: [any ReportSection]

    /// Creates a document.
    /// - Parameters:
    ///   - title: The document title.
    ///   - subtitle: The line under the title (e.g. input files and as-of date).
    ///   - sections: The sections in display order.
    public init(title: String, subtitle: String = "", sections: [any ReportSection] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    /// Appends a section.
    /// - Parameter section: The section to append.
    public mutating func append(_ section: any ReportSection) { sections.append(section) }

    /// The complete HTML document: a contents list linking to every section present, the
    /// sections in order, and the omitted ones listed together at the end.
    /// - Returns: UTF-8 text of the HTML file.
    /// - Complexity: O(total size of the charts and tables).
    public func render() -> String {
        var report = HTMLReport(title: title, subtitle: subtitle)
        let present = sections.filter { !$0.isOmitted }
        let omitted = sections.filter(\.isOmitted)
        if !present.isEmpty { report.contents(present.map(\.title)) }
        for section in present { section.render(into: &report) }
        if !omitted.isEmpty {
            report.heading("Not in this report")
            for section in omitted { section.render(into: &report) }
        }
        return report.render()
    }
}
