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
            Looks for datasets/ in the current directory (run it from the SalesKit checkout) unless \
            --datasets names the directory.

            Examples:
              saleskit demo
              saleskit demo --datasets /path/to/SalesKit/datasets --out /tmp/report.html
            """)

    @Option(help: "The directory with the contract files (orders.csv, opportunities.csv, …). Default: ./datasets.")
    var datasets: String?
    @Option(help: "The HTML report to write.") var out: String = "saleskit-report.html"
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
        let directory = try Self.locate(datasets)
        var arguments = ["--currency", currency]
        for (option, file) in Self.files {
            let path = (directory as NSString).appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: path) { arguments += [option, path] }
        }
        let inputs = try ReportInputOptions.parse(arguments)
        var progress = Progress(steps: ReportAnalyses.stepCount, quiet: quiet)
        let quiet = quiet
        let analyses = ReportAnalyses(inputs: inputs) { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
        let (document, highlights) = try analyses.run(progress: &progress)
        progress.step("writing \(out)")
        let html = document.render()
        try ReportFile.write(html, to: out)
        progress.finish()
        guard format == .table else {
            let summary = ReportSummary(path: out, html: html, document: document)
            try OutputOptions.parse(["--format", format.rawValue]).emit(json: summary, table: [summary.table])
            return
        }
        let tour = DemoTour(highlights: highlights, currency: currency, datasets: directory)
        FileHandle.standardOutput.write(Data((tour.render() + "\nReport: \(out) (\(html.utf8.count / 1024) KB) — open it in a browser.\n").utf8))
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
