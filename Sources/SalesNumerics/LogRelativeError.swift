import RealModule

/// The log relative error (LRE), the accuracy measure of the NIST StRD and of McCullough's
/// software reviews: roughly, the number of correct significant digits.
///
/// `LRE = −log₁₀(|computed − certified| / |certified|)`, or `−log₁₀|computed − certified|` when
/// `certified == 0` (an absolute error then). The result is clamped to `[0, maximumDigits]`:
/// an exact match gets `maximumDigits` (NIST certifies 15 digits), a value with no correct digit
/// (or NaN) gets 0.
public enum LogRelativeError {
    /// The LRE of one computed value against its certified value.
    ///
    /// - Parameters:
    ///   - computed: The value a solver produced.
    ///   - certified: The reference value.
    ///   - maximumDigits: The cap for an exact match (default 15, NIST's certified digits).
    /// - Returns: The clamped LRE; 0 for a non-finite `computed`.
    public static func of(_ computed: Double, certified: Double, maximumDigits: Double = 15) -> Double {
        guard computed.isFinite, certified.isFinite else { return 0 }
        let error = abs(computed - certified)
        guard error > 0 else { return maximumDigits }
        let scaled = certified == 0 ? error : error / abs(certified)
        return Swift.min(maximumDigits, Swift.max(0, -Double.log10(scaled)))
    }
}
