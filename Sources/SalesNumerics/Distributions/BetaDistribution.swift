import RealModule

/// The beta distribution on [0, 1] with shapes α and β.
///
/// - Precision: as ``SpecialFunctions/regularizedIncompleteBeta(a:b:x:)`` and
///   ``SpecialFunctions/inverseRegularizedIncompleteBeta(a:b:p:)`` (see their measured bounds).
public struct Beta: ContinuousDistribution, Hashable {
    /// The first shape α > 0.
    public let alpha: Double
    /// The second shape β > 0.
    public let beta: Double

    /// Creates Beta(α, β).
    /// - Parameters:
    ///   - alpha: α; finite and > 0.
    ///   - beta: β; finite and > 0.
    /// - Throws: ``DistributionError/invalidParameter(distribution:parameter:value:requirement:)``
    ///   naming the first invalid parameter.
    public init(alpha: Double, beta: Double) throws {
        try DistributionError.requirePositiveFinite(alpha, parameter: "alpha", distribution: "Beta")
        try DistributionError.requirePositiveFinite(beta, parameter: "beta", distribution: "Beta")
        self.alpha = alpha
        self.beta = beta
    }

    /// α/(α + β).
    public var mean: Double { alpha / (alpha + beta) }
    /// αβ / ((α + β)²(α + β + 1)).
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }

    /// The density at `x` (0 outside [0, 1]).
    /// - Parameter x: Any real number.
    /// - Returns: xᵅ⁻¹(1 − x)ᵝ⁻¹ / B(α, β).
    public func pdf(_ x: Double) -> Double { Double.exp(logPDF(x)) }

    /// The log density.
    /// - Parameter x: Any real number.
    /// - Returns: log of the density; `-∞` outside [0, 1].
    public func logPDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x > 1 { return -.infinity }
        let logNormalizer = SpecialFunctions.logBeta(alpha, beta)
        if x == 0 {
            if alpha < 1 { return .infinity }
            return alpha == 1 ? -logNormalizer : -.infinity
        }
        if x == 1 {
            if beta < 1 { return .infinity }
            return beta == 1 ? -logNormalizer : -.infinity
        }
        return (alpha - 1) * Double.log(x) + (beta - 1) * Double.log(onePlus: -x) - logNormalizer
    }

    /// P(X ≤ x) = I_x(α, β).
    /// - Parameter x: Any real number.
    /// - Returns: the cdf.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x, y: 1 - x).value
    }

    /// P(X > x) = I_{1−x}(β, α), computed directly.
    /// - Parameter x: Any real number.
    /// - Returns: the survival function.
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x, y: 1 - x).complement
    }

    /// I⁻¹(α, β, p).
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: the quantile; NaN outside [0, 1] or for NaN.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return SpecialFunctions.inverseIncompleteBeta(a: alpha, b: beta, p: p, q: 1 - p).x
    }

    /// The x with P(X > x) = q, precise for tiny q.
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: the upper quantile; NaN outside [0, 1] or for NaN.
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        return SpecialFunctions.inverseIncompleteBeta(a: alpha, b: beta, p: 1 - q, q: q).x
    }
}
