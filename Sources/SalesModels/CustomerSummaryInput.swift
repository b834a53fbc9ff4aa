/// Validation of the per-customer summary arrays (frequency, recency, age, weights, monetary)
/// shared by the BG/NBD and Gamma-Gamma fits and the CLV computation.
enum CustomerSummaryInput {
    /// Checks that `array.count == expected`.
    static func checkLength(_ argument: String, _ count: Int, expected: Int) throws {
        guard count == expected else {
            throw CustomerModelError.lengthMismatch(argument: argument, expected: expected, actual: count)
        }
    }

    /// Checks one (x, tₓ, T) row: x ≥ 0; tₓ, T finite; 0 ≤ tₓ ≤ T; tₓ = 0 when x = 0;
    /// tₓ > 0 when x > 0 (a repeat purchase happens after the first one).
    @inline(__always)
    static func checkRow(_ row: Int, frequency x: Int, recency tx: Double, age T: Double) throws {
        guard x >= 0 else {
            throw CustomerModelError.invalidValue(row: row, field: "frequency", value: Double(x), reason: "must be >= 0")
        }
        guard T.isFinite, T >= 0 else {
            throw CustomerModelError.invalidValue(row: row, field: "age", value: T, reason: "must be finite and >= 0")
        }
        guard tx.isFinite, tx >= 0 else {
            throw CustomerModelError.invalidValue(row: row, field: "recency", value: tx, reason: "must be finite and >= 0")
        }
        guard tx <= T else {
            throw CustomerModelError.invalidValue(row: row, field: "recency", value: tx, reason: "recency > age \(T)")
        }
        if x == 0, tx != 0 {
            throw CustomerModelError.invalidValue(
                row: row, field: "recency", value: tx, reason: "must be 0 when frequency is 0")
        }
        if x > 0, tx == 0 {
            throw CustomerModelError.invalidValue(
                row: row, field: "recency", value: tx, reason: "must be > 0 when frequency > 0")
        }
    }

    /// Checks one weight: finite and ≥ 0.
    @inline(__always)
    static func checkWeight(_ row: Int, _ w: Double) throws {
        guard w.isFinite, w >= 0 else {
            throw CustomerModelError.invalidValue(row: row, field: "weight", value: w, reason: "must be finite and >= 0")
        }
    }
}
