import Dispatch

extension LogisticRegression {
    /// Exact test of separation by single features (over rows with positive weight): with an
    /// intercept, feature `x` separates the classes when `max{x : y = 0} < min{x : y = 1}` (or the
    /// mirror), completely; with `≤` and a tie on the boundary, quasi-completely. Without an
    /// intercept the boundary is 0 (`x ≥ 0` for every positive, `x ≤ 0` for every negative).
    /// - Returns: The separating features (complete if any separates completely), or nil.
    /// - Complexity: O(n·m).
    static func singleFeatureSeparation(design: RegressionDesign, labels: [Double], weights: [Double]) -> Separation? {
        let x = design.features, n = x.rows
        let first = design.hasIntercept ? 1 : 0
        var complete: [String] = [], quasi: [String] = []
        let bounds = classBounds(x, labels: labels, weights: weights)
        for f in 0..<x.columns {
            let j = f + first
            let column = x.storage[(f * n)..<((f + 1) * n)]
            let (maxPositive, minPositive, maxNegative, minNegative) = bounds[f]
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

    /// Per feature column, over rows with positive weight: `(max, min)` of the positives, then
    /// `(max, min)` of the negatives (∓∞ for a class without rows).
    ///
    /// Branch-free and vectorized: each row carries an additive mask per class, 0 when the row is
    /// in the class (positive weight) and −∞ otherwise, so `max(x + mask)` and `min(x − mask)` are
    /// the class's bounds (features are finite, validated). Columns are split between two workers
    /// on large inputs (the bounds are exact, so the split cannot change them).
    /// - Complexity: O(n·m) time, O(n) extra memory.
    static func classBounds(_ x: Matrix, labels: [Double], weights: [Double])
        -> [(maxPositive: Double, minPositive: Double, maxNegative: Double, minNegative: Double)] {
        let n = x.rows, m = x.columns
        guard m > 0 else { return [] }
        var positiveMask = [Double](repeating: -.infinity, count: n)
        var negativeMask = [Double](repeating: -.infinity, count: n)
        for i in 0..<n where weights[i] > 0 {
            if labels[i] == 1 { positiveMask[i] = 0 } else { negativeMask[i] = 0 }
        }
        let slots = BoundSlots(buffer: .allocate(capacity: 4 * m))
        slots.buffer.initialize(repeating: 0)
        defer { slots.buffer.deallocate() }
        x.storage.withUnsafeBufferPointer { xs in
            positiveMask.withUnsafeBufferPointer { pm in
                negativeMask.withUnsafeBufferPointer { nm in
                    guard let xBase = xs.baseAddress, let pBase = pm.baseAddress, let nBase = nm.baseAddress else { return }
                    let pointers = BoundPointers(x: xBase, positive: pBase, negative: nBase)
                    let workers = n * m >= 1 << 20 ? Swift.min(m, 2) : 1
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        for f in stride(from: worker, to: m, by: workers) {
                            let column = pointers.x + f * n
                            var maxP = SIMD8<Double>(repeating: -.infinity), minP = SIMD8<Double>(repeating: .infinity)
                            var maxN = SIMD8<Double>(repeating: -.infinity), minN = SIMD8<Double>(repeating: .infinity)
                            var i = 0
                            while i + 8 <= n {
                                let v = UnsafeRawPointer(column + i).loadUnaligned(as: SIMD8<Double>.self)
                                let pmask = UnsafeRawPointer(pointers.positive + i).loadUnaligned(as: SIMD8<Double>.self)
                                let nmask = UnsafeRawPointer(pointers.negative + i).loadUnaligned(as: SIMD8<Double>.self)
                                // `replace(with:where:)` compiles to maxpd/minpd (`pointwiseMax` is an
                                // out-of-line call per vector).
                                let hiP = v + pmask, loP = v - pmask, hiN = v + nmask, loN = v - nmask
                                maxP.replace(with: hiP, where: hiP .> maxP); minP.replace(with: loP, where: loP .< minP)
                                maxN.replace(with: hiN, where: hiN .> maxN); minN.replace(with: loN, where: loN .< minN)
                                i += 8
                            }
                            var bounds = (maxP.max(), minP.min(), maxN.max(), minN.min())
                            while i < n {
                                let v = column[i], pmask = pointers.positive[i], nmask = pointers.negative[i]
                                bounds.0 = Swift.max(bounds.0, v + pmask); bounds.1 = Swift.min(bounds.1, v - pmask)
                                bounds.2 = Swift.max(bounds.2, v + nmask); bounds.3 = Swift.min(bounds.3, v - nmask)
                                i += 1
                            }
                            slots.buffer[4 * f] = bounds.0
                            slots.buffer[4 * f + 1] = bounds.1
                            slots.buffer[4 * f + 2] = bounds.2
                            slots.buffer[4 * f + 3] = bounds.3
                        }
                    }
                }
            }
        }
        return (0..<m).map { (slots.buffer[4 * $0], slots.buffer[4 * $0 + 1], slots.buffer[4 * $0 + 2], slots.buffer[4 * $0 + 3]) }
    }

    /// Per-column bounds written by `classBounds`' workers into disjoint slots.
    private struct BoundSlots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Double>
    }

    /// Read-only inputs shared with `classBounds`' workers (the owner keeps them alive).
    private struct BoundPointers: @unchecked Sendable {
        let x: UnsafePointer<Double>
        let positive: UnsafePointer<Double>
        let negative: UnsafePointer<Double>
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
