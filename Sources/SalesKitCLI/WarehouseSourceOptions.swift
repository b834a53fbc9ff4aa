import ArgumentParser
import Foundation
import SalesKit
import SalesWarehouse

/// `--source URL` with `--table NAME` or `--query SQL`: the input relation of rfm, cohort, clv
/// and kpi when the orders live in PostgreSQL, ClickHouse or Spark instead of a file. The column mapping
/// (`--map customer_id=…`) applies to the relation's columns as to a file's. The file commands
/// carry the group too, so that `--help` lists it (`WarehouseDispatch` runs the warehouse variant
/// whenever `--source` is given).
struct WarehouseSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Read the rows from a warehouse instead of a file (--orders; --events for funnel; --opportunities for winprob): postgres://user:password@host:5432/db[?sslmode=disable|prefer|require] or clickhouse://user:password@host:8123/db or spark://host:15002 (Spark Connect). For PostgreSQL, PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE and ~/.pgpass (PGPASSFILE) fill what the URL leaves out.",
        valueName: "url"))
    var source: String?

    @Option(help: "With --source: the table or view of the orders (events for funnel, opportunities for winprob); schema.table allowed.")
    var table: String?

    @Option(help: "With --source: a SELECT in the engine's dialect returning the contract columns (instead of --table).")
    var query: String?

    @Option(help: "With --source: seconds to wait for the connection.")
    var connectTimeout: Int = 10

    @Option(help: "With --source: seconds one query may run.")
    var queryTimeout: Int = 600

    func validate() throws {
        guard source != nil else {
            guard table == nil, query == nil else { throw ValidationError("--table and --query name the relation of --source URL: give --source too") }
            return
        }
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
        var parsed: WarehouseSource
        let environment = ProcessInfo.processInfo.environment
        do {
            parsed = try WarehouseSource.parse(source ?? "", environment: environment)
        } catch let error as WarehouseError {
            throw ValidationError("--source: \(error)")
        }
        if parsed.engine == .postgres, parsed.password == nil, let text = Self.passFile(environment) {
            parsed = parsed.fillingPassword(fromPassFile: text)
        }
        return try await WarehouseConnector.connect(parsed, connectTimeout: .seconds(connectTimeout),
                                                    queryTimeout: .seconds(queryTimeout))
    }

    /// The contents of `PGPASSFILE` or `~/.pgpass`, nil when absent or readable by group or others
    /// (libpq ignores such a file too; a warning says so).
    static func passFile(_ environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            FileHandle.standardError.write(Data("warning: password file \(path) has group or world access; it is ignored (chmod 0600)\n".utf8))
            return nil
        }
        return text
    }

    /// The file-command arguments: `rest` with `--orders <source>` so the file command's own
    /// options (and their validation) are reused; the file is never opened.
    func fileArguments(_ rest: [String], fileOption: String = "--orders") -> [String] {
        [fileOption, source ?? ""] + rest
    }
}

/// `--source` on rfm, cohort, clv, kpi, funnel and winprob (train, score): when the arguments of one of these name a source, the
/// warehouse variant of the command parses them (the file command's options are passed through
/// to it), runs the per-row step in the engine and the rest here, and writes the same output.
enum WarehouseDispatch {
    /// The commands that take `--source`.
    static let commands = ["rfm", "cohort", "clv", "kpi", "funnel", "winprob"]

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
        subcommands: [WarehouseRFMCommand.self, WarehouseCohortCommand.self, WarehouseCLVCommand.self, WarehouseKPICommand.self,
                      WarehouseFunnelCommand.self, WarehouseWinprobCommand.self])
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
