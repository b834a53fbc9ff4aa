import Foundation
import Testing
@testable import SalesNumerics

/// `Normal.sample(using:)`: the Box–Muller formula on the generator's uniforms, two uniforms per
/// draw, and moments of N(3, 2²) within sampling error.
@Suite struct NormalSamplingTests {
    /// Each draw is √(−2 ln u₁)·cos(2πu₂) from the next two uniforms of the same generator
    /// (recomputed here with Foundation's libm; 4 ulp-scale tolerance for log/cos differences).
    @Test func drawsAreBoxMullerOnTwoUniforms() {
        var sampler = SeededGenerator(seed: 7)
        var uniforms = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let x = Normal.standard.sample(using: &sampler)
            let u1 = uniforms.nextUnitDouble(), u2 = uniforms.nextUnitDouble()
            let expected = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            #expect(abs(x - expected) <= 1e-15 * max(1, abs(expected)), "\(x) vs \(expected)")
        }
        #expect(sampler.next() == uniforms.next(), "a draw consumes exactly two generator outputs")
    }

    /// Mean and standard deviation of 40 000 draws of N(3, 2²): the standard errors are
    /// 2/√n = 0.01 (mean) and about 2/√(2n) = 0.0071 (sd); 5 standard errors is the tolerance.
    @Test func momentsMatchTheParameters() throws {
        let distribution = try Normal(mean: 3, standardDeviation: 2)
        var generator = SeededGenerator(seed: 2024)
        let n = 40_000
        let xs = (0..<n).map { _ in distribution.sample(using: &generator) }
        let mean = xs.reduce(0, +) / Double(n)
        let sd = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
        #expect(abs(mean - 3) < 5 * 0.01, "mean \(mean)")
        #expect(abs(sd - 2) < 5 * 0.0071, "sd \(sd)")
    }
}
