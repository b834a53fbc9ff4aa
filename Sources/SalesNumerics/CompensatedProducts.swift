/// Matrix–vector products in doubled working precision (about 32 significant digits before the
/// final rounding), used by the iterative refinement of `LeastSquares`.
///
/// Each product `x·b` is split exactly into `p + e` with one fused multiply–add
/// (`e = fma(x, b, −p)`), and each sum into `s + t` with Knuth's TwoSum; the error terms are
/// accumulated separately (Ogita, Rump & Oishi, "Accurate sum and dot product", SIAM J. Sci.
/// Comput. 26, 2005, algorithm Dot2). The result is as accurate as if computed in twice the
/// working precision and then rounded, so a residual `y − Xβ` that cancels to a few digits keeps
/// its digits. These are scalar loops over contiguous buffers (no BLAS equivalent exists); they
/// cost O(n·p), small next to the O(n·p²) factorization they refine.
enum CompensatedProducts {
    /// `y − s − X·β` in doubled precision, rounded once (`s` optional, e.g. the current residual).
    /// - Complexity: O(rows × columns).
    static func residual(response y: [Double], minus s: [Double]?, design x: Matrix, coefficients beta: [Double]) -> [Double] {
        let n = x.rows, p = x.columns
        var high = y
        var low = [Double](repeating: 0, count: n)
        high.withUnsafeMutableBufferPointer { hi in
            low.withUnsafeMutableBufferPointer { lo in
                if let s {
                    for i in 0..<n { addTwoSum(&hi[i], &lo[i], -s[i]) }
                }
                x.storage.withUnsafeBufferPointer { xs in
                    for j in 0..<p {
                        let b = -beta[j]
                        let base = j * n
                        for i in 0..<n {
                            let product = xs[base + i] * b
                            let productError = (-product).addingProduct(xs[base + i], b)
                            addTwoSum(&hi[i], &lo[i], product)
                            lo[i] += productError
                        }
                    }
                }
                for i in 0..<n { hi[i] += lo[i] }
            }
        }
        return high
    }

    /// `Xᵀ·v` in doubled precision, rounded once per element.
    /// - Complexity: O(rows × columns).
    static func transposeProduct(design x: Matrix, _ v: [Double]) -> [Double] {
        let n = x.rows, p = x.columns
        var result = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xs in
            v.withUnsafeBufferPointer { vs in
                for j in 0..<p {
                    var hi = 0.0, lo = 0.0
                    let base = j * n
                    for i in 0..<n {
                        let product = xs[base + i] * vs[i]
                        let productError = (-product).addingProduct(xs[base + i], vs[i])
                        addTwoSum(&hi, &lo, product)
                        lo += productError
                    }
                    result[j] = hi + lo
                }
            }
        }
        return result
    }

    /// `hi + lo ← hi + lo + a` with the rounding error of `hi + a` moved into `lo` (TwoSum).
    @inline(__always)
    private static func addTwoSum(_ hi: inout Double, _ lo: inout Double, _ a: Double) {
        let sum = hi + a
        let virtualA = sum - hi
        let error = (hi - (sum - virtualA)) + (a - virtualA)
        hi = sum
        lo += error
    }
}
