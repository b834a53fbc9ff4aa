import RealModule

/// The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
/// iso-value curves for customer base analysis", JMR 42(4); Fader & Hardie, "The Gamma-Gamma
/// model of monetary value", 2013 note).
///
/// A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the
/// mean spend of a customer with x transactions averaging m̄ has the density
/// f(m̄ | x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q x^(px) m̄^(px−1) / (γ + x m̄)^(px+q).
/// Spend is assumed independent of the purchase process (check before combining with BG/NBD).
///
/// γ is in the currency of the monetary values; p and q are unitless.
///
/// Precision: predictions are closed-form (a few flops); the fit's tolerance is stated in `fit`.
public struct GammaGammaModel: Sendable, Equatable, Hashable, Codable {
    /// Shape of the per-transaction Gamma distribution (> 0).
    public let p: Double
    /// Shape of the Gamma distribution of ν across customers (> 0).
    public let q: Double
    /// Rate of the Gamma distribution of ν across customers (> 0), in currency units
    /// (`v` in the `lifetimes` package).
    public let gamma: Double

    /// The parameter names in the order used by `parameters` and by errors' `lastParameters`.
    public static let parameterNames = ["p", "q", "gamma"]

    /// Creates a model from known parameters.
    ///
    /// - Parameters:
    ///   - p: > 0.
    ///   - q: > 0.
    ///   - gamma: > 0, in currency units.
    /// - Throws: `CustomerModelError.invalidParameter` if a value is not positive and finite.
    public init(p: Double, q: Double, gamma: Double) throws {
        try CustomerModelError.requirePositiveFinite([p, q, gamma], names: Self.parameterNames)
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// Decodes the parameters and validates them like `init(p:q:gamma:)`.
    /// - Parameter decoder: The decoder.
    /// - Throws: Decoding errors, or `CustomerModelError.invalidParameter`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(p: c.decode(Double.self, forKey: .p), q: c.decode(Double.self, forKey: .q), gamma: c.decode(Double.self, forKey: .gamma))
    }

    /// The parameters as `[p, q, gamma]`.
    public var parameters: [Double] { [p, q, gamma] }

    /// The mean spend per transaction over the population, pγ/(q − 1); `nil` when q ≤ 1 (the
    /// mean is infinite).
    public var populationMeanSpend: Double? { q > 1 ? p * gamma / (q - 1) : nil }

    /// The expected mean transaction value of a customer with `frequency` repeat transactions
    /// whose mean value is `monetary` (Fader & Hardie's note, eq. 5):
    /// (γ + m̄ x) p / (p x + q − 1), a weighted average of the population mean and m̄.
    /// A customer with x = 0 gets the population mean pγ/(q − 1) (whatever `monetary` is).
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0.
    ///   - monetary: m̄, the mean value of the x repeat transactions (ignored when x = 0).
    /// - Returns: The expected spend per transaction; `+infinity` when p·x + q ≤ 1 (q ≤ 1 and x = 0).
    /// - Complexity: O(1).
    public func expectedAverageSpend(frequency x: Int, monetary: Double) -> Double {
        let xd = Double(x)
        let denominator = p * xd + q - 1
        guard denominator > 0 else { return .infinity }
        return (gamma + (x > 0 ? monetary * xd : 0)) * p / denominator
    }

    /// The log-density of a customer's mean spend m̄ given x ≥ 1 transactions (the density in
    /// the type's summary).
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 1.
    ///   - monetary: m̄ > 0.
    /// - Returns: log f(m̄ | x); 0 when x < 1 (such customers are not part of the model) and
    ///   −infinity when m̄ ≤ 0 (zero density).
    /// - Complexity: O(1).
    public func logLikelihood(frequency x: Int, monetary m: Double) -> Double {
        guard x >= 1 else { return 0 }
        guard m > 0 else { return -.infinity }
        let xd = Double(x)
        let px = p * xd
        let lg = CustomerModelMath.logGamma
        return lg(px + q) - lg(px) - lg(q) + q * Double.log(gamma) + px * Double.log(xd)
            + (px - 1) * Double.log(m) - (px + q) * Double.log(gamma + xd * m)
    }
}
