import CLAPACK

/// Every cross product of `[1 | X | y]` that least squares with an intercept needs, in one pass
/// over the data: `XᵀX` (by `dsyrk`), the column sums `1ᵀX`, `Xᵀy`, `1ᵀy` and `yᵀy`.
///
/// The rows are cut into a fixed number of contiguous blocks that depends on `n` only (1 below
/// 2¹⁷ rows, at most 8), whose partial products are computed concurrently — `dsyrk` of a tall,
/// narrow block runs on one thread in OpenBLAS, so the blocks use the other cores — and added in
/// block order: the result does not depend on the core count or the scheduling.
///
/// Nothing is validated: a NaN or infinity in `X` makes the matching diagonal entry of `XᵀX`
/// non-finite (a sum of squares), one in `y` makes `yᵀy` non-finite — check `isFinite`.
///
/// Precision: every entry carries the rounding of a sum of `n` products (`dsyrk`'s blocked sums;
/// in practice about `√n·ε` relative to the sum of the absolute products).
public struct CrossProducts: Sendable {
    /// Number of rows `n`.
    public let rows: Int
    /// `XᵀX`, full and symmetric (`m × m`).
    public let gram: Matrix
    /// `1ᵀX`: the column sums of `X` (length `m`).
    public let columnSums: [Double]
    /// `Xᵀy` (length `m`).
    public let crossResponse: [Double]
    /// `1ᵀy`.
    public let responseSum: Double
    /// `yᵀy`.
    public let responseSquares: Double

    /// Rows per block below which the products stay on one thread.
    static let minimumBlockRows = 65_536
    /// The most blocks the rows are cut into.
    static let maximumBlocks = 8

    /// Computes the cross products.
    ///
    /// - Parameters:
    ///   - features: The `n × m` matrix `X` (column-major, read in place).
    ///   - response: The `n` responses `y`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `response.count != n`;
    ///   `.dimensionTooLarge` when `n` or `m` exceeds BLAS's 32-bit integers.
    /// - Complexity: O(n·m²) flops (`dsyrk`) and one O(n·m) pass for the sums, spread over up to
    ///   8 blocks; O(m²) memory per block.
    public init(features: Matrix, response: [Double]) throws {
        let op = "CrossProducts"
        let n = features.rows, m = features.columns
        guard response.count == n else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "response of length \(n) (rows)",
                                                       actual: "length \(response.count)")
        }
        let m32 = try lapackInt(m, op), lda = try lapackInt(features.leadingDimension, op)
        _ = try lapackInt(n, op)
        let blocks = Swift.max(1, Swift.min(Self.maximumBlocks, n / Self.minimumBlockRows))
        // Per block: m·m Gram, m sums, m cross products, Σy, Σy² — disjoint slots.
        let stride = m * m + 2 * m + 2
        let storage = UnsafeMutablePointer<Double>.allocate(capacity: blocks * stride)
        storage.initialize(repeating: 0, count: blocks * stride)
        defer { storage.deallocate() }
        let slots = SharedBuffer(storage, count: blocks * stride)
        features.storage.withUnsafeBufferPointer { xStorage in
            response.withUnsafeBufferPointer { yStorage in
                let x = SharedBuffer(readOnly: xStorage), y = SharedBuffer(readOnly: yStorage)
                Parallel.forEach(blocks) { block in
                    let start = block * n / blocks, end = (block + 1) * n / blocks
                    let out = slots.base + block * stride
                    guard end > start else { return }
                    let k32 = Int32(truncatingIfNeeded: end - start)     // ≤ n, checked above
                    if m > 0, let xBase = x.buffer.baseAddress {
                        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, m32, k32, 1, xBase + start, lda,
                                    0, out, m32)
                    }
                    Self.sums(x: UnsafeBufferPointer(x.buffer), y: UnsafeBufferPointer(y.buffer), rows: n, columns: m,
                              range: start..<end, into: out + m * m)
                }
            }
        }
        var gram = Matrix(rows: m, columns: m)
        var sums = [Double](repeating: 0, count: m), cross = [Double](repeating: 0, count: m)
        var ySum = 0.0, ySquares = 0.0
        for block in 0..<blocks {
            let base = storage + block * stride
            for j in 0..<m {
                for i in 0...j { gram.storage[i + j * m] += base[i + j * m] }
                sums[j] += base[m * m + j]
                cross[j] += base[m * m + m + j]
            }
            ySum += base[m * m + 2 * m]
            ySquares += base[m * m + 2 * m + 1]
        }
        gram.mirrorUpperToLower()
        self.rows = n
        self.gram = gram
        self.columnSums = sums
        self.crossResponse = cross
        self.responseSum = ySum
        self.responseSquares = ySquares
    }

    /// Whether every product is finite: then so is every value of `X` and `y` (a non-finite value
    /// makes its column's sum of squares non-finite). A non-finite product with finite data means
    /// values beyond about 1e154 overflowed.
    /// - Complexity: O(m).
    public var isFinite: Bool {
        let m = gram.rows
        return (0..<m).allSatisfy { gram.storage[$0 + $0 * m].isFinite && columnSums[$0].isFinite && crossResponse[$0].isFinite }
            && responseSum.isFinite && responseSquares.isFinite
    }

    /// The column sums and `Xᵀy` over `range`, then `Σy` and `Σy²`, written to `out[0..<2m+2]`:
    /// one pass over the block, four interleaved accumulators per column (a fixed order).
    private static func sums(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, rows n: Int, columns m: Int,
                             range: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        guard let yBase = y.baseAddress else { return }
        let start = range.lowerBound, count = range.count
        if let xBase = x.baseAddress {
            for j in 0..<m {
                (out[j], out[m + j]) = sumAndDot(xBase + j * n + start, yBase + start, count: count)
            }
        }
        (out[2 * m], out[2 * m + 1]) = sumAndDot(yBase + start, yBase + start, count: count)
    }

    /// `Σ a` and `Σ a·b` over `count` values, four interleaved accumulators then the tail (a fixed
    /// order, so results do not depend on how the rows were cut into blocks beyond the cut itself).
    @inline(__always)
    private static func sumAndDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> (Double, Double) {
        let whole = count / 4 * 4
        let av = UnsafeRawPointer(a), bv = UnsafeRawPointer(b)
        var s = SIMD4<Double>(), t = SIMD4<Double>()
        var i = 0
        while i < whole {
            let x = av.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            let y = bv.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
            s += x
            t += x * y
            i += 4
        }
        var sum = s.sum(), dot = t.sum()
        while i < count {
            sum += a[i]
            dot += a[i] * b[i]
            i += 1
        }
        return (sum, dot)
    }
}
