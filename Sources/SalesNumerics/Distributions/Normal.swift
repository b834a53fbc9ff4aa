import RealModule

/// The normal (Gaussian) distribution N(μ, σ²).
///
/// - Precision (measured against mpmath, fixture grid in `special_functions.json`): `cdf` and
///   `survival` ≤ 1.4e-16 relative down to 1e-300 (|z| ≤ 37.5; tested bound 1e-14); `quantile`
///   (Wichura's AS241) ≤ 3.8e-16 relative for p from 1e-300 to 1 − 2⁻⁵³ (tested bound 1e-15).
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean μ.
    public let mean: Double
    /// The standard deviation σ > 0.
    public let standardDeviation: Double

    /// The standard normal distribution N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, standardDeviation: 1)

    /// Creates N(mean, standardDeviation²).
    /// - Parameters:
    ///   - mean: The mean; finite.
    ///   - standardDeviation: The standard deviation; finite and > 0.
    /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
    ///   when the mean is not finite or the standard deviation is not finite and positive.
    public init(mean: Double = 0, standardDeviation: Double = 1) throws {
        guard mean.isFinite else {
            throw DistributionError.invalidParameter(distribution: "Normal", parameter: "mean", value: mean, requirement: "finite")
        }
        try DistributionError.requirePositiveFinite(standardDeviation, parameter: "standardDeviation", distribution: "Normal")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    private init(uncheckedMean mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The variance σ².
    public var variance: Double { standardDeviation * standardDeviation }

    /// The density at `x`.
    /// - Parameter x: Any real number.
    /// - Returns: φ((x − μ)/σ)/σ.
    public func pdf(_ x: Double) -> Double { Double.exp(logPDF(x)) }

    /// The log density at `x`.
    /// - Parameter x: Any real number.
    /// - Returns: −z²/2 − log(σ√(2π)), z = (x − μ)/σ.
    public func logPDF(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - Double.log(standardDeviation) - SpecialFunctions.logSqrtTwoPi
    }

    /// P(X ≤ x).
    /// - Parameter x: Any real number.
    /// - Returns: Φ((x − μ)/σ), relative precision ≤ 1e-14 into the lower tail (down to 1e-300).
    public func cdf(_ x: Double) -> Double { Normal.standardCDF((x - mean) / standardDeviation) }

    /// P(X > x), computed as Φ(−z) so it keeps relative precision in the upper tail.
    /// - Parameter x: Any real number.
    /// - Returns: 1 − Φ((x − μ)/σ).
    public func survival(_ x: Double) -> Double { Normal.standardCDF(-(x - mean) / standardDeviation) }

    /// The quantile μ + σ Φ⁻¹(p).
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: `-∞` at 0, `+∞` at 1, NaN outside [0, 1] or for NaN.
    public func quantile(_ p: Double) -> Double { mean + standardDeviation * Normal.standardQuantile(p) }

    /// The upper quantile μ − σ Φ⁻¹(q), precise for tiny q.
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: x with P(X > x) = q; NaN outside [0, 1] or for NaN.
    public func inverseSurvival(_ q: Double) -> Double { mean - standardDeviation * Normal.standardQuantile(q) }

    /// The two-sided p-value of a z statistic under N(0, 1): P(|Z| ≥ |z|) = 2Φ(−|z|).
    /// - Parameter z: The statistic.
    /// - Returns: A p-value in [0, 1]; NaN for NaN.
    public static func twoSidedPValue(z: Double) -> Double {
        Swift.min(1, 2 * standardCDF(-Swift.abs(z)))
    }

    /// Φ(z) = erfc(−z/√2)/2, with the rounding error of z/√2 corrected to first order so the
    /// deep lower tail keeps its relative precision.
    static func standardCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let inverseSqrt2High = 0.70710678118654757 // 1/√2 rounded
        let inverseSqrt2Low = -4.8336466567264567e-17 // 1/√2 − inverseSqrt2High
        let u = -z * inverseSqrt2High
        let uError = fmaResidual(-z, inverseSqrt2High, u) + (-z) * inverseSqrt2Low
        let value = 0.5 * Double.erfc(u)
        if u.isFinite, u < 27.3 {
            // erfc(u + du) ≈ erfc(u) − (2/√π) e^{−u²} du
            return value - 0.56418958354775628695 * Double.exp(-u * u) * uError
        }
        return value
    }

    /// The exact residual a·b − p of a rounded product p (one fused multiply-add).
    private static func fmaResidual(_ a: Double, _ b: Double, _ p: Double) -> Double {
        (-p).addingProduct(a, b)
    }

    /// Φ⁻¹(p) by Wichura's algorithm AS241 (PPND16), accurate to about 1e-16.
    static func standardQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if Swift.abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let numerator = ((((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0))
            let denominator = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1)
            return q * numerator / denominator
        }
        var r = q < 0 ? p : 1 - p
        r = Double.sqrt(-Double.log(r))
        let value: Double
        if r <= 5 {
            r -= 1.6
            let numerator = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let denominator = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1)
            value = numerator / denominator
        } else {
            r -= 5
            let numerator = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let denominator = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1)
            value = numerator / denominator
        }
        return q < 0 ? -value : value
    }
}
