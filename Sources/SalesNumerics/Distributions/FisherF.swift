import RealModule

/// Fisher's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// - Precision (measured against mpmath, fixture grid in `special_functions.json`): `cdf` and
///   `survival` ≤ 4.2e-14 relative (tails down to 1e-300); `quantile` ≤ 8.5e-15 relative for p
///   from 1e-12 to 1 − 1e-12 (tested bounds 1e-13).
public struct FisherF: ContinuousDistribution, Hashable {
    /// d₁ > 0.
    public let numeratorDegreesOfFreedom: Double
    /// d₂ > 0.
    public let denominatorDegreesOfFreedom: Double

    /// Creates F(d₁, d₂).
    /// - Parameters:
    ///   - numeratorDegreesOfFreedom: d₁; finite and > 0.
    ///   - denominatorDegreesOfFreedom: d₂; finite and > 0.
    /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
    ///   naming the first invalid parameter.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws {
        try DistributionError.requirePositiveFinite(numeratorDegreesOfFreedom, parameter: "numeratorDegreesOfFreedom", distribution: "FisherF")
        try DistributionError.requirePositiveFinite(denominatorDegreesOfFreedom, parameter: "denominatorDegreesOfFreedom", distribution: "FisherF")
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// d₂/(d₂ − 2) for d₂ > 2; `+∞` otherwise.
    public var mean: Double {
        let d2 = denominatorDegreesOfFreedom
        return d2 > 2 ? d2 / (d2 - 2) : .infinity
    }

    /// 2d₂²(d₁ + d₂ − 2) / (d₁(d₂ − 2)²(d₂ − 4)) for d₂ > 4; `+∞` for 2 < d₂ ≤ 4; NaN (undefined) for d₂ ≤ 2.
    public var variance: Double {
        let d1 = numeratorDegreesOfFreedom
        let d2 = denominatorDegreesOfFreedom
        if d2 > 4 { return 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)) }
        return d2 > 2 ? .infinity : .nan
    }

    /// The density at `f` (0 for f < 0).
    /// - Parameter f: Any real number.
    /// - Returns: the density.
    public func pdf(_ f: Double) -> Double { Double.exp(logPDF(f)) }

    /// The log density (d₁/2) log x + (d₂/2) log y − log f − log B(d₁/2, d₂/2), with
    /// x = d₁f/(d₁f + d₂), y = d₂/(d₁f + d₂).
    /// - Parameter f: Any real number.
    /// - Returns: the log density; `-∞` for f < 0.
    public func logPDF(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        let a = numeratorDegreesOfFreedom / 2
        let b = denominatorDegreesOfFreedom / 2
        if f < 0 || f == .infinity { return -.infinity }
        if f == 0 {
            if a < 1 { return .infinity }
            return a == 1 ? -SpecialFunctions.logBeta(a, b) + Double.log(a / b) : -.infinity
        }
        let (x, y) = arguments(f)
        return a * Double.log(x) + b * Double.log(y) - Double.log(f) - SpecialFunctions.logBeta(a, b)
    }

    /// P(F ≤ f) = I_x(d₁/2, d₂/2), x = d₁f/(d₁f + d₂).
    /// - Parameter f: Any real number.
    /// - Returns: the cdf.
    public func cdf(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f <= 0 { return 0 }
        let (x, y) = arguments(f)
        return SpecialFunctions.incompleteBeta(a: numeratorDegreesOfFreedom / 2, b: denominatorDegreesOfFreedom / 2, x: x, y: y).value
    }

    /// P(F > f), computed directly (the p-value of an F test).
    /// - Parameter f: Any real number.
    /// - Returns: 1 − cdf(f), relative precision in the upper tail.
    public func survival(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f <= 0 { return 1 }
        let (x, y) = arguments(f)
        return SpecialFunctions.incompleteBeta(a: numeratorDegreesOfFreedom / 2, b: denominatorDegreesOfFreedom / 2, x: x, y: y).complement
    }

    /// The quantile d₂x/(d₁y) with (x, y) from the inverse incomplete beta function.
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: 0 at 0, `+∞` at 1; NaN outside [0, 1] or for NaN.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return value(SpecialFunctions.inverseIncompleteBeta(a: numeratorDegreesOfFreedom / 2, b: denominatorDegreesOfFreedom / 2, p: p, q: 1 - p))
    }

    /// The upper quantile, precise for tiny q (F-test critical values).
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: f with P(F > f) = q; NaN outside [0, 1] or for NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        return value(SpecialFunctions.inverseIncompleteBeta(a: numeratorDegreesOfFreedom / 2, b: denominatorDegreesOfFreedom / 2, p: 1 - q, q: q))
    }

    private func arguments(_ f: Double) -> (x: Double, y: Double) {
        let d1f = numeratorDegreesOfFreedom * f
        let d2 = denominatorDegreesOfFreedom
        if !d1f.isFinite { return (1, 0) }
        return (d1f / (d1f + d2), d2 / (d1f + d2))
    }

    private func value(_ xy: (x: Double, y: Double)) -> Double {
        if xy.y == 0 { return .infinity }
        return denominatorDegreesOfFreedom * xy.x / (numeratorDegreesOfFreedom * xy.y)
    }
}
