import RealModule

extension SpecialFunctions {
    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
    ///
    /// Series for x < a + 1, Lentz's continued fraction for Q otherwise; the prefactor
    /// xᵃe⁻ˣ/Γ(a) is formed without cancellation for large `a` (Stirling form with `log1p(d) − d`).
    /// - Parameters:
    ///   - a: Shape, `a > 0`.
    ///   - x: Upper limit, `x ≥ 0` (`+∞` allowed).
    /// - Returns: P(a, x) in [0, 1]; NaN when `a ≤ 0`, `x < 0` or an argument is NaN.
    /// - Precision: measured ≤ 1.2e-13 relative over the fixture grid (a from 1e-3 to 1e5; values
    ///   down to 1e-300; tested bound 2e-13). The error grows like ε·|log P| in the far tail (one
    ///   ulp of the exponent).
    /// - Complexity: O(√a) iterations near x ≈ a, O(1) iterations in the tails.
    public static func regularizedGammaP(a: Double, x: Double) -> Double {
        incompleteGamma(a: a, x: x).p
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x),
    /// computed directly (not as 1 − P) where it is small, so upper-tail p-values keep their
    /// relative precision.
    /// - Parameters:
    ///   - a: Shape, `a > 0`.
    ///   - x: Lower limit, `x ≥ 0` (`+∞` allowed).
    /// - Returns: Q(a, x) in [0, 1]; NaN when `a ≤ 0`, `x < 0` or an argument is NaN.
    /// - Precision: measured ≤ 2.9e-13 relative over the fixture grid including upper tails down
    ///   to 1e-300 (worst at a = 0.001, x = 1, where Q relies on lgamma(1 + a); tested bound 5e-13).
    /// - Complexity: O(√a) iterations near x ≈ a, O(1) iterations in the tails.
    public static func regularizedGammaQ(a: Double, x: Double) -> Double {
        incompleteGamma(a: a, x: x).q
    }

    /// The inverse of P(a, ·): the `x ≥ 0` with P(a, x) = p.
    ///
    /// Starting guess from Wilson–Hilferty (or the small-x power law), then safeguarded Newton steps
    /// on log(tail) against log x, on whichever of P or Q is smaller, so quantiles near p = 1 and
    /// tiny p (down to 1e-300) keep their precision.
    /// - Parameters:
    ///   - a: Shape, `a > 0`.
    ///   - p: Probability in [0, 1].
    /// - Returns: x with P(a, x) = p; 0 for p = 0, `+∞` for p = 1; NaN when `a ≤ 0`, p is
    ///   outside [0, 1] or NaN.
    /// - Precision: measured ≤ 1.6e-13 relative over the fixture grid (a from 0.01 to 1e5, p from
    ///   1e-300 to 1 − 1e-12; worst at a = 0.01, where the quantile's condition number is 1/a;
    ///   tested bound 3e-13).
    /// - Complexity: typically 3–6 Newton steps, each one evaluation of P or Q; at most 300.
    public static func inverseRegularizedGammaP(a: Double, p: Double) -> Double {
        inverseIncompleteGamma(a: a, p: p, q: 1 - p)
    }

    /// The inverse of Q(a, ·): the `x ≥ 0` with Q(a, x) = q; precise for tiny q (upper quantiles).
    /// - Parameters:
    ///   - a: Shape, `a > 0`.
    ///   - q: Upper-tail probability in [0, 1].
    /// - Returns: x with Q(a, x) = q; `+∞` for q = 0, 0 for q = 1; NaN when `a ≤ 0`, q is outside
    ///   [0, 1] or NaN.
    /// - Precision: as ``inverseRegularizedGammaP(a:p:)``.
    /// - Complexity: typically 3–6 Newton steps; at most 300.
    public static func inverseRegularizedGammaQ(a: Double, q: Double) -> Double {
        inverseIncompleteGamma(a: a, p: 1 - q, q: q)
    }
}

extension SpecialFunctions {
    /// P(a, x) and Q(a, x), each accurate in relative terms where it is the smaller one.
    static func incompleteGamma(a: Double, x: Double) -> (p: Double, q: Double) {
        guard a > 0, x >= 0, a.isFinite || a == .infinity else { return (.nan, .nan) }
        if a == .infinity { return (0, 1) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let logFactor = logGammaPrefactor(a: a, x: x) // log(xᵃ e⁻ˣ / Γ(a))
        if x < a + 1 {
            // P = xᵃ e⁻ˣ / Γ(a + 1) · Σ xⁿ / ((a+1)…(a+n))
            var term = 1 / a
            var sum = term
            var n = 1.0
            while n < 1e7 {
                term *= x / (a + n)
                sum += term
                if term < sum * 1e-17 { break }
                n += 1
            }
            let p = Swift.min(Double.exp(logFactor + Double.log(sum)), 1)
            if a < 1, x <= 1.5 {
                // Q = 1 − P cancels here (small a makes P ≈ 1 already at moderate x). Use
                // Q = (1 − xᵃ/Γ(a+1)) − xᵃ/Γ(a+1) · Σₙ≥₁ (−x)ⁿ a / ((a+n) n!), with no cancellation.
                let logPower = a * Double.log(x) - Double.logGamma(1 + a)
                var term = 1.0
                var tail = 0.0
                var n = 1.0
                while n < 200 {
                    term *= -x / n
                    let contribution = term * a / (a + n)
                    tail += contribution
                    if Swift.abs(contribution) <= 1e-17 * Swift.abs(tail) { break }
                    n += 1
                }
                let power = Double.exp(logPower)
                let q = -Double.expMinusOne(logPower) - power * tail
                return (p, Swift.min(Swift.max(q, 0), 1))
            }
            return (p, Swift.max(1 - p, 0))
        }
        // Q by the continued fraction (modified Lentz), as in Numerical Recipes' gcf.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 1e7 {
            b += 2
            let delta = lentzStep(numerator: -i * (i - a), denominator: b, c: &c, d: &d)
            h *= delta
            if Swift.abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        let q = Double.exp(logFactor + Double.log(h))
        return (Swift.max(1 - q, 0), Swift.min(q, 1))
    }

    /// log(xᵃ e⁻ˣ / Γ(a)), for x > 0, a > 0.
    static func logGammaPrefactor(a: Double, x: Double) -> Double {
        if a < 10 {
            return a * Double.log(x) - x - logGamma(a)
        }
        // xᵃe⁻ˣ/Γ(a) = √(a/2π) · exp(a (log(1 + d) − d) − δ(a)), d = (x − a)/a
        let d = (x - a) / a
        let main = Swift.abs(d) <= 0.5 ? a * logOnePlusMinus(d) : a * Double.log(x / a) - (x - a)
        return main - stirlingCorrection(a) + 0.5 * Double.log(a) - logSqrtTwoPi
    }

    /// Solves P(a, x) = p (equivalently Q(a, x) = q; both given so the smaller keeps its precision).
    static func inverseIncompleteGamma(a: Double, p: Double, q: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, p <= 1, q >= 0, q <= 1 else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let useLower = p <= q
        let target = useLower ? p : q
        // Initial guess (Numerical Recipes 3rd ed., invgammp).
        var x: Double
        if a > 1 {
            let pp = p < 0.5 ? p : q
            let t = Double.sqrt(-2 * Double.log(pp))
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            let w = 1 / (9 * a)
            x = Swift.max(1e-3, a * Double.pow(1 - w - z * Double.sqrt(w), 3))
        } else {
            let t = 1 - a * (0.253 + a * 0.12)
            if p < t {
                x = Double.pow(p / t, 1 / a)
            } else {
                x = 1 - Double.log(onePlus: -(p - t) / (1 - t))
            }
        }
        if x <= 0 || !x.isFinite { x = a }
        // Newton's method on g(u) = log(tail(eᵘ)) − log(target), u = log x: the power-law lower
        // tail and the exponential upper tail are both close to linear there.
        let logTarget = Double.log(target)
        var u = Double.log(x)
        var lower = -Double.infinity
        var upper = Double.infinity
        for _ in 0..<300 {
            let current = Double.exp(u)
            let values = incompleteGamma(a: a, x: current)
            let tail = useLower ? values.p : values.q
            let g = Double.log(tail) - logTarget
            if g == 0 { break }
            if (g > 0) == useLower { upper = Swift.min(upper, u) } else { lower = Swift.max(lower, u) }
            // d tail / d u = ± x · density = ± exp(log prefactor)
            let slope = (useLower ? 1.0 : -1.0) * Double.exp(logGammaPrefactor(a: a, x: current) - Double.log(tail))
            var next = u - g / slope
            if !(next > lower && next < upper) || !next.isFinite {
                if lower.isFinite && upper.isFinite {
                    next = 0.5 * (lower + upper)
                } else {
                    next = lower.isFinite ? lower + 1 : upper - 1
                }
            }
            if Swift.abs(next - u) <= 1e-16 * Swift.max(1, Swift.abs(u)) {
                u = next
                break
            }
            u = next
        }
        x = Double.exp(u)
        return x
    }
}
