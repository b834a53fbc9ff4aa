import Testing
@testable import SalesNumerics

@Suite("Matrix storage")
struct MatrixTests {
    @Test func columnMajorLayout() throws {
        let m = try Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.column(1) == [2, 5])
        #expect(m.transposed.storage == [1, 2, 3, 4, 5, 6])
    }

    @Test func raggedRowsThrow() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowArrays: [[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
    }

    @Test func nonFiniteIsLocated() throws {
        let m = try Matrix(rowArrays: [[1, 2], [3, .nan]])
        #expect(!m.isFinite)
        #expect(m.firstNonFinite! == (1, 1))
    }

    @Test func lapackIntConversionIsChecked() {
        #expect(throws: LinearAlgebraError.self) { try lapackInt(Int(Int32.max) + 1, "test") }
        #expect(throws: LinearAlgebraError.self) { try lapackInt(-1, "test") }
        #expect((try? lapackInt(42, "test")) == 42)
    }
}
