/// Validated box constraints `lower ≤ x ≤ upper` (internal support for the optimizers).
struct BoxConstraints: Sendable {
    /// Lower bounds (−∞ where unbounded).
    let lower: [Double]
    /// Upper bounds (+∞ where unbounded).
    let upper: [Double]
    /// Whether any bound is finite.
    let isBounded: Bool

    /// Validates the start and the bounds.
    ///
    /// - Throws: `OptimizationError` for an empty or non-finite start, mismatched lengths, or
    ///   invalid bounds.
    init(start: [Double], lower: [Double]?, upper: [Double]?) throws {
        let n = start.count
        guard n > 0 else { throw OptimizationError.emptyStart }
        if let i = start.firstIndex(where: { !$0.isFinite }) { throw OptimizationError.nonFiniteStart(index: i) }
        let lo = lower ?? [Double](repeating: -.infinity, count: n)
        let hi = upper ?? [Double](repeating: .infinity, count: n)
        guard lo.count == n else { throw OptimizationError.dimensionMismatch(argument: "lower", expected: n, actual: lo.count) }
        guard hi.count == n else { throw OptimizationError.dimensionMismatch(argument: "upper", expected: n, actual: hi.count) }
        var bounded = false
        for i in 0..<n {
            let l = lo[i], u = hi[i]
            guard !l.isNaN, !u.isNaN, l <= u, l != .infinity, u != -.infinity else {
                throw OptimizationError.invalidBounds(index: i, lower: l, upper: u)
            }
            if l.isFinite || u.isFinite { bounded = true }
        }
        self.lower = lo
        self.upper = hi
        self.isBounded = bounded
    }

    /// `x` clipped into the box.
    /// - Complexity: O(n).
    func project(_ x: [Double]) -> [Double] {
        guard isBounded else { return x }
        var result = x
        for i in result.indices { result[i] = Swift.min(Swift.max(result[i], lower[i]), upper[i]) }
        return result
    }

    /// ‖P(x − g) − x‖∞, the projected-gradient measure of stationarity (zero exactly at KKT points).
    /// - Complexity: O(n).
    func projectedGradientNorm(x: [Double], gradient g: [Double]) -> Double {
        var norm = 0.0
        for i in x.indices {
            let moved = Swift.min(Swift.max(x[i] - g[i], lower[i]), upper[i])
            norm = Swift.max(norm, abs(moved - x[i]))
        }
        return norm
    }
}
