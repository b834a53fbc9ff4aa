import RealModule

/// The gamma distribution with shape α and rate β (mean α/β).
///
/// - Precision: as ``SpecialFunctions/regularizedGammaP(a:x:)`` and
///   ``SpecialFunctions/inverseRegularizedGammaP(a:p:)`` (see their measured bounds),
///   plus one rounding for the scaling by β.
public struct Gamma: ContinuousDistribution, Hashable {
    /// The shape α > 0.
    public let shape: Double
    /// The rate β > 0 (the inverse of the scale).
    public let rate: Double

    /// Creates Gamma(α, β).
    /// - Parameters:
    ///   - shape: α; finite and > 0.
    ///   - rate: β; finite and > 0.
    /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
    ///   naming the first invalid parameter.
    public init(shape: Double, rate: Double) throws {
        try DistributionError.requirePositiveFinite(shape, parameter: "shape", distribution: "Gamma")
        try DistributionError.requirePositiveFinite(rate, parameter: "rate", distribution: "Gamma")
        self.shape = shape
        self.rate = rate
    }

    /// α/β.
    public var mean: Double { shape / rate }
    /// α/β².
    public var variance: Double { shape / (rate * rate) }

    /// The density at `x` (0 for x < 0).
    /// - Parameter x: Any real number.
    /// - Returns: βᵅ xᵅ⁻¹ e^(−βx) / Γ(α).
    public func pdf(_ x: Double) -> Double { Double.exp(logPDF(x)) }

    /// The log density.
    /// - Parameter x: Any real number.
    /// - Returns: log of the density; `-∞` for x < 0.
    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 {
            if shape < 1 { return .infinity }
            return shape == 1 ? Double.log(rate) : -.infinity
        }
        return SpecialFunctions.logGammaPrefactor(a: shape, x: rate * x) - Double.log(x)
    }

    /// P(X ≤ x) = P(α, βx).
    /// - Parameter x: Any real number.
    /// - Returns: the cdf.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(a: shape, x: rate * x)
    }

    /// P(X > x) = Q(α, βx), accurate in the upper tail.
    /// - Parameter x: Any real number.
    /// - Returns: the survival function.
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(a: shape, x: rate * x)
    }

    /// P⁻¹(α, p)/β.
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: the quantile; NaN outside [0, 1] or for NaN.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return SpecialFunctions.inverseIncompleteGamma(a: shape, p: p, q: 1 - p) / rate
    }

    /// Q⁻¹(α, q)/β, precise for tiny q.
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: the upper quantile; NaN outside [0, 1] or for NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        return SpecialFunctions.inverseIncompleteGamma(a: shape, p: 1 - q, q: q) / rate
    }
}
