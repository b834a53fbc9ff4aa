import ArgumentParser
import Foundation
import SalesKit

/// `saleskit funnel`: the event funnel (`--events`) or the CRM stage funnel (`--stage-history`).
struct FunnelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Event funnel (ClickHouse windowFunnel semantics) or CRM stage funnel.",
        discussion: """
        Examples:
        Event funnel: saleskit funnel --events events.csv --steps visit,signup,trial,purchase --window 7d
        Stage funnel: saleskit funnel --stage-history stage_history.csv --opportunities opportunities.csv
        """)

    @Option(help: "events.csv (user_id,event,timestamp) for an event funnel.")
    var events: String?
    @Option(help: "Comma-separated step event names, in order.")
    var steps: String?
    @Option(help: "Conversion window: 7d, 12h, 30m, 45s or seconds.")
    var window: String = "7d"
    @Option(help: "Per-step windows from the previous step, comma-separated, one per step after the first (empty = none): e.g. ,1h,1d.")
    var stepWindows: String?
    @Option(help: "default, strict-order, strict-increase or strict-dedup (combine with +).")
    var mode: String = "default"
    @Option(help: "Break the funnel down by this column of the events file (the value on each user's first event).")
    var breakdown: String?
    @Option(help: "Take the --breakdown column from this user attribute file (user_id plus the column, e.g. customers.csv) instead of the events file.")
    var breakdownFile: String?
    @Option(help: "Exclusion event: users with it inside their converting chain are removed.")
    var exclude: String?
    @Option(help: "stage_history.csv for the CRM stage funnel.")
    var stageHistory: String?
    @Option(help: "opportunities.csv (with --stage-history).")
    var opportunities: String?
    @Option(name: .customLong("stage-map"), help: "Map a stage name to a contract stage: theirs=contract (repeatable).")
    var stageMap: [String] = []
    @Flag(help: "Print the seconds spent reading, grouping and computing on stderr.")
    var timings = false
    @Flag(help: "Skip bad rows (listed on stderr and under \"rejected\") instead of stopping at the first.")
    var skipInvalid = false
    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup(title: "Warehouse source (instead of --events)") var warehouse: WarehouseSourceOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if events == nil && stageHistory == nil {
            throw ValidationError("give --events FILE --steps a,b,c or --stage-history FILE --opportunities FILE")
        }
        if events != nil && stageHistory != nil {
            throw ValidationError("--events and --stage-history are two different funnels; give one")
        }
        if events != nil && (steps ?? "").isEmpty { throw ValidationError("--events needs --steps a,b,c") }
        if breakdownFile != nil && breakdown == nil { throw ValidationError("--breakdown-file needs --breakdown COLUMN") }
        if FunnelDefinition.parseDuration(window) == nil {
            throw ValidationError("--window expects a duration such as 7d, 12h, 30m or 45s, got \"\(window)\"")
        }
        if FunnelMode.parse(mode) == nil {
            throw ValidationError("--mode expects default, strict-order, strict-increase or strict-dedup, got \"\(mode)\"")
        }
    }

    func run() throws {
        if let events { try runEvents(path: events) } else if let stageHistory { try runStages(path: stageHistory) }
    }

    private var policy: CSVErrorPolicy { skipInvalid ? .skipInvalidRows : .strict }

    /// The reader options of the input format flags, with this command's policy.
    private func readOptions() throws -> CSVReadOptions { try inputFormat.readOptions(policy: policy, output: output) }



    // MARK: Event funnel

    private func runEvents(path: String) throws {
        let stepNames = (steps ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let windowSeconds = FunnelDefinition.parseDuration(window) ?? 0
        var stepWindowSeconds: [Int64?] = []
        if let stepWindows {
            let parts = stepWindows.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let padded = parts.count == stepNames.count - 1 ? [""] + parts : parts
            guard padded.count == stepNames.count else {
                throw ValidationError("--step-windows needs \(stepNames.count - 1) entries (one per step after the first)")
            }
            for part in padded {
                if part.isEmpty { stepWindowSeconds.append(nil); continue }
                guard let seconds = FunnelDefinition.parseDuration(part) else {
                    throw ValidationError("--step-windows: \"\(part)\" is not a duration")
                }
                stepWindowSeconds.append(seconds)
            }
        }
        let definition = FunnelDefinition(
            steps: stepNames, windowSeconds: windowSeconds, stepWindowSeconds: stepWindowSeconds,
            mode: FunnelMode.parse(mode) ?? .default, exclusion: exclude.map { FunnelExclusion(event: $0) })
        let properties = breakdownFile == nil ? (breakdown.map { [$0] } ?? []) : []
        var eventsScope = ColumnMapOptions.Scope.contract(.events)
        eventsScope.columns += properties
        var scopes = [eventsScope]
        if breakdownFile != nil, let breakdown { scopes.append(.init(name: "breakdown", columns: ["user_id", breakdown])) }
        let maps = try columns.resolved(scopes)
        let clock = ContinuousClock()
        let started = clock.now
        let read = try ContractReader.read(.events, file: path, mapping: maps["events"] ?? [:], policy: policy,
                                          extraCategories: properties, options: try readOptions())
        let readDone = clock.now
        let rejected = output.reportSkipped(read.quality.rejected, file: path)
        let log = try EventLog.from(table: read.table, properties: properties)
        let grouped = clock.now
        var property = breakdown.flatMap { log.properties[$0] }
        if let breakdownFile, let breakdown {
            let attributes = try CSVReader.read(
                file: breakdownFile, schema: CSVSchema([.init("user_id", .category), .init(breakdown, .category)]).mapped(maps["breakdown"] ?? [:]),
                options: try readOptions())
            output.reportSkipped(attributes.rejected, file: breakdownFile)
            property = UserProperty.joined(to: log, userIDs: try attributes.table.categories("user_id"),
                                           values: try attributes.table.categories(breakdown))
        }
        let result = try EventFunnel.run(definition, on: log, breakdown: property)
        if timings {
            let finished = clock.now
            func seconds(_ d: Duration) -> String { String(format: "%.3f", d.seconds) }
            FileHandle.standardError.write(Data(("timings: read \(seconds(readDone - started)) s, group+sort \(seconds(grouped - readDone)) s, "
                + "funnel \(seconds(finished - grouped)) s, total \(seconds(finished - started)) s (\(log.eventCount) events, \(log.userCount) users)\n").utf8))
        }
        for name in result.absentEvents {
            output.notice("warning: no event is named \"\(name)\"; events in the file: "
                + result.knownEvents.joined(separator: ", "))
        }
        let payload = EventFunnelJSON(result: result, rejected: rejected)
        try output.emit(json: payload, table: Self.tables(result, CellFormat(output.format)))
    }

    private static func tables(_ result: FunnelResult, _ cells: CellFormat) -> [TextTable] {
        func table(_ title: String, _ steps: [FunnelStepResult]) -> TextTable {
            var t = TextTable(headers: ["step", "users", "from previous", "from first", "drop-off",
                                        cells.isData ? "median seconds" : "median time", cells.isData ? "p90 seconds" : "p90 time"],
                              title: title)
            for step in steps {
                t.append([step.name, cells.count(step.users),
                          cells.percent(step.conversionFromPrevious, missing: "–"),
                          cells.percent(step.conversionFromFirst, missing: "–"),
                          cells.count(step.dropOff),
                          cells.duration(step.secondsFromPrevious.median),
                          cells.duration(step.secondsFromPrevious.p90)])
            }
            return t
        }
        var tables = [table("Funnel (\(result.definition.mode), window \(CellFormat(.table).duration(Double(result.definition.windowSeconds)))), "
                            + "\(Self.count(result.totalUsers)) users)", result.steps)]
        for group in result.breakdown {
            tables.append(table("\(result.breakdownProperty ?? "") = \(group.value ?? "(none)") — "
                                + "\(Self.count(group.users)) users", group.steps))
        }
        return tables
    }

    static func count(_ value: Int) -> String { Formatting.grouped(Double(value), decimals: 0) }

    // MARK: Stage funnel

    private func runStages(path: String) throws {
        var mapping: [String: String] = [:]
        for entry in stageMap {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--stage-map expects theirs=contract, got \"\(entry)\"") }
            mapping[parts[0]] = parts[1]
        }
        var order = StageOrder.contract
        order.mapping = mapping
        var files: [ContractFile] = [.stageHistory]
        if opportunities != nil { files.append(.opportunities) }
        let maps = try columns.resolved(files.map(ColumnMapOptions.Scope.contract))
        let history = try ContractReader.read(.stageHistory, file: path, mapping: maps["stage_history"] ?? [:], policy: policy,
                                              options: try readOptions())
        var rejected = output.reportSkipped(history.quality.rejected, file: path)
        var opportunityTable: Table?
        if let opportunities {
            let read = try ContractReader.read(.opportunities, file: opportunities, mapping: maps["opportunities"] ?? [:],
                                               policy: policy, options: try readOptions())
            rejected += output.reportSkipped(read.quality.rejected, file: opportunities)
            opportunityTable = read.table
        }
        let report = try StageFunnel.run(history: history.table, opportunities: opportunityTable, order: order)
        try output.emit(json: StageFunnelJSON(report: report, rejected: rejected), table: Self.tables(report, CellFormat(output.format)))
    }

    private static func tables(_ report: StageFunnel.Report, _ cells: CellFormat) -> [TextTable] {
        var stages = TextTable(headers: ["stage", "entered", "advanced", "lost", "open", "conversion",
                                         "median days", "p90 days"],
                               title: "Stage funnel (\(Self.count(report.deals)) deals)")
        for stage in report.stages {
            stages.append([stage.name, cells.count(stage.entered), cells.count(stage.advanced),
                           cells.count(stage.lost), cells.count(stage.stillOpen),
                           cells.percent(stage.conversion, missing: "–"),
                           cells.number(stage.medianDays, decimals: 1, missing: "–"),
                           cells.number(stage.p90Days, decimals: 1, missing: "–")])
        }
        var summary = TextTable(headers: ["measure", "value"], title: "Bottleneck and conversion")
        summary.append(["stage losing most deals", cells.text(report.mostLossesStage)])
        summary.append(["slowest stage", cells.text(report.slowestStage)])
        summary.append(["lead → opportunity", cells.percent(report.conversion.leadToOpportunity, missing: "–")])
        summary.append(["opportunity → won", cells.percent(report.conversion.opportunityToWon, missing: "–")])
        summary.append(["lead → won", cells.percent(report.conversion.leadToWon, missing: "–")])
        var leakage = TextTable(headers: ["segment", "value", "deals", "won", "lost", "win rate", "loses most at"],
                                alignments: [.left, .left, .right, .right, .right, .right, .left],
                                title: "Leakage by segment")
        for row in report.leakage {
            leakage.append([row.column, row.value ?? (cells.isData ? "" : "(none)"), cells.count(row.deals), cells.count(row.won),
                            cells.count(row.lost), cells.percent(row.winRate, missing: "–"),
                            cells.text(row.worstStage)])
        }
        return [stages, summary, leakage]
    }
}
