/// A cohort × period grid of numbers, ready for a heatmap: row `i` is a cohort (labelled
/// `rowLabels[i]`), column `p` is the number of periods since the cohort started. Cells that
/// cannot be observed yet (after the data's last period) or are undefined (a zero denominator)
/// hold NaN.
public struct CohortMatrix: Sendable, Equatable {
    /// Cohort labels, oldest first.
    public let rowLabels: [String]
    /// The number of period columns (0…columns − 1).
    public let columns: Int
    /// Row-major values: `values[row * columns + period]`.
    public let values: [Double]

    /// A matrix from row-major values.
    /// - Parameters:
    ///   - rowLabels: One label per row.
    ///   - columns: Columns per row.
    ///   - values: `rowLabels.count × columns` values.
    public init(rowLabels: [String], columns: Int, values: [Double]) {
        precondition(values.count == rowLabels.count * columns, "values must fill rows × columns")
        self.rowLabels = rowLabels
        self.columns = columns
        self.values = values
    }

    /// The value of cohort `row` at `period`.
    public subscript(row: Int, period: Int) -> Double { values[row * columns + period] }

    /// One row as an array.
    public func row(_ row: Int) -> [Double] { Array(values[(row * columns)..<((row + 1) * columns)]) }

    /// Equal when labels and shape agree and every cell is equal or both are NaN.
    public static func == (lhs: CohortMatrix, rhs: CohortMatrix) -> Bool {
        lhs.rowLabels == rhs.rowLabels && lhs.columns == rhs.columns
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
