import Foundation
import SalesKit

/// The input files of the package-benchmark suites, generated on first use and cached outside git
/// in `DatasetCache.root/<size>` — the same directory and file names `compare/run.sh` uses, so the
/// suites and the comparison share one copy: the contract files (`DatasetCache`), the OLS and
/// logistic designs (`ols-<n>x50.f64`, `logistic-<n>x30.f64`), the series batch
/// (`series-<k>x60.csv`) and the bgnbd workload's 100,000-customer orders (`bgnbd-100000/`).
/// The shapes per size are run.sh's (its `case "$SIZE"` table; keep the two in step), except the
/// series count at medium (`seriesCount(size:)`).
public enum SuiteInputs {
    /// Seed of every generated input (run.sh's `SEED`).
    public static let seed: UInt64 = 42
    /// Points per series in the series batch.
    public static let seriesLength = 60

    /// Rows × features of a design at a size: OLS 20,000 / 1,000,000 / 1,000,000 × 50, logistic
    /// 40,000 / 2,000,000 / 2,000,000 × 30 (compare/WORKLOADS.md).
    /// - Parameters:
    ///   - kind: OLS or logistic.
    ///   - size: The preset size.
    /// - Returns: The design's shape.
    public static func designShape(_ kind: SyntheticInputs.DesignKind,
                                   size: GeneratorConfiguration.Size) -> (rows: Int, features: Int) {
        switch (kind, size) {
        case (.ols, .small): return (20_000, 50)
        case (.ols, _): return (1_000_000, 50)
        case (.logistic, .small): return (40_000, 30)
        case (.logistic, _): return (2_000_000, 30)
        }
    }

    /// Series in the suites' series batch at a size: 100 / 200 / 10,000 (of `seriesLength` months).
    /// Small and large are run.sh's counts; at medium the suite takes 200 rather than run.sh's
    /// 1,000 series, because AutoETS costs about 18 ms of wall time per series on the reference
    /// machine and one pass over 1,000 series (about 20 s) would leave no room for repeated
    /// iterations. The file name carries the count, so run.sh's medium file is a different one.
    /// - Parameter size: The preset size.
    /// - Returns: The number of series.
    public static func seriesCount(size: GeneratorConfiguration.Size) -> Int {
        switch size {
        case .small: return 100
        case .medium: return 200
        case .large: return 10_000
        }
    }

    /// Customers of the bgnbd workload's own orders file at a size: none at small (the size's own
    /// orders.csv, 2,500 customers), 100,000 otherwise (issue 4).
    /// - Parameter size: The preset size.
    /// - Returns: The customer count, or nil when the contract orders are used.
    public static func bgnbdCustomers(size: GeneratorConfiguration.Size) -> Int? {
        size == .small ? nil : 100_000
    }

    /// The contract files of a size (orders.csv, events.csv, opportunities.csv, …).
    /// - Parameter size: The preset size.
    /// - Returns: Inputs naming the dataset directory.
    /// - Throws: `GeneratorError` when the files cannot be generated.
    /// - Complexity: O(dataset) on first use, O(1) afterwards.
    public static func contractFiles(size: GeneratorConfiguration.Size) throws -> WorkloadInputs {
        WorkloadInputs(dataDirectory: try DatasetCache.directory(size: size))
    }

    /// The OLS or logistic design of a size, written by `SyntheticInputs.writeDesign` when absent.
    /// - Parameters:
    ///   - kind: OLS or logistic.
    ///   - size: The preset size.
    /// - Returns: Inputs naming the size's directory, the design file and its shape.
    /// - Throws: `BenchmarkError.io` when the file cannot be written or moved into place.
    /// - Complexity: O(rows × features) on first use, O(1) afterwards.
    public static func design(_ kind: SyntheticInputs.DesignKind,
                              size: GeneratorConfiguration.Size) throws -> WorkloadInputs {
        let shape = designShape(kind, size: size)
        let directory = try sizeDirectory(size)
        let path = "\(directory)/\(kind.rawValue)-\(shape.rows)x\(shape.features).f64"
        if !FileManager.default.fileExists(atPath: path) {
            let partial = partialName(path)
            try SyntheticInputs.writeDesign(kind: kind, rows: shape.rows, features: shape.features, seed: seed,
                                            to: partial)
            // The sidecar first: the design file's presence is what marks the pair complete.
            try move(partial + ".json", to: path + ".json")
            try move(partial, to: path)
        }
        return WorkloadInputs(dataDirectory: directory, designPath: path, designShape: shape)
    }

    /// The series batch of a size, written by `SyntheticInputs.writeSeries` when absent.
    /// - Parameter size: The preset size.
    /// - Returns: Inputs naming the size's directory and the series file.
    /// - Throws: `BenchmarkError.io` when the file cannot be written or moved into place.
    /// - Complexity: O(series × length) on first use, O(1) afterwards.
    public static func series(size: GeneratorConfiguration.Size) throws -> WorkloadInputs {
        let count = seriesCount(size: size)
        let directory = try sizeDirectory(size)
        let path = "\(directory)/series-\(count)x\(seriesLength).csv"
        if !FileManager.default.fileExists(atPath: path) {
            let partial = partialName(path)
            try SyntheticInputs.writeSeries(count: count, length: seriesLength, seed: seed, to: partial)
            try move(partial, to: path)
        }
        return WorkloadInputs(dataDirectory: directory, seriesPath: path)
    }

    /// The bgnbd workload's orders: at size small the contract orders, otherwise the generator's
    /// 100,000 customers with no opportunities or users and one account — the configuration of
    /// run.sh's `saleskit generate --size small --customers 100000 --opportunities 0 --users 0
    /// --accounts 1 --seed 42`, so both write identical bytes into `bgnbd-100000/`.
    /// - Parameter size: The preset size.
    /// - Returns: Inputs naming the directory whose `orders.csv` the workload reads.
    /// - Throws: `GeneratorError` from the generator; `BenchmarkError.io` when the directory cannot
    ///   be moved into place.
    /// - Complexity: O(customers × orders per customer) on first use, O(1) afterwards.
    public static func bgnbd(size: GeneratorConfiguration.Size) throws -> WorkloadInputs {
        guard let customers = bgnbdCustomers(size: size) else { return try contractFiles(size: size) }
        let directory = "\(try sizeDirectory(size))/bgnbd-\(customers)"
        if !FileManager.default.fileExists(atPath: directory + "/orders.csv") {
            var configuration = GeneratorConfiguration(size: .small, seed: seed)
            configuration.customers = customers
            configuration.opportunities = 0
            configuration.users = 0
            configuration.accounts = 1
            let partial = partialName(directory)
            _ = try SyntheticDataGenerator(configuration: configuration).write(to: partial)
            // A directory without orders.csv is a half-written one (an interrupted generator run):
            // replaced, unless another process completed it meanwhile.
            if !FileManager.default.fileExists(atPath: directory + "/orders.csv") {
                try? FileManager.default.removeItem(atPath: directory)
            }
            try move(partial, to: directory)
        }
        return WorkloadInputs(dataDirectory: directory)
    }

    /// `DatasetCache.root/<size>`, created when missing.
    static func sizeDirectory(_ size: GeneratorConfiguration.Size) throws -> String {
        let directory = DatasetCache.root + "/" + size.rawValue
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchmarkError.io(path: directory, reason: "cannot create: \(error)")
        }
        return directory
    }

    /// A sibling name private to this process, so an interrupted or concurrent generation never
    /// leaves a file under the final name that is not complete.
    static func partialName(_ path: String) -> String { "\(path).partial-\(getpid())" }

    /// Renames `source` to `destination`, replacing a file of that name (another process may have
    /// finished the same deterministic input first; the bytes are identical).
    static func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: source)
            // A directory destination that another process completed meanwhile is not an error.
            if FileManager.default.fileExists(atPath: destination) { return }
            throw BenchmarkError.io(path: destination, reason: "cannot move \(source) into place: \(reason)")
        }
    }
}
