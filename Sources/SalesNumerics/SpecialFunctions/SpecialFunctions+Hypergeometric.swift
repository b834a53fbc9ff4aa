import RealModule

extension SpecialFunctions {
    /// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z < 1.
    ///
    /// Sums the defining series with a relative convergence check, after choosing among the
    /// equivalent forms
    /// - the series itself (|z| < 1),
    /// - Euler's transformation (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) (|z| < 1),
    /// - Pfaff's transformations (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)) and
    ///   (1 − z)^(−b) ₂F₁(c − a, b; c; z/(z − 1)) (z < ½, including z ≤ −1),
    ///
    /// the one whose series has the least cancellation and converges first. For the BG/NBD use
    /// (a = r + x, b = β + x, c = α' + β + x − 1, z = t/(α + T + t) in [0, 1)) Euler's form has
    /// small numerator parameters and a large c, so it converges in a few dozen terms even for
    /// x in the hundreds and z near 0.99.
    ///
    /// - Parameters:
    ///   - a: First numerator parameter.
    ///   - b: Second numerator parameter.
    ///   - c: Denominator parameter; not 0 or a negative integer.
    ///   - z: Argument, z < 1.
    /// - Returns: ₂F₁(a, b; c; z); NaN when c is 0 or a negative integer (undefined), when
    ///   z ≥ 1 (the analytic continuation past the branch point is not implemented; z = 1 is
    ///   not implemented either), when no form converges within 100 000 terms (only for z within
    ///   about 1e-4 of 1 with small parameters), or for NaN arguments. The value may overflow to
    ///   ±∞ for large parameters; use ``logHypergeometric2F1(a:b:c:z:)`` then.
    /// - Precision: ≤ 1e-13 relative over the fixture grid (BG/NBD-like parameters with x up to
    ///   300 and z up to 0.99, plus general a, b, c in [−5.5, 50] and z in [−5, 0.99]).
    /// - Complexity: O(n) for n series terms; n ≈ log(ε)/log|w| plus the transient of the
    ///   chosen form (w the series argument).
    public static func hypergeometric2F1(a: Double, b: Double, c: Double, z: Double) -> Double {
        guard let result = hypergeometricSum(a: a, b: b, c: c, z: z) else { return .nan }
        let magnitude = Double.exp(result.logScale) * result.series
        return magnitude
    }

    /// The natural logarithm of ₂F₁(a, b; c; z), for where the function itself overflows
    /// (large BG/NBD parameters with z near 1).
    /// - Parameters:
    ///   - a: First numerator parameter.
    ///   - b: Second numerator parameter.
    ///   - c: Denominator parameter; not 0 or a negative integer.
    ///   - z: Argument, z < 1.
    /// - Returns: log ₂F₁(a, b; c; z); NaN where ``hypergeometric2F1(a:b:c:z:)`` is NaN or where
    ///   the value is not positive.
    /// - Precision: ≤ 1e-13 relative to the value's magnitude over the fixture grid (absolute
    ///   error ≤ 1e-13 · max(1, |log ₂F₁|)).
    /// - Complexity: as ``hypergeometric2F1(a:b:c:z:)``.
    public static func logHypergeometric2F1(a: Double, b: Double, c: Double, z: Double) -> Double {
        guard let result = hypergeometricSum(a: a, b: b, c: c, z: z), result.series > 0 else { return .nan }
        return result.logScale + Double.log(result.series)
    }
}

extension SpecialFunctions {
    /// A summed hypergeometric series: value = exp(logScale) · series.
    struct HypergeometricSum {
        var logScale: Double
        var series: Double
        /// max |term| / |sum|: the cancellation factor (1 for positive series).
        var cancellation: Double
        var terms: Int
    }

    static let hypergeometricMaxTerms = 100_000

    static func hypergeometricSum(a: Double, b: Double, c: Double, z: Double) -> HypergeometricSum? {
        guard !a.isNaN, !b.isNaN, !c.isNaN, !z.isNaN, a.isFinite, b.isFinite, c.isFinite else { return nil }
        if c <= 0, c == c.rounded(.towardZero) { return nil }
        guard z < 1 else { return nil }
        if z == 0 || a == 0 || b == 0 { return HypergeometricSum(logScale: 0, series: 1, cancellation: 1, terms: 0) }
        var candidates: [HypergeometricSum] = []
        let logOneMinusZ = Double.log(onePlus: -z)
        if Swift.abs(z) < 1 {
            if let direct = series(a: a, b: b, c: c, z: z) { candidates.append(direct) }
            if var euler = series(a: c - a, b: c - b, c: c, z: z) {
                euler.logScale += (c - a - b) * logOneMinusZ
                candidates.append(euler)
            }
        }
        if z < 0.5 {
            let w = z / (z - 1)
            if var pfaffA = series(a: a, b: c - b, c: c, z: w) {
                pfaffA.logScale -= a * logOneMinusZ
                candidates.append(pfaffA)
            }
            if var pfaffB = series(a: c - a, b: b, c: c, z: w) {
                pfaffB.logScale -= b * logOneMinusZ
                candidates.append(pfaffB)
            }
        }
        // Prefer the least cancellation; among equals, the fewest terms.
        return candidates.min { lhs, rhs in
            let l = lhs.cancellation.exponent
            let r = rhs.cancellation.exponent
            return l != r ? l < r : lhs.terms < rhs.terms
        }
    }

    /// Σ (a)ₙ(b)ₙ/((c)ₙ n!) wⁿ for |w| < 1, with the running term kept in a scaled form so large
    /// intermediate terms do not overflow. Returns nil if it does not converge.
    static func series(a: Double, b: Double, c: Double, z w: Double) -> HypergeometricSum? {
        guard Swift.abs(w) < 1 else { return nil }
        // Terminating series when a or b is a non-positive integer.
        var term = 1.0
        var sum = 1.0
        var logScale = 0.0 // all of term and sum are multiplied by exp(logScale)
        var maxTerm = 1.0
        var n = 0.0
        var count = 0
        var smallInARow = 0
        while count < hypergeometricMaxTerms {
            let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * w
            if ratio == 0 {
                // a + n or b + n hit zero: the series terminates.
                return HypergeometricSum(logScale: logScale, series: sum, cancellation: maxTerm / Swift.abs(sum), terms: count)
            }
            term *= ratio
            sum += term
            count += 1
            n += 1
            if Swift.abs(term) > maxTerm { maxTerm = Swift.abs(term) }
            if Swift.abs(sum) > 1e250 || maxTerm > 1e250 {
                let scale = Swift.max(Swift.abs(sum), maxTerm)
                term /= scale
                sum /= scale
                maxTerm /= scale
                logScale += Double.log(scale)
            }
            // Converged once terms are negligible and will keep shrinking (ratio magnitude < 1
            // from here on: |(a+n)(b+n)| < |(c+n)(n+1)| / |w| holds eventually for |w| < 1).
            if Swift.abs(term) <= 1e-17 * Swift.abs(sum) && Swift.abs(ratio) < 1 {
                smallInARow += 1
                if smallInARow >= 2 {
                    return HypergeometricSum(logScale: logScale, series: sum, cancellation: maxTerm / Swift.abs(sum), terms: count)
                }
            } else {
                smallInARow = 0
            }
        }
        return nil
    }
}
