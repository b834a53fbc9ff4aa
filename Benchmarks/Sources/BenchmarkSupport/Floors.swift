import CLAPACK
import Glibc
import SalesKit

/// Hardware floors measured in the same run as the workloads: what the machine can do at best,
/// so a workload's time can be read against them (issue 4: "BLAS-bound ones within 1.5× of their
/// floor").
public enum Floors {
    /// dgemm `C = A·B` with square `n × n` operands through OpenBLAS.
    ///
    /// - Parameters:
    ///   - n: The matrix order (4000 gives about 2 s per call at 50 GFLOP/s).
    ///   - repetitions: Timed calls after one warm-up; the best one is reported.
    /// - Returns: The best seconds and GFLOP/s (2n³ flops per call).
    /// - Complexity: O(n³) per repetition, 3n² doubles of memory.
    public static func dgemm(n: Int, repetitions: Int = 2) throws -> (seconds: Double, gflops: Double) {
        let n32 = try lapackInt(n, "n")
        var a = [Double](repeating: 0, count: n * n)
        var b = a
        var c = a
        var generator = SeededGenerator(seed: 1)
        for i in 0..<a.count { a[i] = generator.nextUnitDouble() - 0.5; b[i] = generator.nextUnitDouble() - 0.5 }
        var best = Double.infinity
        for repetition in 0...max(1, repetitions) {
            let seconds = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        Stopwatch.time {
                            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1.0,
                                        pa.baseAddress, n32, pb.baseAddress, n32, 0.0, pc.baseAddress, n32)
                        }.seconds
                    }
                }
            }
            if repetition > 0 { best = min(best, seconds) }
        }
        return (best, 2.0 * Double(n) * Double(n) * Double(n) / best / 1e9)
    }

    /// The Gram matrix `XᵀX` of a tall `rows × cols` matrix by dsyrk (upper triangle): the floor
    /// of normal-equations least squares.
    ///
    /// - Parameters:
    ///   - rows: Rows of X (1,000,000 for the OLS workload).
    ///   - cols: Columns of X (50).
    ///   - repetitions: Timed calls after one warm-up; the best one is reported.
    /// - Returns: The best seconds and GFLOP/s (rows·cols·(cols+1) flops).
    /// - Complexity: O(rows·cols²) per repetition; rows·cols doubles of memory.
    public static func dsyrk(rows: Int, cols: Int, repetitions: Int = 3) throws -> (seconds: Double, gflops: Double) {
        let k32 = try lapackInt(rows, "rows")
        let n32 = try lapackInt(cols, "cols")
        var x = [Double](repeating: 0, count: rows * cols)
        var generator = SeededGenerator(seed: 2)
        for i in 0..<x.count { x[i] = generator.nextUnitDouble() - 0.5 }
        var gram = [Double](repeating: 0, count: cols * cols)
        var best = Double.infinity
        for repetition in 0...max(1, repetitions) {
            let seconds = x.withUnsafeBufferPointer { px in
                gram.withUnsafeMutableBufferPointer { pg in
                    Stopwatch.time {
                        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, 1.0,
                                    px.baseAddress, k32, 0.0, pg.baseAddress, n32)
                    }.seconds
                }
            }
            if repetition > 0 { best = min(best, seconds) }
        }
        return (best, Double(rows) * Double(cols) * Double(cols + 1) / best / 1e9)
    }

    /// Single-thread memory bandwidth: the best of several sequential sums (read) and `memcpy`
    /// copies (read + write) over a buffer far larger than the caches.
    ///
    /// - Parameter mebibytes: Buffer size in MiB (1024 by default).
    /// - Returns: Read GB/s (sum) and copy GB/s counting bytes read plus bytes written.
    /// - Complexity: O(bytes) per pass; twice `mebibytes` of memory.
    public static func memoryBandwidth(mebibytes: Int = 1024) -> (readGBps: Double, copyGBps: Double) {
        let count = mebibytes * 1024 * 1024 / 8
        var source = [Double](repeating: 1, count: count)
        var destination = [Double](repeating: 0, count: count)
        for i in stride(from: 0, to: count, by: 512) { source[i] = Double(i & 7) }
        var bestSum = Double.infinity
        var bestCopy = Double.infinity
        var sink = 0.0
        for _ in 0..<4 {
            let (total, sumSeconds) = source.withUnsafeBufferPointer { p in
                Stopwatch.time { () -> Double in
                    // Four accumulators so the loop is bound by memory, not by the add latency.
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    var i = 0
                    while i + 4 <= p.count {
                        s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3]
                        i += 4
                    }
                    while i < p.count { s0 += p[i]; i += 1 }
                    return s0 + s1 + s2 + s3
                }
            }
            sink += total
            bestSum = min(bestSum, sumSeconds)
            let copySeconds = source.withUnsafeBytes { ps in
                destination.withUnsafeMutableBytes { pd in
                    Stopwatch.time { pd.copyMemory(from: ps) }.seconds
                }
            }
            bestCopy = min(bestCopy, copySeconds)
        }
        if sink.isNaN || destination[count / 2].isNaN { print("") }  // keeps the work observable
        let bytes = Double(count * 8)
        return (bytes / bestSum / 1e9, 2 * bytes / bestCopy / 1e9)
    }

    /// Raw sequential read speed of a file with `read(2)` in 16 MiB chunks (from the page cache
    /// when the file was read recently: the speed a parser is bounded by in a warm run).
    ///
    /// - Parameter path: The file to read.
    /// - Returns: Bytes read, seconds and MB/s (10⁶ bytes per second).
    /// - Throws: `BenchmarkError.io` when the file cannot be opened or read.
    /// - Complexity: O(file size) time, 16 MiB of memory.
    public static func fileRead(path: String) throws -> (bytes: Int, seconds: Double, megabytesPerSecond: Double) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BenchmarkError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let chunk = 16 * 1024 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var total = 0
        var failure: Int32 = 0
        let seconds = Stopwatch.time {
            while true {
                let got = read(fd, buffer, chunk)
                if got < 0 { failure = errno; return }
                if got == 0 { return }
                total += got
            }
        }.seconds
        if failure != 0 { throw BenchmarkError.io(path: path, reason: String(cString: strerror(failure))) }
        return (total, seconds, Double(total) / seconds / 1e6)
    }
}
