import RealModule

/// The Pareto/NBD model of repeat buying (Schmittlein, Morrison & Colombo 1987), in the form of
/// Fader & Hardie, "A note on deriving the Pareto/NBD model and related expressions" (2005).
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(shape r, rate α); the
/// lifetime is exponential with rate μ ~ Gamma(shape s, rate β), so dropout can happen at any
/// time (unlike BG/NBD, where it happens only right after a purchase). Inputs are the same
/// (x, tₓ, T) summaries as for `BGNBDModel`, in any one time unit; α and β are in that unit.
///
/// Precision: the likelihood and P(alive) use ₂F₁ (`SpecialFunctions.hypergeometric2F1`, ≤ 1e-13
/// relative for arguments ≤ 0.99) and a log-space difference for the A₀ term; values are
/// accurate to about 1e-10 relative unless max(α, β)/min(α, β) is so large that the ₂F₁
/// argument exceeds 0.99 (then NaN, which the fit's line search steps away from).
public struct ParetoNBDModel: Sendable, Equatable, Hashable, Codable {
    /// Shape of the Gamma distribution of purchase rates (> 0).
    public let r: Double
    /// Rate of the Gamma distribution of purchase rates (> 0), in the data's time unit.
    public let alpha: Double
    /// Shape of the Gamma distribution of dropout rates (> 0).
    public let s: Double
    /// Rate of the Gamma distribution of dropout rates (> 0), in the data's time unit.
    public let beta: Double

    /// The parameter names in the order used by `parameters` and by errors' `lastParameters`.
    public static let parameterNames = ["r", "alpha", "s", "beta"]

    /// Creates a model from known parameters.
    ///
    /// - Parameters:
    ///   - r: > 0.
    ///   - alpha: > 0, in the data's time unit.
    ///   - s: > 0.
    ///   - beta: > 0, in the data's time unit.
    /// - Throws: `CustomerModelError.invalidParameter` if a value is not positive and finite.
    public init(r: Double, alpha: Double, s: Double, beta: Double) throws {
        try CustomerModelError.requirePositiveFinite([r, alpha, s, beta], names: Self.parameterNames)
        self.r = r
        self.alpha = alpha
        self.s = s
        self.beta = beta
    }

    /// Decodes the parameters and validates them like `init(r:alpha:s:beta:)`.
    /// - Parameter decoder: The decoder.
    /// - Throws: Decoding errors, or `CustomerModelError.invalidParameter`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(r: c.decode(Double.self, forKey: .r), alpha: c.decode(Double.self, forKey: .alpha), s: c.decode(Double.self, forKey: .s), beta: c.decode(Double.self, forKey: .beta))
    }

    /// The parameters as `[r, alpha, s, beta]`.
    public var parameters: [Double] { [r, alpha, s, beta] }

    /// The two log-terms of the likelihood (Fader & Hardie 2005 note), without the common
    /// factor Γ(r+x)α^r β^s / Γ(r):
    /// `alive` = −(r+x) log(α+T) − s log(β+T) (alive at T) and
    /// `dead` = log(s/(r+s+x)) + log A₀ (died in (tₓ, T]), with A₀ from ₂F₁.
    func logTerms(frequency x: Int, recency tx: Double, age T: Double) -> (alive: Double, dead: Double) {
        let xd = Double(x)
        let alive = -(r + xd) * Double.log(alpha + T) - s * Double.log(beta + T)
        let rho = r + s + xd
        // A₀ = F(z₁)/(m+tₓ)^ρ − F(z₂)/(m+T)^ρ with m = max(α, β) and
        // F = ₂F₁(ρ, s+1; ρ+1; ·) for α ≥ β, ₂F₁(ρ, r+x; ρ+1; ·) for α < β, z = |α−β|/(m + ·).
        let m = max(alpha, beta)
        let secondParameter = alpha >= beta ? s + 1 : r + xd
        let gap = abs(alpha - beta)
        let f1 = CustomerModelMath.hypergeometric2F1(a: rho, b: secondParameter, c: rho + 1, z: gap / (m + tx))
        let f2 = CustomerModelMath.hypergeometric2F1(a: rho, b: secondParameter, c: rho + 1, z: gap / (m + T))
        let la = Double.log(f1) - rho * Double.log(m + tx)
        let lb = Double.log(f2) - rho * Double.log(m + T)
        // log(e^la − e^lb), la ≥ lb; −∞ when tₓ = T (no time to die unobserved).
        let logA0 = la + Double.log(-Double.expMinusOne(lb - la))
        return (alive, Double.log(s) - Double.log(rho) + logA0)
    }

    /// The log-likelihood of one customer's (x, tₓ, T) (Fader & Hardie 2005 note).
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ, 0 ≤ tₓ ≤ T.
    ///   - age: T.
    /// - Returns: log L; not checked (the fit checks its rows).
    /// - Complexity: O(k) for two ₂F₁ evaluations of k terms.
    public func logLikelihood(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        let xd = Double(x)
        let common = CustomerModelMath.logGamma(r + xd) - CustomerModelMath.logGamma(r)
            + r * Double.log(alpha) + s * Double.log(beta)
        let terms = logTerms(frequency: x, recency: tx, age: T)
        return common + Self.logAddExp(terms.alive, terms.dead)
    }

    /// The probability that a customer with history (x, tₓ, T) is alive at T:
    /// the share of the "alive at T" term in the likelihood.
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    /// - Returns: P(alive) in [0, 1].
    /// - Complexity: O(k) (two ₂F₁ evaluations).
    public func probabilityAlive(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        let terms = logTerms(frequency: x, recency: tx, age: T)
        return Double.exp(terms.alive - Self.logAddExp(terms.alive, terms.dead))
    }

    /// The expected number of purchases in (T, T + t] of a customer with history (x, tₓ, T)
    /// (Fader & Hardie 2005 note):
    /// P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)], with the s → 1 limit
    /// (r+x)(β+T)/(α+T) · log((β+T+t)/(β+T)) taken continuously.
    ///
    /// - Parameters:
    ///   - t: Horizon ≥ 0 in the data's time unit.
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    /// - Returns: The expected count ≥ 0.
    /// - Complexity: O(k) (two ₂F₁ evaluations).
    public func expectedTransactions(inNext t: Double, frequency x: Int, recency tx: Double, age T: Double) -> Double {
        guard t > 0 else { return 0 }
        let alive = probabilityAlive(frequency: x, recency: tx, age: T)
        return alive * (r + Double(x)) / (alpha + T) * (beta + T) * Self.lifetimeFactor(s - 1, t / (beta + T))
    }

    /// The expected number of purchases in (0, t] of a newly acquired customer (Fader & Hardie
    /// 2005 note): rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)], continuous at s = 1.
    ///
    /// - Parameter t: Horizon ≥ 0 in the data's time unit.
    /// - Returns: E[X(t)] ≥ 0.
    /// - Complexity: O(1).
    public func expectedTransactions(newCustomerOver t: Double) -> Double {
        guard t > 0 else { return 0 }
        return r * beta / alpha * Self.lifetimeFactor(s - 1, t / beta)
    }

    /// [1 − (1 + u)^(−k)] / k for u ≥ 0, equal to log(1 + u) at k = 0, evaluated without
    /// cancellation: −expm1(−k·log1p(u))/k, and its series u·(1 − k u/2) for |k·log1p(u)| < 1e-8.
    static func lifetimeFactor(_ k: Double, _ u: Double) -> Double {
        let l = Double.log(onePlus: u)
        guard abs(k * l) >= 1e-8 else { return l * (1 - 0.5 * k * l) }
        return -Double.expMinusOne(-k * l) / k
    }

    /// log(eᵃ + eᵇ) without overflow; b may be −∞.
    static func logAddExp(_ a: Double, _ b: Double) -> Double {
        let m = max(a, b)
        guard m > -.infinity else { return -.infinity }
        return m + Double.log(onePlus: Double.exp(-abs(a - b)))
    }
}
