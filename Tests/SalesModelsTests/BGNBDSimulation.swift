import RealModule
import SalesModels
import SalesNumerics

/// Seeded samplers and a BG/NBD simulator for parameter-recovery tests (and the benchmark).
struct BGNBDSimulation {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// A uniform in (0, 1): never 0, so logarithms are finite.
    mutating func openUnit() -> Double { (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53 }

    /// Standard normal by Box–Muller (one of the pair).
    mutating func normal() -> Double {
        Double.sqrt(-2 * Double.log(openUnit())) * Double.cos(2 * Double.pi * openUnit())
    }

    /// Gamma(shape k, scale 1): Marsaglia & Tsang (2000) for k ≥ 1; G(k+1)·U^(1/k) for k < 1.
    mutating func gamma(shape k: Double) -> Double {
        if k < 1 { return gamma(shape: k + 1) * Double.pow(openUnit(), 1 / k) }
        let d = k - 1.0 / 3, c = 1 / Double.sqrt(9 * d)
        while true {
            var z = 0.0, v = 0.0
            repeat {
                z = normal()
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = openUnit()
            if Double.log(u) < 0.5 * z * z + d - d * v + d * Double.log(v) { return d * v }
        }
    }

    /// Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x / (x + y)
    }

    /// Customers of the BG/NBD process: λ ~ Gamma(r, rate α), p ~ Beta(a, b); after the first
    /// purchase at time 0, purchases arrive as Poisson(λ) until T, and after each repeat purchase
    /// the customer drops out with probability p. Ages T are uniform in `ages`.
    mutating func customers(
        _ n: Int, r: Double, alpha: Double, a: Double, b: Double, ages: ClosedRange<Double>
    ) -> (frequency: [Int], recency: [Double], age: [Double]) {
        var f = [Int](), tx = [Double](), age = [Double]()
        f.reserveCapacity(n); tx.reserveCapacity(n); age.reserveCapacity(n)
        for _ in 0..<n {
            let lambda = gamma(shape: r) / alpha
            let p = beta(a, b)
            let T = ages.lowerBound + (ages.upperBound - ages.lowerBound) * generator.nextUnitDouble()
            var t = 0.0, x = 0, last = 0.0
            while true {
                t += -Double.log(openUnit()) / lambda
                if t > T { break }
                x += 1
                last = t
                if generator.nextUnitDouble() < p { break }
            }
            f.append(x); tx.append(last); age.append(T)
        }
        return (f, tx, age)
    }
}
