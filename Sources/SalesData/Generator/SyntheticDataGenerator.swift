import Foundation
import SalesNumerics

/// Generates the synthetic CRM datasets of the data contract: orders, customers, opportunities,
/// stage history, events, marketing spend, targets and surveys, plus `truth.json` with the true
/// parameters they were drawn from.
///
/// ```swift
/// let generator = try SyntheticDataGenerator(configuration: GeneratorConfiguration(size: .small, seed: 42))
/// let files = try generator.write(to: "datasets")
/// ```
///
/// **Determinism.** Three independent streams — customers (customers, orders, surveys, spend),
/// opportunities (opportunities, stage history, targets) and events — each draw from their own
/// `SeededGenerator`, seeded from a master generator on `seed`. They run concurrently, but no
/// stream's output depends on scheduling, so the bytes are the same on every run. Every written
/// number is an integer or cents formatted with integer arithmetic; the only platform dependence is
/// libm's `log`/`exp`/`pow` in the samplers (see `RandomSampler`): a last-ulp difference between C
/// libraries changes a byte only if a value lands within an ulp of a rounding boundary.
///
/// **Memory.** Rows stream through 1 MB buffers; only per-month counters and one user's events
/// are held, so memory does not grow with the size — except that an `orderRowOrder` other than
/// `.customer` holds the order rows (16 bytes each) until they are written in that order.
///
/// **Layout.** `customerIDShape` and `orderRowOrder` change only how customer ids are spelled and
/// in which order `orders.csv` lists its rows: every draw, amount and date stays the same, so an
/// analysis gives the same answer on every layout of one seed (the benchmarks use this to measure
/// readers on real-export layouts: date order, UUIDs, Salesforce ids, e-mails).
public struct SyntheticDataGenerator: Sendable {
    /// What is generated.
    public let configuration: GeneratorConfiguration

    /// The names of the files `write(to:)` creates, in the order it reports them.
    public static let fileNames = ["customers.csv", "orders.csv", "surveys.csv", "marketing_spend.csv",
                                   "opportunities.csv", "stage_history.csv", "targets.csv", "events.csv", "truth.json"]

    /// Creates a generator after checking the configuration.
    /// - Parameter configuration: Counts, span, seed and true parameters.
    /// - Throws: `GeneratorError.invalidConfiguration` for a value out of range.
    public init(configuration: GeneratorConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Writes every contract file and `truth.json` into `directory` (created if missing; existing
    /// files of these names are replaced).
    ///
    /// - Parameters:
    ///   - directory: Output directory path.
    ///   - progress: Called from the generating threads, now and then, with a stream's progress.
    /// - Returns: The files written, with row counts and sizes.
    /// - Throws: `GeneratorError.cannotCreateDirectory` or `.cannotWrite`.
    /// - Complexity: O(customers · purchases per customer + opportunities + users) time, O(months ·
    ///   channels) memory besides the fixed write buffers; two threads when available.
    public func write(to directory: String,
                      progress: (@Sendable (GeneratorProgress) -> Void)? = nil) throws -> [GeneratedFile] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.cannotCreateDirectory(path: directory, reason: error.localizedDescription)
        }
        var master = SeededGenerator(seed: configuration.seed)
        let seeds = (master.next(), master.next(), master.next())
        let configuration = self.configuration
        // The three streams run concurrently (on up to `Parallelism.workers` threads), each with
        // its own seed, so the files are the same whatever the worker count.
        let results = Parallel.map(3) { stream -> Result<[Int], any Error> in
            do {
                switch stream {
                case 0:
                    var generator = CustomerStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.0))
                    let output = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "customers", completed: done, total: configuration.customers))
                    }
                    return .success([output.customers, output.orders, output.surveys, output.spend])
                case 1:
                    var generator = OpportunityStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.1))
                    let output = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "opportunities", completed: done, total: configuration.opportunities))
                    }
                    return .success([output.opportunities, output.stageRows, output.targets])
                default:
                    var generator = EventStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.2))
                    let rows = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "events", completed: done, total: configuration.users))
                    }
                    return .success([rows])
                }
            } catch {
                return .failure(error)
            }
        }
        // The error of the lowest-numbered failed stream (deterministic when several fail).
        let rows = try results.flatMap { try $0.get() }
        var files: [GeneratedFile] = []
        for (name, count) in zip(Self.fileNames, rows) {
            files.append(GeneratedFile(name: name, rows: count, bytes: try fileSize(directory + "/" + name)))
        }
        let truthPath = directory + "/truth.json"
        let truth = TruthFileWriter.document(configuration: configuration, files: files)
        do {
            try Data(truth.utf8).write(to: URL(fileURLWithPath: truthPath))
        } catch {
            throw GeneratorError.cannotWrite(path: truthPath, reason: error.localizedDescription)
        }
        files.append(GeneratedFile(name: "truth.json", rows: 0, bytes: truth.utf8.count))
        return files
    }

    private func fileSize(_ path: String) throws -> Int {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw GeneratorError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
