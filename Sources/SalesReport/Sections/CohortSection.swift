import SalesAnalytics
import SalesData
/// The cohort retention heatmap (cohorts × periods since the first order) and a table of cohort
/// sizes with retention at a few milestones.
public struct CohortSection: ReportSection {
    /// The section heading.
    public let title: String
    /// The cohort analysis.
    public let result: CohortResult
    /// Which retention the heatmap shows.
    public let mode: RetentionMode
    /// The last period shown (periods 0…`maxPeriod`); `nil` shows every period (the heatmap
    /// scrolls sideways). A cut is stated under the chart with the command that shows the rest.
    public let maxPeriod: Int?

    /// Creates the section.
    /// - Parameters:
    ///   - result: The result of `CohortAnalysis.run`.
    ///   - mode: "Return on" (default) or "return on or after".
    ///   - maxPeriod: The last period since the first order shown (default `nil`: all of them).
    ///   - title: Heading (default "Cohort retention").
    public init(result: CohortResult, mode: RetentionMode = .returnOn, maxPeriod: Int? = nil,
                title: String = "Cohort retention") {
        self.result = result
        self.mode = mode
        self.maxPeriod = maxPeriod.map { max(0, $0) }
        self.title = title
    }

    /// The heatmap; cells a cohort could not be observed in yet stay blank; a cohort that starts in
    /// a partial period is labelled with ` *`.
    /// - Returns: The heatmap of retention rates.
    /// - Complexity: O(cohorts × periods).
    public func heatmap() -> Heatmap {
        let retention = result.retention(mode)
        let columns = min(retention.columns, (maxPeriod ?? Int.max - 1) + 1)
        let values: [[Double?]] = (0..<retention.rowLabels.count).map { row in
            (0..<columns).map { period in
                let v = retention[row, period]
                return v.isFinite ? v : nil
            }
        }
        // Period 0 is 100% by definition; scale colours to the later periods so they are distinguishable.
        let later = values.flatMap { $0.dropFirst().compactMap { $0 } }
        let top = max(0.05, later.max() ?? 1)
        let unit = result.options.period.rawValue
        return Heatmap(title: "\(title) (\(mode == .returnOn ? "active in" : "active in or after") \(unit) N)",
                       rowLabels: (0..<retention.rowLabels.count).map { retention.rowLabels[$0] + (result.isPartialCohort($0) ? " *" : "") },
                       columnLabels: (0..<columns).map { "\($0)" },
                       values: values, colorRange: 0...top)
    }

    /// Cohort sizes and retention after 1, 3, 6 and 12 periods ("–" where not yet observable).
    /// - Returns: One row per cohort.
    public func table() -> TextTable {
        let retention = result.retention(mode)
        let milestones = [1, 3, 6, 12].filter { $0 < retention.columns }
        var table = TextTable(headers: ["cohort", "customers"] + milestones.map { "after \($0)" }
                                  + ["repeat rate"], title: "Cohorts")
        let repeats = result.repeatPurchaseRates
        for row in 0..<result.cohortCount {
            let cells = milestones.map { p -> String in
                let v = retention[row, p]
                return v.isFinite ? Formatting.percent(v) : "–"
            }
            let rate = row < repeats.count && repeats[row].isFinite ? Formatting.percent(repeats[row]) : "–"
            table.append([result.cohortLabels[row] + (result.isPartialCohort(row) ? " *" : ""), Formatting.grouped(Double(result.sizes[row]), decimals: 0)]
                         + cells + [rate])
        }
        return table
    }

    /// Appends the heatmap, a note on the overall repeat rate and the cohort table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        let map = heatmap()
        report.wideChart(map.svg(width: 900))
        let all = result.retention(mode).columns
        if map.columnLabels.count < all {
            report.note("Periods 0–\(map.columnLabels.count - 1) of 0–\(all - 1) shown; "
                        + "`saleskit cohort --format csv` lists every period.")
        }
        report.note("Rows: first-order \(result.options.period.rawValue); columns: \(result.options.period.rawValue)s since. "
                    + "Overall repeat purchase rate \(Formatting.percent(result.overallRepeatPurchaseRate)).")
        let partial = result.coverage.partialLabels
        if !partial.isEmpty {
            report.note("Partial \(result.options.period.rawValue)\(partial.count > 1 ? "s" : "") (the data cover only part of it): "
                        + partial.joined(separator: ", ") + "."
                        + (result.coverage.isFirstPartial ? " The cohort marked * starts in it." : "")
                        + (result.coverage.isLastPartial ? " The last observable cell of every cohort lies in the partial last "
                           + "\(result.options.period.rawValue) and is still incomplete." : ""))
        }
        report.table(table())
    }
}
