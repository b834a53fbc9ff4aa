/// A univariate continuous probability distribution with the functions hypothesis tests and
/// interval estimates need.
///
/// Conforming types validate their parameters in a throwing initializer (``DistributionError``),
/// so every method below works on a valid distribution and never traps. Probabilities outside
/// [0, 1] (which can come from data) give NaN rather than a trap.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    /// - Parameter x: Any real number.
    /// - Returns: f(x) ≥ 0 (0 outside the support); NaN for NaN.
    func pdf(_ x: Double) -> Double

    /// The natural logarithm of the density at `x`, without underflow in the tails.
    /// - Parameter x: Any real number.
    /// - Returns: log f(x) (`-∞` outside the support); NaN for NaN.
    func logPDF(_ x: Double) -> Double

    /// The cumulative distribution function P(X ≤ x).
    /// - Parameter x: Any real number.
    /// - Returns: F(x) in [0, 1], with relative precision in the lower tail; NaN for NaN.
    func cdf(_ x: Double) -> Double

    /// The survival function P(X > x) = 1 − F(x), computed directly so upper-tail p-values keep
    /// their relative precision (not as `1 - cdf(x)`).
    /// - Parameter x: Any real number.
    /// - Returns: S(x) in [0, 1]; NaN for NaN.
    func survival(_ x: Double) -> Double

    /// The quantile function F⁻¹(p): the smallest x with F(x) ≥ p.
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: F⁻¹(p); the support's ends for p = 0 and p = 1; NaN when p is outside [0, 1]
    ///   or NaN (p may come from data, so this does not trap).
    func quantile(_ p: Double) -> Double

    /// The inverse of the survival function, S⁻¹(q) = F⁻¹(1 − q), precise for tiny q (upper
    /// critical values such as the 1 − 1e-10 quantile).
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: S⁻¹(q); NaN when q is outside [0, 1] or NaN.
    func inverseSurvival(_ q: Double) -> Double

    /// The expected value; `+∞` where it diverges, NaN where it is undefined.
    var mean: Double { get }

    /// The variance; `+∞` where it diverges, NaN where it is undefined.
    var variance: Double { get }
}
