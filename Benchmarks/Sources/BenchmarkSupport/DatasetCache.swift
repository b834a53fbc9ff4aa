import Foundation
import SalesKit

/// The generated datasets the package-benchmark suites read, cached outside git and generated on
/// first use by SalesKit's generator (seed 42), the same files `compare/run.sh` uses.
public enum DatasetCache {
    /// `$SALESKIT_BENCH_CACHE`, else `Benchmarks/.cache` next to this package (gitignored).
    public static var root: String {
        if let path = ProcessInfo.processInfo.environment["SALESKIT_BENCH_CACHE"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".cache").path
    }

    /// The size the suites use: `$SALESKIT_BENCH_SIZE` (small, medium, large), default medium
    /// (about 0.7 M orders: long enough to measure, short enough for repeated iterations).
    public static var suiteSize: GeneratorConfiguration.Size {
        ProcessInfo.processInfo.environment["SALESKIT_BENCH_SIZE"].flatMap(GeneratorConfiguration.Size.init) ?? .medium
    }

    /// The directory of a size's contract files, generated when its `orders.csv` is missing.
    /// - Parameter size: The preset size.
    /// - Returns: The directory path (`root/<size>`).
    /// - Throws: `GeneratorError` when the files cannot be written.
    /// - Complexity: O(dataset) on first use, O(1) afterwards.
    public static func directory(size: GeneratorConfiguration.Size) throws -> String {
        let directory = root + "/" + size.rawValue
        if !FileManager.default.fileExists(atPath: directory + "/orders.csv") {
            let generator = try SyntheticDataGenerator(configuration: GeneratorConfiguration(size: size, seed: 42))
            _ = try generator.write(to: directory)
        }
        return directory
    }
}
