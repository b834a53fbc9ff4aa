import ArgumentParser
import Foundation
import SalesKit

/// `saleskit report`: one self-contained HTML file with every chart and table its inputs allow.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report (inline SVG charts and tables, no network assets).",
        discussion: """
            Sections: key figures, revenue forecast with 80/95% bands, cohort retention heatmap, RFM segments, \
            pipeline and product funnels, win model ROC and calibration, rep leaderboard. A section whose \
            input files are missing is omitted with a note saying which option it needs.

            Example:
              saleskit report --orders datasets/orders.csv --opportunities datasets/opportunities.csv \\
                --targets datasets/targets.csv --stage-history datasets/stage_history.csv \\
                --events datasets/events.csv --output report.html
            """)

    @OptionGroup var inputs: ReportInputOptions
    @Option(name: [.customLong("output"), .customLong("out")], help: "The HTML file to write (--out is an alias).")
    var out: String = "report.html"
    @Flag(help: "No progress or notices on standard error.") var quiet = false
    @Option(help: "What to print about the written report: table (sections), csv, or json (path, bytes, sections).")
    var format: OutputOptions.Format = .table

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input file, e.g. --orders orders.csv") }
    }

    func run() throws {
        let (html, document, highlights) = try Self.write(inputs, to: out, quiet: quiet)
        if !quiet { FileHandle.standardError.write(Data("wrote \(out)\n".utf8)) }
        let summary = ReportSummary(path: out, html: html, document: document, kpis: highlights.kpis)
        try OutputOptions.parse(["--format", format.rawValue]).emit(json: summary, table: [summary.table])
    }
}

/// Writes the HTML file, turning file-system failures into a data error that names the path.
enum ReportFile {
    static func write(_ html: String, to path: String) throws {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

extension ReportCommand {
    /// Runs every analysis `inputs` allow and writes the HTML report to `out`, with progress and
    /// notices on standard error unless `quiet` (`saleskit report` and `saleskit demo`).
    /// - Returns: The HTML written, its document and the highlights of the analyses.
    /// - Throws: The analyses' reading and data errors; `CLIError` when `out` cannot be written.
    static func write(_ inputs: ReportInputOptions, to out: String, quiet: Bool) throws
        -> (html: String, document: SalesReportDocument, highlights: ReportHighlights) {
        var progress = Progress(steps: ReportAnalyses.stepCount, quiet: quiet)
        var analyses = ReportAnalyses(inputs: inputs) { message in
            if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        }
        analyses.quiet = quiet
        let (document, highlights) = try analyses.run(progress: &progress)
        progress.step("writing \(out)")
        let html = document.render()
        try ReportFile.write(html, to: out)
        progress.finish()
        return (html, document, highlights)
    }
}
