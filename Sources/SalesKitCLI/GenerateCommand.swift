import ArgumentParser
import Foundation
import SalesKit
import Synchronization

/// `saleskit generate`: writes the synthetic contract files and `truth.json` to a directory.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write deterministic synthetic CRM data (all contract files plus truth.json).",
        discussion: """
            The same --size/--seed (and custom counts) give the same bytes on every run. \
            Custom counts override the preset's. Example: saleskit generate --size small --seed 42 --out datasets
            """)

    @Option(help: "Preset size: small, medium or large.")
    var size: String = "small"

    @Option(help: "Random seed (unsigned 64-bit integer).")
    var seed: UInt64 = 42

    @Option(help: "Output directory (created if missing).")
    var out: String

    @Option(help: "Number of customers (overrides the preset).")
    var customers: Int?

    @Option(help: "Number of opportunities (overrides the preset).")
    var opportunities: Int?

    @Option(help: "Number of product users in events.csv (overrides the preset).")
    var users: Int?

    @Option(help: "Number of sales reps (overrides the preset).")
    var reps: Int?

    @Option(help: "Number of accounts (default: a third of the opportunities).")
    var accounts: Int?

    @Option(help: "First calendar year of the data.")
    var startYear: Int = 2022

    @Option(help: "Number of whole calendar years.")
    var years: Int = 3

    @Option(help: "Quota period in targets.csv: month or quarter.")
    var quotaPeriod: String = "month"

    @Option(help: "How customer ids are spelled: prefixed (C1042), numeric (1042), uuid, salesforce (18 characters) or email. Only the ids change.")
    var idShape: CustomerIDShape = .prefixed

    @Option(help: "Row order of orders.csv: customer (grouped by customer), date (by order date, as real exports) or shuffled. Only the order changes.")
    var rowOrder: OrderRowOrder = .customer

    @Flag(help: "No progress or summary on standard error (both appear only when stderr is a terminal).")
    var quiet = false

    @OptionGroup var threads: ParallelismOption

    func validate() throws {
        guard GeneratorConfiguration.Size(rawValue: size) != nil else {
            throw ValidationError("--size must be small, medium or large, got \"\(size)\"")
        }
        guard GeneratorConfiguration.QuotaPeriod(rawValue: quotaPeriod) != nil else {
            throw ValidationError("--quota-period must be month or quarter, got \"\(quotaPeriod)\"")
        }
    }

    func run() throws {
        var configuration = GeneratorConfiguration(size: GeneratorConfiguration.Size(rawValue: size) ?? .small, seed: seed)
        if let customers { configuration.customers = customers }
        if let opportunities {
            configuration.opportunities = opportunities
            if accounts == nil { configuration.accounts = max(1, opportunities / 3) }
        }
        if let users { configuration.users = users }
        if let reps { configuration.reps = reps }
        if let accounts { configuration.accounts = accounts }
        configuration.startYear = startYear
        configuration.years = years
        configuration.quotaPeriod = GeneratorConfiguration.QuotaPeriod(rawValue: quotaPeriod) ?? .month
        configuration.customerIDShape = idShape
        configuration.orderRowOrder = rowOrder
        let generator: SyntheticDataGenerator
        do {
            generator = try SyntheticDataGenerator(configuration: configuration)
        } catch let error as GeneratorError {
            throw ValidationError(error.description)
        }
        let showProgress = !quiet && isatty(2) == 1
        let meter = showProgress ? ProgressMeter() : nil
        var callback: (@Sendable (GeneratorProgress) -> Void)?
        if let meter { callback = { meter.update($0) } }
        let files = try generator.write(to: out, progress: callback)
        meter?.finish()
        if showProgress {
            let total = files.reduce(0) { $0 + $1.bytes }
            let lines = files.map { "  \($0.name): \($0.rows) rows, \($0.bytes) bytes" }
            let summary = (["wrote \(out) (\(total) bytes)"] + lines).joined(separator: "\n") + "\n"
            FileHandle.standardError.write(Data(summary.utf8))
        }
    }
}

/// One line of progress on a terminal's stderr, redrawn at most once per percent per stream.
private final class ProgressMeter: Sendable {
    /// Percent done per stream; the line is redrawn while holding it, so lines never interleave.
    private let percent = Mutex<[String: Int]>([:])

    func update(_ progress: GeneratorProgress) {
        let value = progress.total > 0 ? min(100, progress.completed * 100 / progress.total) : 100
        percent.withLock { percent in
            guard percent[progress.stream] != value else { return }
            percent[progress.stream] = value
            let line = ["customers", "opportunities", "events"].map { "\($0) \(percent[$0] ?? 0)%" }.joined(separator: "  ")
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

extension CustomerIDShape: ExpressibleByArgument {}
extension OrderRowOrder: ExpressibleByArgument {}

