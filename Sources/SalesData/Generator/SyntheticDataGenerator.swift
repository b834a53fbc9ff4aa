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
/// are held, so memory does not grow with the size.
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
        let results = StreamResults()

        DispatchQueue.concurrentPerform(iterations: 3) { stream in
            do {
                switch stream {
                case 0:
                    var generator = CustomerStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.0))
                    let output = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "customers", completed: done, total: configuration.customers))
                    }
                    results.set(stream, [output.customers, output.orders, output.surveys, output.spend])
                case 1:
                    var generator = OpportunityStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.1))
                    let output = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "opportunities", completed: done, total: configuration.opportunities))
                    }
                    results.set(stream, [output.opportunities, output.stageRows, output.targets])
                default:
                    var generator = EventStreamGenerator(configuration: configuration, sampler: RandomSampler(seed: seeds.2))
                    let rows = try generator.run(in: directory) { done in
                        progress?(GeneratorProgress(stream: "events", completed: done, total: configuration.users))
                    }
                    results.set(stream, [rows])
                }
            } catch {
                results.fail(stream, error)
            }
        }
        if let error = results.firstError { throw error }

        let rows = results.rows[0] + results.rows[1] + results.rows[2]
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

/// Row counts and errors of the three concurrent streams.
private final class StreamResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storedRows: [[Int]] = [[], [], []]
    private var errors: [Error?] = [nil, nil, nil]

    func set(_ stream: Int, _ counts: [Int]) {
        lock.lock(); defer { lock.unlock() }
        storedRows[stream] = counts
    }

    func fail(_ stream: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        errors[stream] = error
    }

    var rows: [[Int]] {
        lock.lock(); defer { lock.unlock() }
        return storedRows
    }

    /// The error of the lowest-numbered failed stream (deterministic when several fail).
    var firstError: Error? {
        lock.lock(); defer { lock.unlock() }
        return errors.compactMap { $0 }.first
    }
}
