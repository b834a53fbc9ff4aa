import Benchmark
import BenchmarkSupport

/// What the workload suites (`Benchmarks/Benchmarks/<Suite>/`) share: their measurement settings and
/// the guard that registers no benchmark, with the reason printed, when the inputs cannot be made.
public enum SuiteDefaults {
    /// Sets `Benchmark.defaultConfiguration`: wall clock, total CPU, throughput and peak resident
    /// memory; time units chosen automatically (microseconds at size small, seconds at large); at most
    /// 10 s and `maxIterations` iterations per benchmark.
    /// - Parameter maxIterations: The iteration cap (fewer for the slow AutoETS batch).
    /// Also sets `Parallelism.workers` from `BENCH_THREADS` (`BenchmarkSettings.applyThreads()`).
    public static func configure(maxIterations: Int = 10) {
        BenchmarkSettings.applyThreads()
        Benchmark.defaultConfiguration = .init(
            metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident],
            timeUnits: .automatic,
            maxDuration: .seconds(10),
            maxIterations: maxIterations
        )
    }

    /// The suite's inputs, generated into the cache on first use; `nil` (after printing why) when
    /// they cannot be made, so the suite registers nothing instead of crashing.
    /// - Parameters:
    ///   - suite: The suite's name, for the message.
    ///   - what: What is generated ("the design", "the benchmark dataset", …).
    ///   - make: Produces the inputs (a `SuiteInputs` call).
    /// - Returns: The inputs, or `nil`.
    public static func inputs(_ suite: String, _ what: String, _ make: () throws -> WorkloadInputs) -> WorkloadInputs? {
        do {
            return try make()
        } catch {
            print("\(suite): cannot generate \(what), no benchmarks registered: \(error)")
            return nil
        }
    }
}
