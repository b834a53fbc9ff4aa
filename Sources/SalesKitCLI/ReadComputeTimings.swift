import Foundation

/// The `--timings` stderr line of the orders commands (`cohort`, `rfm`): wall-clock and processor
/// seconds spent reading and spent computing.
struct ReadComputeTimings {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let startCPU: Double
    private var loaded: ContinuousClock.Instant
    private var loadedCPU: Double

    /// Starts timing (the reading phase begins now).
    init() {
        start = clock.now
        startCPU = processorSeconds()
        loaded = start
        loadedCPU = startCPU
    }

    /// Ends the reading phase; what follows counts as computing.
    mutating func readingDone() {
        loaded = clock.now
        loadedCPU = processorSeconds()
    }

    /// Writes `timings: read W s (CPU C s), compute W s (CPU C s), peak memory M MB` on stderr,
    /// computing ending now; the peak is the process's resident high-water mark so far
    /// (`peakResidentBytes()`, in MB of 10⁶ bytes).
    func report() {
        let computed = clock.now
        let cpu = processorSeconds()
        FileHandle.standardError.write(Data(("timings: read \((loaded - start).seconds) s (CPU \(loadedCPU - startCPU) s), "
            + "compute \((computed - loaded).seconds) s (CPU \(cpu - loadedCPU) s), "
            + "peak memory \(peakResidentBytes() / 1_000_000) MB\n").utf8))
    }
}
