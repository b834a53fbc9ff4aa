import SalesNumerics
extension LogisticRegression {
    /// Exact test of separation by single features (over rows with positive weight): with an
    /// intercept, feature `x` separates the classes when `max{x : y = 0} < min{x : y = 1}` (or the
    /// mirror), completely; with `≤` and a tie on the boundary, quasi-completely. Without an
    /// intercept the boundary is 0 (`x ≥ 0` for every positive, `x ≤ 0` for every negative).
    /// - Parameters:
    ///   - design: The design (its features and term names).
    ///   - bounds: Each feature's class bounds (`LogisticNewtonPass`, over rows with positive weight).
    /// - Returns: The separating features (complete if any separates completely), or nil.
    /// - Complexity: O(m), plus O(n) per feature for the all-zero test without an intercept.
    static func singleFeatureSeparation(design: RegressionDesign, bounds: [LogisticNewtonPass.ClassBounds]) -> Separation? {
        let x = design.features, n = x.rows
        let first = design.hasIntercept ? 1 : 0
        var complete: [String] = [], quasi: [String] = []
        for f in 0..<x.columns {
            let j = f + first
            let column = x.storage[(f * n)..<((f + 1) * n)]
            let (maxPositive, minPositive) = (bounds[f].maxPositive, bounds[f].minPositive)
            let (maxNegative, minNegative) = (bounds[f].maxNegative, bounds[f].minNegative)
            let name = design.termNames[j]
            if design.hasIntercept {
                if maxNegative < minPositive || maxPositive < minNegative {
                    complete.append(name)
                } else if maxNegative == minPositive || maxPositive == minNegative {
                    quasi.append(name)
                }
            } else {
                let up = minPositive >= 0 && maxNegative <= 0, down = maxPositive <= 0 && minNegative >= 0
                let strictUp = minPositive > 0 && maxNegative < 0, strictDown = maxPositive < 0 && minNegative > 0
                let allZero = column.allSatisfy { $0 == 0 }
                if strictUp || strictDown { complete.append(name) } else if (up || down) && !allZero { quasi.append(name) }
            }
        }
        if !complete.isEmpty { return Separation(complete: true, features: complete) }
        if !quasi.isEmpty { return Separation(complete: false, features: quasi) }
        return nil
    }

    /// Tests whether `direction` `d` certifies separation: `xᵢ·d ≥ 0` for every positive and
    /// `≤ 0` for every negative (rows with positive weight), within `1e-8·max|xᵢ·d|`. By Albert &
    /// Anderson (1984) such a `d ≠ 0` exists exactly when the maximum-likelihood estimate does not
    /// (for a full-rank design), so a certificate is proof, not a heuristic; the solver supplies
    /// the direction its iterates ran away in. Complete when no `xᵢ·d` is within the tolerance of 0.
    /// The features named are those whose share `|dⱼ|·‖xⱼ‖` of the direction is at least 1e-3 of
    /// the largest.
    /// - Complexity: O(n·p).
    static func separationCertificate(direction d: [Double], design: RegressionDesign, labels: [Double],
                                      weights: [Double]) -> Separation? {
        let x = design.matrix, n = x.rows
        guard let s = try? x.multiplied(by: d) else { return nil }
        let scale = s.enumerated().filter { weights[$0.offset] > 0 }.map { abs($0.element) }.max() ?? 0
        guard scale > 0 else { return nil }
        let tolerance = 1e-8 * scale
        var onBoundary = false
        for i in s.indices where weights[i] > 0 {
            if labels[i] == 1 ? s[i] < -tolerance : s[i] > tolerance { return nil }
            if abs(s[i]) <= tolerance { onBoundary = true }
        }
        let first = design.hasIntercept ? 1 : 0
        var share = [Double](repeating: 0, count: x.columns)
        for j in first..<x.columns {
            let norm = (try? Vector.norm2(Array(x.storage[(j * n)..<((j + 1) * n)]))) ?? 0
            share[j] = abs(d[j]) * norm
        }
        let largest = share.max() ?? 0
        let names = (first..<x.columns).filter { largest > 0 && share[$0] >= 1e-3 * largest }.map { design.termNames[$0] }
        return Separation(complete: !onBoundary, features: names.isEmpty ? design.featureNames : names)
    }
}
