import Glibc

/// Wall-clock timing on the monotonic clock, for benchmark reports (never for tests).
public enum Stopwatch {
    /// Seconds on `CLOCK_MONOTONIC` since an arbitrary origin.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Runs `body` once and returns its result with the elapsed wall-clock seconds.
    ///
    /// - Parameter body: The work to time.
    /// - Returns: The body's result and the seconds it took.
    /// - Throws: Whatever `body` throws.
    public static func time<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = now()
        let value = try body()
        return (value, now() - start)
    }
}
