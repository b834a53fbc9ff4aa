import Testing
import SalesNumerics

/// BLAS wrappers against products worked out by hand.
@Suite("BLAS wrappers")
struct BLASTests {
    let a = try! Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])  // test constant, not user data

    @Test func levelOne() throws {
        #expect(try Vector.dot([1, 2, 3], [4, 5, 6]) == 32)          // 4 + 10 + 18
        var y: [Double] = [1, 1, 1]
        try Vector.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        try Vector.scale(&y, by: 0.5)
        #expect(y == [1.5, 2.5, 3.5])
        #expect(try Vector.norm2([3, 4]) == 5)
        #expect(try Vector.norm2([]) == 0)
        #expect(try Vector.dot([], []) == 0)
    }

    /// Operands of different lengths are a programming error: the process traps (exit tests).
    @Test func levelOneLengthMismatchTraps() async {
        await #expect(processExitsWith: .failure) { _ = try? Vector.dot([1, 2], [1]) }
        await #expect(processExitsWith: .failure) {
            var y: [Double] = [1]
            try? Vector.axpy(1, [1, 2], &y)
        }
    }

    @Test func gemv() async throws {
        #expect(try a.multiplied(by: [1, 1]) == [3, 7, 11])
        #expect(try a.multiplied(by: [1, 1, 1], transposed: true) == [9, 12])
        var y: [Double] = [1, 1, 1]
        try Matrix.gemv(alpha: 2, a, [1, 0], beta: -1, into: &y)   // 2·[1,3,5] − 1
        #expect(y == [1, 5, 9])
        await #expect(processExitsWith: .failure) {
            let a = try? Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
            _ = try? a?.multiplied(by: [1, 2, 3])
        }
    }

    @Test func gemmWithTransposeFlags() throws {
        let b = try Matrix(rowArrays: [[1, 0, 2], [0, 1, 3]])
        let ab = try a.multiplied(by: b)                               // 3×2 · 2×3
        #expect(ab == (try Matrix(rowArrays: [[1, 2, 8], [3, 4, 18], [5, 6, 28]])))
        let atA = try a.multiplied(by: a, transposeSelf: true)          // AᵀA
        #expect(atA == (try Matrix(rowArrays: [[35, 44], [44, 56]])))
        let aBt = try a.multiplied(by: a, transposeOther: true, alpha: 2) // 2·AAᵀ
        #expect(aBt[0, 2] == 2 * 17 && aBt[2, 2] == 2 * 61)
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        try Matrix.gemm(alpha: 1, a, transposeA: true, a, beta: 1, into: &c)
        #expect(c == (try Matrix(rowArrays: [[36, 45], [45, 57]])))
    }

    /// Shapes that do not fit are a programming error: the process traps (exit tests).
    @Test func gemmShapeMismatchTraps() async {
        await #expect(processExitsWith: .failure) {
            let a = try? Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
            _ = try? a?.multiplied(by: a ?? Matrix(rows: 3, columns: 2))
        }
        await #expect(processExitsWith: .failure) {
            let a = (try? Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])) ?? Matrix(rows: 3, columns: 2)
            var wrong = Matrix(rows: 3, columns: 3)
            try? Matrix.gemm(a, transposeA: true, a, into: &wrong)
        }
    }

    @Test func gramIsTheFullSymmetricXtX() throws {
        let g = try a.gram()
        #expect(g == (try Matrix(rowArrays: [[35, 44], [44, 56]])))    // same as AᵀA above
        #expect(try a.gram(alpha: 0.5)[1, 0] == 22)
    }
}
