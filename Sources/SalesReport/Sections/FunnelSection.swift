import SalesAnalytics
/// Funnel bars with conversion labels (users or deals per step, share of the previous and of the
/// first step) and the step table. Built from an event funnel (`FunnelResult`) or the CRM stage
/// funnel (`StageFunnel.Report`).
public struct FunnelSection: ReportSection {
    /// One bar of the funnel.
    public struct Step: Sendable, Equatable {
        /// Step or stage name.
        public var name: String
        /// Users or deals that reached it.
        public var count: Int
        /// Share of the previous step (`nil` for the first step or a zero denominator).
        public var fromPrevious: Double?
        /// Share of the first step.
        public var fromFirst: Double?
        /// Median time spent before the next step / in the stage, already formatted ("" for none).
        public var medianTime: String

        /// Creates a step.
        /// - Parameters:
        ///   - name: Step or stage name.
        ///   - count: Users or deals reaching it.
        ///   - fromPrevious: Share of the previous step.
        ///   - fromFirst: Share of the first step.
        ///   - medianTime: Formatted median time ("" for none).
        public init(name: String, count: Int, fromPrevious: Double?, fromFirst: Double?, medianTime: String = "") {
            self.name = name; self.count = count; self.fromPrevious = fromPrevious
            self.fromFirst = fromFirst; self.medianTime = medianTime
        }
    }

    /// The section heading.
    public let title: String
    /// What is counted ("users", "deals").
    public let unit: String
    /// The steps in funnel order.
    public let steps: [Step]
    /// Sentences under the chart (bottleneck, window, mode).
    public let notes: [String]

    /// Creates the section from steps.
    /// - Parameters:
    ///   - title: Heading.
    ///   - unit: What is counted ("users", "deals").
    ///   - steps: The steps in funnel order.
    ///   - notes: Sentences under the chart.
    public init(title: String, unit: String, steps: [Step], notes: [String] = []) {
        self.title = title; self.unit = unit; self.steps = steps; self.notes = notes
    }

    /// Creates the section from an event funnel.
    /// - Parameters:
    ///   - result: The result of `EventFunnel.run`.
    ///   - title: Heading (default "Product funnel").
    public init(eventFunnel result: FunnelResult, title: String = "Product funnel") {
        let steps = result.steps.map { step in
            Step(name: step.name, count: step.users, fromPrevious: step.conversionFromPrevious,
                 fromFirst: step.conversionFromFirst,
                 medianTime: step.secondsFromPrevious.median.map(Self.duration(seconds:)) ?? "")
        }
        let window = Self.duration(seconds: Double(result.definition.windowSeconds))
        self.init(title: title, unit: "users", steps: steps,
                  notes: ["\(Formatting.grouped(Double(result.totalUsers), decimals: 0)) users; conversion window \(window), "
                          + "mode \(result.definition.mode). Median time is from the previous step."])
    }

    /// Creates the section from the CRM stage funnel.
    /// - Parameters:
    ///   - report: The result of `StageFunnel.run`.
    ///   - title: Heading (default "Sales pipeline funnel").
    public init(stageFunnel report: StageFunnel.Report, title: String = "Sales pipeline funnel") {
        let first = report.stages.first?.entered ?? 0
        var steps: [Step] = []
        for (i, stage) in report.stages.enumerated() {
            let previous = i > 0 ? report.stages[i - 1].entered : nil
            steps.append(Step(name: stage.name, count: stage.entered,
                              fromPrevious: previous.flatMap { $0 > 0 ? Double(stage.entered) / Double($0) : nil },
                              fromFirst: first > 0 ? Double(stage.entered) / Double(first) : nil,
                              medianTime: stage.medianDays.map { Formatting.fixed($0, decimals: 1) + " d" } ?? ""))
        }
        var notes = ["\(Formatting.grouped(Double(report.deals), decimals: 0)) deals. Median time is the time spent in the stage."]
        if let stage = report.mostLossesStage { notes.append("Most deals are lost at \(stage).") }
        if let stage = report.slowestStage { notes.append("Slowest stage: \(stage).") }
        if let rate = report.conversion.leadToWon { notes.append("Lead → won: \(Formatting.percent(rate)).") }
        self.init(title: title, unit: "deals", steps: steps, notes: notes)
    }

    /// The bar chart: one bar per step, annotated with the count and the conversion from the previous step.
    /// - Returns: The chart.
    public func chart() -> BarChart {
        let bars = steps.enumerated().map { i, step in
            let count = Formatting.grouped(Double(step.count), decimals: 0)
            let annotation = i == 0 || step.fromPrevious == nil
                ? count : "\(count) · \(Formatting.percent(step.fromPrevious ?? 0)) of previous"
            return BarChart.Bar(label: step.name, value: Double(step.count), annotation: annotation)
        }
        return BarChart(title: "\(title) (\(unit))", bars: bars)
    }

    /// The step table: count, share of previous and first step, median time.
    /// - Returns: One row per step.
    public func table() -> TextTable {
        var table = TextTable(headers: ["step", unit, "of previous", "of first", "median time"])
        for step in steps {
            table.append([step.name, Formatting.grouped(Double(step.count), decimals: 0),
                          step.fromPrevious.map { Formatting.percent($0) } ?? "–",
                          step.fromFirst.map { Formatting.percent($0) } ?? "–",
                          step.medianTime.isEmpty ? "–" : step.medianTime])
        }
        return table
    }

    /// Appends the chart, the notes and the table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.chart(chart().svg(width: 900))
        for note in notes { report.note(note) }
        report.table(table())
    }

    /// A duration for people: seconds, minutes, hours or days with one decimal.
    /// - Parameter seconds: The duration.
    /// - Returns: E.g. `45s`, `12.5m`, `3.0h`, `2.4d`.
    public static func duration(seconds: Double) -> String {
        if seconds < 120 { return Formatting.fixed(seconds, decimals: 0) + "s" }
        if seconds < 7_200 { return Formatting.fixed(seconds / 60, decimals: 1) + "m" }
        if seconds < 172_800 { return Formatting.fixed(seconds / 3_600, decimals: 1) + "h" }
        return Formatting.fixed(seconds / 86_400, decimals: 1) + "d"
    }
}
