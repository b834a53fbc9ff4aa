// The BLAS floors every dense workload is read against: dgemm GFLOP/s and the XᵀX Gram matrix of
// the OLS workload's 1,000,000 × 50 design by dsyrk (shared TOOLCHAIN.md: about 52 GFLOP/s for
// dgemm on one thread, about 0.13 s for this dsyrk).
import Benchmark
import BenchmarkSupport
import CLAPACK
import SalesKit

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    Benchmark("dgemm 2000×2000×2000") { (benchmark: Benchmark, operands: GemmOperands) in
        let n: Int32 = 2000
        var c = [Double](repeating: 0, count: 2000 * 2000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            c.withUnsafeMutableBufferPointer { pc in
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0,
                            operands.a, n, operands.b, n, 0.0, pc.baseAddress, n)
            }
        }
        benchmark.stopMeasurement()
        blackHole(c[0])
    } setup: {
        GemmOperands(n: 2000)
    }

    Benchmark("dsyrk XᵀX 1,000,000×50") { (benchmark: Benchmark, x: [Double]) in
        var gram = [Double](repeating: 0, count: 50 * 50)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            gram.withUnsafeMutableBufferPointer { pg in
                x.withUnsafeBufferPointer { px in
                    cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, 50, 1_000_000, 1.0,
                                px.baseAddress, 1_000_000, 0.0, pg.baseAddress, 50)
                }
            }
        }
        benchmark.stopMeasurement()
        blackHole(gram[0])
    } setup: {
        var generator = SeededGenerator(seed: 2)
        return (0..<(1_000_000 * 50)).map { _ in generator.nextUnitDouble() - 0.5 }
    }
}

/// Two square operands on stable heap storage for the dgemm benchmark.
final class GemmOperands: @unchecked Sendable {
    let a: UnsafeMutablePointer<Double>
    let b: UnsafeMutablePointer<Double>

    init(n: Int) {
        a = .allocate(capacity: n * n)
        b = .allocate(capacity: n * n)
        var generator = SeededGenerator(seed: 1)
        for i in 0..<(n * n) { a[i] = generator.nextUnitDouble() - 0.5; b[i] = generator.nextUnitDouble() - 0.5 }
    }

    deinit { a.deallocate(); b.deallocate() }
}
