import Testing
import SalesModels
import SalesNumerics

@Suite("Cross-validation splits")
struct CrossValidationTests {
    @Test func kFoldPartitionsAndIsReproducible() throws {
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42), g3 = SeededGenerator(seed: 43)
        let a = try CrossValidation.kFold(count: 23, folds: 5, using: &g1)
        let b = try CrossValidation.kFold(count: 23, folds: 5, using: &g2)
        let c = try CrossValidation.kFold(count: 23, folds: 5, using: &g3)
        #expect(a == b)
        #expect(a != c)
        #expect(a.flatMap(\.test).sorted() == Array(0..<23))
        #expect(a.allSatisfy { $0.test.count == 4 || $0.test.count == 5 })
        for fold in a { #expect(Set(fold.train).isDisjoint(with: fold.test) && fold.train.count + fold.test.count == 23) }
    }

    @Test func stratifiedFoldsKeepTheClassRatio() throws {
        var generator = SeededGenerator(seed: 7)
        let labels = (0..<40).map { $0 % 4 == 0 ? 1.0 : 0.0 }        // 10 positives, 30 negatives
        let folds = try CrossValidation.stratifiedKFold(labels: labels, folds: 5, using: &generator)
        for fold in folds {
            let positives = fold.test.filter { labels[$0] == 1 }.count
            #expect(positives == 2 && fold.test.count == 8)
        }
        #expect(folds.flatMap(\.test).sorted() == Array(0..<40))
    }

    @Test func trainTestSplit() throws {
        var generator = SeededGenerator(seed: 1)
        let split = try CrossValidation.trainTestSplit(count: 10, testFraction: 0.3, using: &generator)
        #expect(split.test.count == 3 && split.train.count == 7)
        #expect((split.train + split.test).sorted() == Array(0..<10))
        let labels: [Double] = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
        let stratified = try CrossValidation.trainTestSplit(count: 10, testFraction: 0.5, stratifiedBy: labels, using: &generator)
        #expect(stratified.test.filter { labels[$0] == 1 }.count == 2)
    }

    @Test func badParametersThrow() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: ModelError.self) { try CrossValidation.kFold(count: 3, folds: 4, using: &generator) }
        #expect(throws: ModelError.self) { try CrossValidation.stratifiedKFold(labels: [1, 1, 1], folds: 2, using: &generator) }
        #expect(throws: ModelError.self) { try CrossValidation.trainTestSplit(count: 10, testFraction: 1, using: &generator) }
    }
}
