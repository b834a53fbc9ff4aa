import RealModule

/// The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat buying by
/// Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
/// Pareto/NBD model", Marketing Science 24(2), 275–284.
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(shape r, rate α); after
/// each purchase the customer drops out with probability p ~ Beta(a, b). A customer is summarised
/// by the frequency x (number of repeat purchases), the recency tₓ (time of the last repeat
/// purchase, measured from the first purchase; 0 when x = 0) and the age T (time from the first
/// purchase to the end of the calibration period).
///
/// The model is unit-agnostic: α, tₓ, T and every horizon t are in the same time unit (whatever
/// the data were summarised in: days, weeks or months). Changing the unit by a factor k scales α
/// by k and leaves r, a, b unchanged.
///
/// Precision: predictions are evaluated in log space; the conditional and unconditional
/// expectations use the Gauss hypergeometric ₂F₁ (`SpecialFunctions.hypergeometric2F1`, ≤ 1e-13
/// relative for z ≤ 0.99), so they are accurate to about 1e-12 relative away from t → 0, where
/// 1 − (…)·₂F₁ cancels. When |a − 1| < 1e-6 (where the formulas are 0/0) the expectation is the
/// mean of the values at a = 1 ± 1e-6 (relative error about 1e-9). The tests check them
/// against `lifetimes` and against the count distribution's mean.
public struct BGNBDModel: Sendable, Equatable, Hashable, Codable {
    /// Shape of the Gamma distribution of purchase rates (> 0).
    public let r: Double
    /// Rate (inverse scale) of the Gamma distribution of purchase rates (> 0), in the model's time unit.
    public let alpha: Double
    /// First shape of the Beta distribution of dropout probabilities (> 0).
    public let a: Double
    /// Second shape of the Beta distribution of dropout probabilities (> 0).
    public let b: Double

    /// The parameter names in the order used by `parameters` and by errors' `lastParameters`.
    public static let parameterNames = ["r", "alpha", "a", "b"]

    /// Creates a model from known parameters.
    ///
    /// - Parameters:
    ///   - r: Gamma shape, > 0.
    ///   - alpha: Gamma rate in the data's time unit, > 0.
    ///   - a: Beta first shape, > 0.
    ///   - b: Beta second shape, > 0.
    /// - Throws: `CustomerModelError.invalidParameter` if any value is not a positive finite number.
    public init(r: Double, alpha: Double, a: Double, b: Double) throws {
        try CustomerModelError.requirePositiveFinite([r, alpha, a, b], names: Self.parameterNames)
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// Decodes the parameters and validates them like `init(r:alpha:a:b:)`.
    /// - Parameter decoder: The decoder.
    /// - Throws: Decoding errors, or `CustomerModelError.invalidParameter`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(r: c.decode(Double.self, forKey: .r), alpha: c.decode(Double.self, forKey: .alpha), a: c.decode(Double.self, forKey: .a), b: c.decode(Double.self, forKey: .b))
    }

    /// The parameters as `[r, alpha, a, b]`.
    public var parameters: [Double] { [r, alpha, a, b] }

    /// The log-likelihood of one customer's (x, tₓ, T) (FHL 2005, eq. 6), in log space:
    /// log Γ(r+x) − log Γ(r) + r log α + log B(a, b+x) − log B(a, b)
    /// + log[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+tₓ)^−(r+x)].
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0, the number of repeat purchases.
    ///   - recency: tₓ, 0 ≤ tₓ ≤ T (0 when x = 0).
    ///   - age: T ≥ 0.
    /// - Returns: The log-likelihood (natural log); includes no data-only constants. The row is
    ///   not checked here; `totalLogLikelihood` and `fit` check their rows.
    /// - Complexity: O(1).
    public func logLikelihood(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        let xd = Double(x)
        let lg = CustomerModelMath.logGamma
        let a1 = lg(r + xd) - lg(r) + r * Double.log(alpha)
        let a2 = lg(a + b) + lg(b + xd) - lg(b) - lg(a + b + xd)
        let c3 = -(r + xd) * Double.log(alpha + T)
        guard x > 0 else { return a1 + a2 + c3 }
        let c4 = Double.log(a) - Double.log(b + xd - 1) - (r + xd) * Double.log(alpha + tx)
        let m = max(c3, c4)
        return a1 + a2 + m + Double.log(Double.exp(c3 - m) + Double.exp(c4 - m))
    }

    /// The probability that a customer with history (x, tₓ, T) is still alive at T
    /// (FHL 2005 note "Computing P(alive)"): 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)).
    /// A customer with no repeat purchase is alive with probability 1 (dropout happens only
    /// right after a purchase).
    ///
    /// - Parameters:
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ in the model's time unit.
    ///   - age: T in the model's time unit.
    /// - Returns: P(alive) in [0, 1].
    /// - Complexity: O(1).
    public func probabilityAlive(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        guard x > 0 else { return 1 }
        let xd = Double(x)
        let logOdds = Double.log(a) - Double.log(b + xd - 1)
            + (r + xd) * (Double.log(alpha + T) - Double.log(alpha + tx))
        // 1 / (1 + e^L) written so that large L underflows to 0 instead of overflowing.
        return logOdds > 0 ? Double.exp(-logOdds) / (1 + Double.exp(-logOdds)) : 1 / (1 + Double.exp(logOdds))
    }

    /// The expected number of purchases in (T, T + t] of a customer with history (x, tₓ, T)
    /// (FHL 2005, eq. 10):
    /// P(alive) · (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))].
    ///
    /// - Parameters:
    ///   - t: The horizon length ≥ 0, in the model's time unit.
    ///   - frequency: x ≥ 0.
    ///   - recency: tₓ.
    ///   - age: T.
    /// - Returns: The expected count (≥ 0); 0 for t = 0.
    /// - Complexity: O(k) where k is the number of ₂F₁ series terms (tens to hundreds for usual horizons).
    public func expectedTransactions(inNext t: Double, frequency x: Int, recency tx: Double, age T: Double) -> Double {
        guard t > 0 else { return 0 }
        let xd = Double(x)
        let alive = probabilityAlive(frequency: x, recency: tx, age: T)
        let z = t / (alpha + T + t)
        let logBase = Double.log(alpha + T) - Double.log(alpha + T + t)
        let value = Self.regularizedAtOne(a) { a in
            let c = a + b + xd - 1
            let f = CustomerModelMath.hypergeometric2F1(a: r + xd, b: b + xd, c: c, z: z)
            return c / (a - 1) * (1 - Double.exp((r + xd) * logBase) * f)
        }
        return alive * value
    }

    /// The expected number of purchases in (0, t] of a newly acquired customer, counted after the
    /// first purchase (FHL 2005, eq. 9):
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
    ///
    /// - Parameter t: The horizon ≥ 0, in the model's time unit.
    /// - Returns: E[X(t)] ≥ 0.
    /// - Complexity: O(k) ₂F₁ series terms.
    public func expectedTransactions(newCustomerOver t: Double) -> Double {
        guard t > 0 else { return 0 }
        let z = t / (alpha + t)
        let logBase = Double.log(alpha) - Double.log(alpha + t)
        return Self.regularizedAtOne(a) { a in
            let c = a + b - 1
            let f = CustomerModelMath.hypergeometric2F1(a: r, b: b, c: c, z: z)
            return c / (a - 1) * (1 - Double.exp(r * logBase) * f)
        }
    }

    /// The probability that a newly acquired customer makes exactly `n` repeat purchases in (0, t]
    /// (FHL 2005, eq. 8).
    ///
    /// - Parameters:
    ///   - n: The count ≥ 0.
    ///   - t: The horizon ≥ 0, in the model's time unit.
    /// - Returns: P(X(t) = n) in [0, 1]; 0 for n < 0.
    /// - Complexity: O(n).
    public func probabilityOfTransactions(_ n: Int, newCustomerOver t: Double) -> Double {
        guard n >= 0 else { return 0 }
        let nd = Double(n)
        let lg = CustomerModelMath.logGamma
        let logBetaRatio = lg(b + nd) + lg(a + b) - lg(b) - lg(a + b + nd)  // log B(a, b+n)/B(a, b)
        let logP = Double.log(alpha) - Double.log(alpha + t)  // log(α/(α+t))
        let logQ = t > 0 ? Double.log(t) - Double.log(alpha + t) : -Double.infinity
        let poissonGamma = lg(r + nd) - lg(r) - lg(nd + 1) + r * logP + (n > 0 ? nd * logQ : 0)
        var result = Double.exp(logBetaRatio + poissonGamma)
        if n > 0 {
            // Σ_{j<n} Γ(r+j)/(Γ(r) j!) q^j, by the ratio of consecutive terms.
            var term = 1.0
            var sum = 1.0
            let q = Double.exp(logQ)
            for j in 0..<(n - 1) {
                term *= (r + Double(j)) / Double(j + 1) * q
                sum += term
            }
            let weight = Double.exp(Double.log(a) - Double.log(b + nd - 1) + logBetaRatio)  // B(a+1, b+n−1)/B(a, b)
            result += weight * (1 - Double.exp(r * logP) * sum)
        }
        return min(max(result, 0), 1)
    }

    /// Evaluates `f(a)`, replacing it near the removable singularity a = 1 by the mean of
    /// `f(1 − h)` and `f(1 + h)`, h = 1e-6.
    private static func regularizedAtOne(_ a: Double, _ f: (Double) -> Double) -> Double {
        let h = 1e-6
        guard abs(a - 1) < h else { return f(a) }
        return 0.5 * (f(1 - h) + f(1 + h))
    }
}
