import RealModule

/// The special functions the customer-lifetime models need, in one place so the models read as
/// the papers' formulas.
enum CustomerModelMath {
    /// log Γ(x) for x > 0 (RealModule's `Double.logGamma`, lgamma-accurate).
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { Double.logGamma(x) }

    /// ψ(x) = d/dx log Γ(x) for x > 0: upward recurrence to x ≥ 6, then the asymptotic series
    /// ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) to x⁻¹²; absolute error below 1e-15 for x ≥ 6.
    static func digamma(_ x: Double) -> Double {
        var v = x
        var shift = 0.0
        while v < 6 {
            shift -= 1 / v
            v += 1
        }
        let f = 1 / (v * v)
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))))
        return shift + Double.log(v) - 0.5 / v - series
    }

    /// The Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0 by its power series,
    /// summed until a term falls below 1e-17 of the sum (the series' terms are eventually
    /// monotone for z < 1). Returns NaN if 2,000,000 terms do not suffice (z extremely close to 1).
    static func hypergeometric2F1(a: Double, b: Double, c: Double, z: Double) -> Double {
        precondition(z >= 0 && z < 1, "series branch needs 0 <= z < 1")
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        while n < 2_000_000 {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { return sum }
            n += 1
        }
        return .nan
    }
}
