import SalesNumerics
/// The reference distributions of the regression tests and intervals (internal support over the
/// SalesNumerics distributions). Degrees of freedom are validated by the callers; a non-positive
/// one gives NaN rather than an error, since it means "not available" (e.g. an exact fit).
enum InferenceDistributions {
    /// `P(|T| ≥ |t|)` for Student's t with `df` degrees of freedom.
    static func tTwoSidedPValue(_ t: Double, df: Int) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        return (try? StudentT.twoSidedPValue(t: t, degreesOfFreedom: Double(df))) ?? .nan
    }

    /// The two-sided critical value `t_{df, (1 + level)/2}`.
    static func tCritical(level: Double, df: Int) -> Double {
        guard df > 0, let t = try? StudentT(degreesOfFreedom: Double(df)) else { return .nan }
        return t.inverseSurvival((1 - level) / 2)
    }

    /// `P(F ≥ f)` for Fisher's F with `(d1, d2)` degrees of freedom.
    static func fSurvival(_ f: Double, d1: Int, d2: Int) -> Double {
        guard d1 > 0, d2 > 0, !f.isNaN,
              let distribution = try? FisherF(numeratorDegreesOfFreedom: Double(d1), denominatorDegreesOfFreedom: Double(d2))
        else { return .nan }
        return distribution.survival(f)
    }

    /// `P(|Z| ≥ |z|)` for the standard normal.
    static func normalTwoSidedPValue(_ z: Double) -> Double {
        z.isNaN ? .nan : Normal.twoSidedPValue(z: z)
    }

    /// The two-sided critical value `z_{(1 + level)/2}`.
    static func normalCritical(level: Double) -> Double {
        Normal.standard.inverseSurvival((1 - level) / 2)
    }

    /// `P(χ² ≥ x)` with `df` degrees of freedom.
    static func chiSquaredSurvival(_ x: Double, df: Int) -> Double {
        guard df > 0, !x.isNaN, let distribution = try? ChiSquared(degreesOfFreedom: Double(df)) else { return .nan }
        return distribution.survival(x)
    }
}
