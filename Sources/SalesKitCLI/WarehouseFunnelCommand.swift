import ArgumentParser
import Foundation
import SalesKit
import SalesWarehouse

/// `saleskit funnel --source URL --table T --steps a,b,c [--window 7d] [--mode default|strict-order]`:
/// users per step computed in the engine (`FunnelPlan`: `windowFunnel` or the self-join), the
/// conversions here. Time-to-convert medians, breakdowns, exclusions and per-step windows need
/// the events themselves and are refused with `--source` (usage error).
struct WarehouseFunnelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "funnel", abstract: "Event funnel over a warehouse relation.")

    @OptionGroup var warehouse: WarehouseSourceOptions
    @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.")
    var timings = false
    @Argument(parsing: .allUnrecognized) var rest: [String] = []

    func run() async throws {
        let command = try FunnelCommand.parse(warehouse.fileArguments(rest, fileOption: "--events"))
        guard command.stageHistory == nil, command.stepWindows == nil, command.breakdown == nil, command.exclude == nil else {
            throw ValidationError("with --source, funnel takes --steps, --window and --mode (default or strict-order) only")
        }
        let mode: FunnelPlan.Mode
        switch FunnelMode.parse(command.mode) {
        case FunnelMode.default?: mode = .default
        case FunnelMode.strictOrder?: mode = .strictOrder
        default: throw ValidationError("with --source, --mode is default or strict-order")
        }
        let steps = (command.steps ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...FunnelDefinition.maximumSteps).contains(steps.count), !steps.contains("") else {
            throw ValidationError("--steps needs 1…\(FunnelDefinition.maximumSteps) event names")
        }
        let window = FunnelDefinition.parseDuration(command.window) ?? 0
        let mapping = try command.columns.resolved([.contract(.events)])["events"] ?? [:]
        let plan = FunnelPlan(relation: warehouse.relation(mapping: mapping), steps: steps, windowSeconds: window, mode: mode)
        var stopwatch = WarehouseStopwatch()
        let engine = try await warehouse.connect()
        stopwatch.lap("connect")
        let outcome: (users: [Int], bytesReceived: Int)
        do { outcome = try await plan.fetchWithBytes(on: engine) } catch { await engine.close(); throw error }
        await engine.close()
        stopwatch.lap("engine (funnel levels)")
        let users = outcome.users
        struct Step: Encodable {
            let name: String
            let users: Int
            let conversionFromPrevious: Double?
            let conversionFromFirst: Double?
            let medianSecondsFromPrevious: Double?
        }
        let rows = steps.enumerated().map { k, name in
            Step(name: name, users: users[k],
                 conversionFromPrevious: k == 0 ? nil : (users[k - 1] > 0 ? Double(users[k]) / Double(users[k - 1]) : nil),
                 conversionFromFirst: users[0] > 0 ? Double(users[k]) / Double(users[0]) : nil,
                 medianSecondsFromPrevious: nil)
        }
        struct Payload: Encodable { let source: String; let mode: String; let windowSeconds: Int64; let steps: [Step] }
        var table = TextTable(headers: ["step", "users", "from previous", "from first"],
                              title: "Funnel (\(mode.rawValue), window \(window) s), computed in \(engine.source)")
        for step in rows {
            table.append([step.name, "\(step.users)", step.conversionFromPrevious.map(csvNumber) ?? "",
                          step.conversionFromFirst.map(csvNumber) ?? ""])
        }
        try command.output.emit(json: Payload(source: engine.source, mode: mode.rawValue, windowSeconds: window, steps: rows),
                                table: [table])
        if timings { stopwatch.lap("output"); stopwatch.report(bytes: outcome.bytesReceived) }
    }
}
