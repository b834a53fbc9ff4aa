import Testing
import SalesNumerics

/// `Matrix.addGramUpper` / `symmetrizeFromUpper` against Gram matrices worked out by hand.
@Suite("Block Gram accumulation")
struct GramUpdateTests {
    @Test func blocksSumToTheWholeGram() throws {
        // A = [[1, 2], [3, 4], [5, 6]]: AᵀA = [[35, 44], [44, 56]] (1+9+25, 2+12+30, 4+16+36).
        // Two blocks, the second using only the first row of a 2-row buffer ([5, 6] over [9, 9]).
        var gram = Matrix(rows: 2, columns: 2)
        try gram.addGramUpper(of: try Matrix(rowArrays: [[1, 2], [3, 4]]), rows: 2)
        try gram.addGramUpper(of: try Matrix(rowArrays: [[5, 6], [9, 9]]), rows: 1)
        #expect(gram[0, 0] == 35 && gram[0, 1] == 44 && gram[1, 1] == 56)
        #expect(gram[1, 0] == 0)                       // lower triangle untouched until symmetrized
        gram.symmetrizeFromUpper()
        #expect(gram == (try Matrix(rowArrays: [[35, 44], [44, 56]])))
        try gram.addGramUpper(of: try Matrix(rowArrays: [[1, 1]]), rows: 1, alpha: 2)   // + 2·[[1,1],[1,1]]
        #expect(gram[0, 0] == 37 && gram[0, 1] == 46 && gram[1, 1] == 58)
        try gram.addGramUpper(of: try Matrix(rowArrays: [[1, 1]]), rows: 0)             // no rows: no change
        #expect(gram[0, 0] == 37)
    }

    /// A wrong accumulator or row count is a programming error: the process traps (exit tests).
    @Test func shapeMismatchTraps() async {
        await #expect(processExitsWith: .failure) {
            var gram = Matrix(rows: 3, columns: 3)
            try? gram.addGramUpper(of: Matrix(rows: 4, columns: 2), rows: 4)
        }
        await #expect(processExitsWith: .failure) {
            var square = Matrix(rows: 2, columns: 2)
            try? square.addGramUpper(of: Matrix(rows: 4, columns: 2), rows: 5)
        }
        await #expect(processExitsWith: .failure) {
            var square = Matrix(rows: 2, columns: 2)
            try? square.addGramUpper(of: Matrix(rows: 4, columns: 2), rows: -1)
        }
    }
}
