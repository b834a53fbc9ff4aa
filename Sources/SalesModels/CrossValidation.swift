import SalesNumerics
/// One train/test partition of row indices.
public struct Fold: Sendable, Equatable {
    /// Row indices to fit on, ascending.
    public var train: [Int]
    /// Row indices to evaluate on, ascending.
    public var test: [Int]
}

/// Seeded resampling for model evaluation: k-fold (optionally stratified by class) and a single
/// train/test split. The same generator state always gives the same folds (Fisher–Yates with
/// `SeededGenerator.nextInt(below:)`, independent of the standard library's shuffle).
public enum CrossValidation {
    /// Plain k-fold: rows shuffled, then cut into `folds` parts whose sizes differ by at most one.
    ///
    /// - Parameters:
    ///   - count: Number of rows.
    ///   - folds: Number of folds `k` (2 ≤ k ≤ count).
    ///   - generator: The seeded generator, advanced by the shuffle.
    /// - Returns: `k` folds; every row is in exactly one test set.
    /// - Throws: `ModelError.invalidParameter` when `folds` is out of range.
    /// - Complexity: O(count).
    public static func kFold(count: Int, folds: Int, using generator: inout SeededGenerator) throws -> [Fold] {
        guard folds >= 2, folds <= count else {
            throw ModelError.invalidParameter(name: "folds", value: Double(folds), reason: "must be between 2 and the row count \(count)")
        }
        var order = Array(0..<count)
        shuffle(&order, using: &generator)
        var assignment = [Int](repeating: 0, count: count)
        for (position, row) in order.enumerated() { assignment[row] = position % folds }
        return makeFolds(assignment: assignment, folds: folds)
    }

    /// Stratified k-fold for 0/1 labels: each class is shuffled and dealt round-robin over the
    /// folds, so every fold keeps the overall class ratio (within one row per class).
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - folds: Number of folds `k` (2 ≤ k ≤ size of the smaller class).
    ///   - generator: The seeded generator.
    /// - Returns: `k` folds.
    /// - Throws: `ModelError.invalidLabel`, `.singleClass`, `.invalidParameter` (folds out of range).
    /// - Complexity: O(n).
    public static func stratifiedKFold(labels: [Double], folds: Int, using generator: inout SeededGenerator) throws -> [Fold] {
        let classes = try classIndices(labels)
        let smaller = min(classes.negatives.count, classes.positives.count)
        guard folds >= 2, folds <= smaller else {
            throw ModelError.invalidParameter(name: "folds", value: Double(folds),
                                              reason: "must be between 2 and the smaller class's size \(smaller)")
        }
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        for var members in [classes.negatives, classes.positives] {
            shuffle(&members, using: &generator)
            for row in members {
                assignment[row] = next % folds
                next += 1
            }
        }
        return makeFolds(assignment: assignment, folds: folds)
    }

    /// One random train/test split.
    ///
    /// - Parameters:
    ///   - count: Number of rows.
    ///   - testFraction: Share of rows for the test set, in (0, 1); the test size is
    ///     `round(testFraction · count)` clamped to [1, count − 1] (per class when stratified).
    ///   - labels: 0/1 labels to stratify by (optional; `count` must equal `labels.count`).
    ///   - generator: The seeded generator.
    /// - Returns: The split.
    /// - Throws: `ModelError.invalidParameter` for a fraction outside (0, 1) or fewer than 2 rows
    ///   (per class when stratified), `.dimensionMismatch`, `.invalidLabel`, `.singleClass`.
    /// - Complexity: O(count).
    public static func trainTestSplit(count: Int, testFraction: Double, stratifiedBy labels: [Double]? = nil,
                                      using generator: inout SeededGenerator) throws -> Fold {
        guard testFraction > 0, testFraction < 1 else {
            throw ModelError.invalidParameter(name: "testFraction", value: testFraction, reason: "must lie in (0, 1)")
        }
        var groups: [[Int]]
        if let labels {
            guard labels.count == count else {
                throw ModelError.dimensionMismatch(context: "trainTestSplit: labels per row", expected: count, actual: labels.count)
            }
            let classes = try classIndices(labels)
            groups = [classes.negatives, classes.positives]
        } else {
            groups = [Array(0..<count)]
        }
        var train: [Int] = [], test: [Int] = []
        for var group in groups {
            guard group.count >= 2 else {
                throw ModelError.invalidParameter(name: "rows", value: Double(group.count),
                                                  reason: "a split needs at least 2 rows\(labels == nil ? "" : " per class")")
            }
            shuffle(&group, using: &generator)
            let testSize = min(max(Int((testFraction * Double(group.count)).rounded()), 1), group.count - 1)
            test += group[..<testSize]
            train += group[testSize...]
        }
        return Fold(train: train.sorted(), test: test.sorted())
    }

    private static func classIndices(_ labels: [Double]) throws -> (negatives: [Int], positives: [Int]) {
        guard !labels.isEmpty else { throw ModelError.emptyInput(context: "CrossValidation") }
        var negatives: [Int] = [], positives: [Int] = []
        for (i, y) in labels.enumerated() {
            if y == 0 { negatives.append(i) } else if y == 1 { positives.append(i) } else {
                throw ModelError.invalidLabel(row: i, value: y)
            }
        }
        guard !negatives.isEmpty, !positives.isEmpty else { throw ModelError.singleClass(label: labels[0]) }
        return (negatives, positives)
    }

    /// Fisher–Yates with the seeded generator (reproducible across Swift versions).
    private static func shuffle(_ values: inout [Int], using generator: inout SeededGenerator) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, generator.nextInt(below: i + 1))
        }
    }

    private static func makeFolds(assignment: [Int], folds: Int) -> [Fold] {
        var tests = [[Int]](repeating: [], count: folds)
        for (row, fold) in assignment.enumerated() { tests[fold].append(row) }
        return (0..<folds).map { k in
            Fold(train: assignment.indices.filter { assignment[$0] != k }, test: tests[k])
        }
    }
}
