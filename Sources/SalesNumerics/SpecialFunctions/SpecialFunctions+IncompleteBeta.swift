import RealModule

extension SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b).
    ///
    /// Lentz's continued fraction, evaluated on I_x(a, b) when x < (a + 1)/(a + b + 2) and on the
    /// complement I_{1−x}(b, a) otherwise; the prefactor xᵃ(1 − x)ᵇ / B(a, b) is formed in Stirling
    /// form for large a and b so it does not cancel.
    /// - Parameters:
    ///   - a: First shape, `a > 0`.
    ///   - b: Second shape, `b > 0`.
    ///   - x: Argument in [0, 1].
    /// - Returns: I_x(a, b) in [0, 1]; NaN when a shape is not positive, x is outside [0, 1] or
    ///   an argument is NaN.
    /// - Precision: measured ≤ 3.4e-13 relative over the fixture grid (a, b from 1e-2 to 1e5;
    ///   values down to 1e-300; tested bound 5e-13). Values close to 1 are accurate in absolute
    ///   terms (≤ 1 ulp of 1); use
    ///   ``regularizedIncompleteBetaComplement(a:b:x:)`` for the small complement.
    /// - Complexity: O(√max(a, b)) continued-fraction terms in the worst case, O(1) in the tails.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x, y: 1 - x).value
    }

    /// The complement 1 − I_x(a, b) = I_{1−x}(b, a), computed directly so it keeps its relative
    /// precision when small.
    /// - Parameters:
    ///   - a: First shape, `a > 0`.
    ///   - b: Second shape, `b > 0`.
    ///   - x: Argument in [0, 1].
    /// - Returns: 1 − I_x(a, b); NaN for invalid arguments as ``regularizedIncompleteBeta(a:b:x:)``.
    /// - Precision: as ``regularizedIncompleteBeta(a:b:x:)``.
    /// - Complexity: as ``regularizedIncompleteBeta(a:b:x:)``.
    public static func regularizedIncompleteBetaComplement(a: Double, b: Double, x: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x, y: 1 - x).complement
    }

    /// The inverse of I_·(a, b): the x in [0, 1] with I_x(a, b) = p.
    ///
    /// Starting guess from Numerical Recipes' `invbetai` (normal approximation for a, b ≥ 1, power
    /// laws otherwise), then safeguarded Newton steps on log(smaller tail) against the log of the
    /// smaller variable (x or 1 − x), so both ends keep relative precision.
    /// - Parameters:
    ///   - a: First shape, `a > 0`.
    ///   - b: Second shape, `b > 0`.
    ///   - p: Probability in [0, 1].
    /// - Returns: x with I_x(a, b) = p; 0 for p = 0 and 1 for p = 1; NaN when a shape is not
    ///   positive or p is outside [0, 1] or NaN.
    /// - Precision: measured ≤ 5.4e-14 relative over the fixture grid (a, b from 0.05 to 500, p
    ///   from 1e-12 to 1 − 1e-12; tested bound 1e-13).
    /// - Complexity: typically 3–8 Newton steps, each one incomplete-beta evaluation; at most 300.
    public static func inverseRegularizedIncompleteBeta(a: Double, b: Double, p: Double) -> Double {
        inverseIncompleteBeta(a: a, b: b, p: p, q: 1 - p).x
    }
}

extension SpecialFunctions {
    /// I_x(a, b) and its complement, given both x and y = 1 − x (so callers with an accurate
    /// small y, e.g. the t distribution, do not lose it).
    static func incompleteBeta(a: Double, b: Double, x: Double, y: Double) -> (value: Double, complement: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0, x <= 1, y <= 1, a.isFinite, b.isFinite else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let value = Swift.min(betaPrefactor(a: a, b: b, x: x, y: y) * betaContinuedFraction(a: a, b: b, x: x, y: y) / a, 1)
            return (value, Swift.max(1 - value, 0))
        }
        let complement = Swift.min(betaPrefactor(a: b, b: a, x: y, y: x) * betaContinuedFraction(a: b, b: a, x: y, y: x) / b, 1)
        return (Swift.max(1 - complement, 0), complement)
    }

    /// xᵃ yᵇ / B(a, b) with y = 1 − x (both given; the smaller one is the accurate one).
    static func betaPrefactor(a: Double, b: Double, x: Double, y: Double) -> Double {
        let logX = x < 0.5 ? Double.log(x) : Double.log(onePlus: -y)
        let logY = y < 0.5 ? Double.log(y) : Double.log(onePlus: -x)
        if Swift.min(a, b) < 10 {
            return Double.exp(a * logX + b * logY - logBeta(a, b))
        }
        // Stirling form: with s = a + b, x₀ = a/s, y₀ = b/s,
        // xᵃyᵇ/B = √(ab/(2πs)) · exp(a log(x/x₀) + b log(y/y₀) − δ(a) − δ(b) + δ(s)).
        // Near the mean, a log(x/x₀) + b log(y/y₀) = a(log1p(e₁) − e₁) + b(log1p(e₂) − e₂) with
        // e₁ = λ/a, e₂ = −λ/b, λ = xs − a (a e₁ + b e₂ = 0), which does not cancel.
        let s = a + b
        let lambda = x < y ? x * s - a : b - y * s
        let e1 = lambda / a
        let e2 = -lambda / b
        let main: Double
        if Swift.abs(e1) <= 0.5, Swift.abs(e2) <= 0.5 {
            main = a * logOnePlusMinus(e1) + b * logOnePlusMinus(e2)
        } else {
            let logX0 = a < b ? Double.log(a / s) : Double.log(onePlus: -b / s)
            let logY0 = b < a ? Double.log(b / s) : Double.log(onePlus: -a / s)
            main = a * (logX - logX0) + b * (logY - logY0)
        }
        let exponent = main - (stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s))
        return Double.sqrt(a * b / s) / 2.5066282746310005024 * Double.exp(exponent)
    }

    /// The continued fraction for I_x(a, b) (Numerical Recipes' betacf, modified Lentz).
    static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        // 1 − (a+b)x/(a+1), formed from y when x is near 1 (where the difference cancels).
        var d = x < 0.5 ? 1 - qab * x / qap : (1 - b + qab * y) / qap
        if Swift.abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1e7 {
            let m2 = 2 * m
            h *= lentzStep(numerator: m * (b - m) * x / ((qam + m2) * (a + m2)), denominator: 1, c: &c, d: &d)
            let delta = lentzStep(
                numerator: -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), denominator: 1, c: &c, d: &d)
            h *= delta
            if Swift.abs(delta - 1) < 1e-16 { break }
            m += 1
        }
        return h
    }

    /// Solves I_x(a, b) = p (q = 1 − p given separately); returns x and y = 1 − x, each accurate.
    static func inverseIncompleteBeta(a: Double, b: Double, p: Double, q: Double) -> (x: Double, y: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1, q >= 0, q <= 1 else { return (.nan, .nan) }
        if p == 0 { return (0, 1) }
        if q == 0 { return (1, 0) }
        // Initial guess (Numerical Recipes 3rd ed., invbetai), kept as the log of whichever of
        // x and y = 1 − x is smaller, so it neither underflows nor rounds to 1.
        var swapped: Bool
        var logGuess: Double
        if a >= 1, b >= 1 {
            let pp = p < 0.5 ? p : q
            let t = Double.sqrt(-2 * Double.log(pp))
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p < 0.5 { z = -z }
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * Double.sqrt(al + h) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            // x = a / (a + b e^{2w}), y = b e^{2w} / (a + b e^{2w})
            let logRatio = Double.log(b / a) + 2 * w // log(y/x)
            swapped = logRatio < 0
            logGuess = swapped ? logRatio - Double.log(onePlus: Double.exp(logRatio)) : -Double.log(onePlus: Double.exp(-logRatio))
            if !swapped { logGuess = -Double.log(onePlus: Double.exp(logRatio)) }
        } else {
            let lna = Double.log(a / (a + b))
            let lnb = Double.log(b / (a + b))
            let logT = a * lna - Double.log(a)
            let logU = b * lnb - Double.log(b)
            let logW = Swift.max(logT, logU) + Double.log(onePlus: Double.exp(-Swift.abs(logT - logU)))
            if Double.log(p) < logT - logW {
                swapped = false
                logGuess = (Double.log(a) + logW + Double.log(p)) / a
            } else {
                swapped = true
                logGuess = (Double.log(b) + logW + Double.log(q)) / b
            }
        }
        if !(logGuess < 0) || !logGuess.isFinite {
            swapped = a > b
            logGuess = swapped ? Double.log(b / (a + b)) : Double.log(a / (a + b))
        }
        let (aa, bb, target, complementTarget) = swapped ? (b, a, q, p) : (a, b, p, q)
        // Solve I_z(aa, bb) = target (equivalently 1 − I = complementTarget) by Newton's method on
        // log(tail) as a function of u = log z: power-law tails become nearly linear there.
        let useLower = target <= complementTarget
        let logTarget = Double.log(useLower ? target : complementTarget)
        let logB = logBeta(aa, bb)
        var u = Swift.min(logGuess, -1e-300)
        var lower = -Double.infinity
        var upper = 0.0
        for _ in 0..<300 {
            let z = Double.exp(u)
            let w = -Double.expMinusOne(u)
            let values = incompleteBeta(a: aa, b: bb, x: z, y: w)
            let tail = useLower ? values.value : values.complement
            // g(u) = log(tail) − logTarget, increasing in u for the lower tail, decreasing otherwise.
            let g = Double.log(tail) - logTarget
            if g == 0 { break }
            if (g > 0) == useLower { upper = Swift.min(upper, u) } else { lower = Swift.max(lower, u) }
            let logDensity = (aa - 1) * u + (bb - 1) * Double.log(onePlus: -z) - logB
            let slope = (useLower ? 1.0 : -1.0) * Double.exp(u + logDensity - Double.log(tail)) // dg/du
            var next = u - g / slope
            if !(next > lower && next < upper) || !next.isFinite {
                next = lower.isFinite ? 0.5 * (lower + upper) : Swift.min(2 * u, u - 1)
            }
            if Swift.abs(next - u) <= 1e-16 * Swift.max(1, Swift.abs(u)) || (lower.isFinite && upper - lower <= 1e-16 * Swift.abs(lower)) {
                u = next
                break
            }
            u = next
        }
        let z = Double.exp(u)
        return swapped ? (1 - z, z) : (z, 1 - z)
    }
}
