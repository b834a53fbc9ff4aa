import ArgumentParser
import Foundation
import SalesKit

/// `saleskit demo`: every analysis on the bundled `datasets/`, a short tour on the terminal and the
/// HTML report.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run every analysis on the bundled datasets/, print a short tour and write saleskit-report.html.",
        discussion: """
            Reads --datasets, else datasets/ in the current directory (the SalesKit checkout); where \
            there is neither, it generates the same sample with the built-in generator (size small, \
            seed 42 — byte for byte the checkout's datasets/) into a temporary directory, says so, \
            and removes it afterwards. So the demo works from anywhere the binary is installed.

            Examples:
              saleskit demo
              saleskit demo --datasets /path/to/SalesKit/datasets --output /tmp/report.html
            """)

    @Option(help: "The directory with the contract files (orders.csv, opportunities.csv, …). Default: ./datasets.")
    var datasets: String?
    @Option(name: [.customLong("output"), .customLong("out")], help: "The HTML report to write (--out is an alias).")
    var out: String = "saleskit-report.html"
    @Option(help: "Currency symbol for money.") var currency: String = "$"
    @Flag(help: "No progress on standard error.") var quiet = false
    @Option(help: "table: the terminal tour; csv or json: the report's path, size and sections.")
    var format: OutputOptions.Format = .table

    /// The contract files the demo reads, by option name.
    static let files: [(option: String, file: String)] = [
        ("--orders", "orders.csv"), ("--customers", "customers.csv"), ("--spend", "marketing_spend.csv"),
        ("--surveys", "surveys.csv"), ("--opportunities", "opportunities.csv"), ("--targets", "targets.csv"),
        ("--stage-history", "stage_history.csv"), ("--events", "events.csv"),
    ]

    func run() throws {
        let quiet = quiet
        let sample = try Self.locateOrGenerate(datasets) { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
        defer { if sample.generated { try? FileManager.default.removeItem(atPath: sample.directory) } }
        let directory = sample.directory
        var arguments = ["--currency", currency]
        for (option, file) in Self.files {
            let path = (directory as NSString).appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: path) { arguments += [option, path] }
        }
        let (html, document, highlights) = try ReportCommand.write(try ReportInputOptions.parse(arguments), to: out, quiet: quiet)
        guard format == .table else {
            let summary = ReportSummary(path: out, html: html, document: document)
            try OutputOptions.parse(["--format", format.rawValue]).emit(json: summary, table: [summary.table])
            return
        }
        let tour = DemoTour(highlights: highlights, currency: currency,
                            datasets: sample.generated ? "the generated sample (size small, seed 42)" : directory + "/")
        FileHandle.standardOutput.write(Data((tour.render() + "\nReport: \(out) (\(html.utf8.count / 1024) KB) — open it in a browser.\n").utf8))
    }

    /// The seed and size of the committed `datasets/` (see datasets/README.md).
    static let sampleConfiguration = GeneratorConfiguration(size: .small, seed: 42)

    /// The datasets directory: `--datasets`, else `./datasets`, else the sample generated into a
    /// new temporary directory (`generated` is then `true` and the caller removes it).
    /// - Parameters:
    ///   - given: The `--datasets` value.
    ///   - notice: Receives the line saying the sample was generated.
    /// - Throws: `CLIError.cannotRead` for a `--datasets` that is not a contract-file directory;
    ///   the generator's errors when the sample cannot be written.
    static func locateOrGenerate(_ given: String?, notice: (String) -> Void) throws -> (directory: String, generated: Bool) {
        var isDirectory: ObjCBool = false
        if given != nil || (FileManager.default.fileExists(atPath: "datasets", isDirectory: &isDirectory) && isDirectory.boolValue) {
            return (try locate(given), false)
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("saleskit-demo-\(UUID().uuidString)").path
        notice("note: no datasets/ here; generating the sample data (size small, seed 42, the same as SalesKit's datasets/) in \(directory)")
        _ = try SyntheticDataGenerator(configuration: sampleConfiguration).write(to: directory, progress: nil)
        return (directory, true)
    }

    /// The datasets directory: `--datasets`, else `./datasets`.
    /// - Throws: `CLIError.cannotRead` (exit 1) naming the directory looked for and how to fix it.
    static func locate(_ given: String?) throws -> String {
        let path = given ?? "datasets"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.cannotRead(path: path, reason: given == nil
                ? "no datasets/ directory here; run saleskit demo from the SalesKit checkout or pass --datasets DIR"
                : "not a directory")
        }
        guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("orders.csv")) else {
            throw CLIError.cannotRead(path: path, reason: "no orders.csv in it; --datasets expects the directory of the contract files")
        }
        return path
    }
}
