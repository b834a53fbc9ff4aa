import Foundation
import SalesNumerics

/// The random draws the synthetic generator needs, built only on `SeededGenerator`'s
/// `next()`/`nextUnitDouble()` so the sequence is the same on every platform.
///
/// Transcendental functions (`log`, `exp`, `sqrt`, `pow`) come from the platform's libm; `sqrt` is
/// correctly rounded everywhere, the others may differ in the last ulp between C libraries. The
/// generator rounds every written value (cents, whole days, whole seconds, small integers), so such
/// a difference could change an output byte only when a value falls within an ulp of a rounding
/// boundary — not observed, but not impossible across platforms.
struct RandomSampler {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { generator.nextUnitDouble() }

    /// Uniform in the open interval (0, 1) (safe for `log`).
    @inline(__always)
    mutating func uniformOpen() -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound`.
    @inline(__always)
    mutating func index(below bound: Int) -> Int { generator.nextInt(below: bound) }

    /// `true` with probability `probability`.
    @inline(__always)
    mutating func bernoulli(_ probability: Double) -> Bool { uniform() < probability }

    /// A standard normal draw (Marsaglia's polar method; the second variate is discarded so the
    /// sampler carries no hidden state).
    mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * log(s) / s).squareRoot()
            }
        }
    }

    /// An exponential draw with the given rate (mean `1 / rate`).
    @inline(__always)
    mutating func exponential(rate: Double) -> Double {
        -log(uniformOpen()) / rate
    }

    /// A Gamma(shape, rate 1) draw: Marsaglia & Tsang (2000), with the `U^(1/shape)` boost for
    /// shape < 1.
    mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 {
            let boosted = gamma(shape: shape + 1)
            return boosted * pow(uniformOpen(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            var v = 1 + c * x
            if v <= 0 { continue }
            v = v * v * v
            let u = uniformOpen()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        return x / (x + y)
    }

    /// A Poisson draw (Knuth's product of uniforms, applied in pieces of mean ≤ 20 so `exp(-mean)`
    /// never underflows).
    mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0, "Poisson mean must be non-negative")
        var remaining = mean
        var total = 0
        while remaining > 0 {
            let piece = min(remaining, 20)
            remaining -= piece
            let limit = exp(-piece)
            var product = uniform()
            while product > limit {
                total += 1
                product *= uniform()
            }
        }
        return total
    }

    /// A Binomial(trials, probability) draw by counting Bernoulli trials (for small `trials`).
    mutating func binomial(trials: Int, probability: Double) -> Int {
        var successes = 0
        for _ in 0..<trials where uniform() < probability { successes += 1 }
        return successes
    }

    /// An index drawn with the probabilities whose running sums are `cumulative` (last = 1).
    @inline(__always)
    mutating func categorical(cumulative: [Double]) -> Int {
        let u = uniform()
        for i in 0..<cumulative.count where u < cumulative[i] { return i }
        return cumulative.count - 1
    }
}

/// Running sums of `weights`, normalised so the last is exactly 1.
func cumulativeProbabilities(_ weights: [Double]) -> [Double] {
    let total = weights.reduce(0, +)
    var running = 0.0
    var result = weights.map { weight -> Double in
        running += weight
        return running / total
    }
    if !result.isEmpty { result[result.count - 1] = 1 }
    return result
}
