import ArgumentParser
import Foundation
import SalesKit
import SalesWarehouse

/// `--source URL` with `--table NAME` or `--query SQL`: the input relation of rfm, cohort, clv
/// and kpi when the orders live in PostgreSQL, ClickHouse or Spark instead of a file. The column mapping
/// (`--map customer_id=…`) applies to the relation's columns as to a file's.
struct WarehouseSourceOptions: ParsableArguments {
    @Option(help: "The warehouse: postgres://user:password@host:5432/db[?sslmode=disable|prefer|require] or clickhouse://user:password@host:8123/db or spark://host:15002 (Spark Connect) (PG* environment variables fill what the URL leaves out).")
    var source: String

    @Option(help: "The orders table or view (schema.table allowed).")
    var table: String?

    @Option(help: "A SELECT in the engine's dialect returning the orders columns (instead of --table).")
    var query: String?

    @Option(help: "Seconds to wait for the connection.")
    var connectTimeout: Int = 10

    @Option(help: "Seconds one query may run.")
    var queryTimeout: Int = 600

    func validate() throws {
        guard (table == nil) != (query == nil) else {
            throw ValidationError("--source needs exactly one of --table NAME or --query SQL")
        }
        guard connectTimeout > 0, queryTimeout > 0 else { throw ValidationError("timeouts must be positive seconds") }
    }

    /// The relation with the contract → column mapping.
    func relation(mapping: [String: String]) -> WarehouseRelation {
        if let table { return .table(table, mapping: mapping) }
        return .query(query ?? "", mapping: mapping)
    }

    /// Parses `--source` (with the process environment for PG*) and connects.
    func connect() async throws -> any Warehouse {
        let parsed: WarehouseSource
        do {
            parsed = try WarehouseSource.parse(source, environment: ProcessInfo.processInfo.environment)
        } catch let error as WarehouseError {
            throw ValidationError("--source: \(error)")
        }
        return try await WarehouseConnector.connect(parsed, connectTimeout: .seconds(connectTimeout),
                                                    queryTimeout: .seconds(queryTimeout))
    }

    /// The file-command arguments: `rest` with `--orders <source>` so the file command's own
    /// options (and their validation) are reused; the file is never opened.
    func fileArguments(_ rest: [String], fileOption: String = "--orders") -> [String] {
        [fileOption, source] + rest
    }
}

/// `--source` on rfm, cohort, clv and kpi: when the arguments of one of these name a source, the
/// warehouse variant of the command parses them (the file command's options are passed through
/// to it), runs the per-row step in the engine and the rest here, and writes the same output.
enum WarehouseDispatch {
    /// The commands that take `--source`.
    static let commands = ["rfm", "cohort", "clv", "kpi"]

    /// Parses and runs the warehouse command when `arguments` (without the program name) name a source.
    /// - Returns: false when they name none (the file commands run instead).
    static func run(_ arguments: [String]) async throws -> Bool {
        guard let first = arguments.first, commands.contains(first),
              arguments.contains(where: { $0 == "--source" || $0.hasPrefix("--source=") }) else { return false }
        var command = try WarehouseRoot.parseAsRoot(arguments)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return true
    }
}

/// The hidden root of the warehouse variants.
struct WarehouseRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saleskit",
        subcommands: [WarehouseRFMCommand.self, WarehouseCohortCommand.self, WarehouseCLVCommand.self, WarehouseKPICommand.self])
}

/// Seconds between two points, for `--timings`.
struct WarehouseStopwatch {
    private var last = ContinuousClock.now
    private(set) var lines: [String] = []

    mutating func lap(_ what: String) {
        let now = ContinuousClock.now
        let d = now - last
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        lines.append("\(what): \(String(format: "%.3f", seconds)) s")
        last = now
    }

    func report(bytes: Int) {
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\nresult bytes from the engine: \(bytes)\n").utf8))
    }
}
