/// A dense, column-major matrix of `Double` over one contiguous buffer.
///
/// Element `(i, j)` lives at `storage[i + j * rows]`, the layout BLAS and LAPACK expect with a
/// leading dimension equal to `rows`. Dense kernels on matrices call OpenBLAS (see
/// `Matrix+BLAS.swift`); factorizations call LAPACKE.
///
/// Value semantics: copies share storage until one of them is mutated (copy-on-write through `Array`).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column-major elements; `storage.count == rows * columns`.
    public var storage: [Double]

    /// Creates a `rows × columns` matrix with every element set to `value`.
    ///
    /// - Parameters:
    ///   - rows: Number of rows (≥ 0).
    ///   - columns: Number of columns (≥ 0).
    ///   - value: The fill value (default 0).
    /// - Complexity: O(rows × columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "Matrix size overflows Int")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: count)
    }

    /// Creates a matrix from column-major elements.
    ///
    /// - Parameters:
    ///   - rows: Number of rows.
    ///   - columns: Number of columns.
    ///   - columnMajor: `rows × columns` elements, column after column.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when the element count is not `rows × columns`.
    /// - Complexity: O(1) beyond the array move.
    public init(rows: Int, columns: Int, columnMajor: [Double]) throws {
        guard rows >= 0, columns >= 0 else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "Matrix(rows:columns:columnMajor:)", expected: "non-negative dimensions",
                actual: "\(rows) × \(columns)")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count == columnMajor.count else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "Matrix(rows:columns:columnMajor:)", expected: "\(rows) × \(columns) elements",
                actual: "\(columnMajor.count) elements")
        }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// Creates a matrix from an array of rows (row-major input, stored column-major).
    ///
    /// - Parameter rowArrays: The rows; every row must have the same length.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` naming the first row whose length differs.
    /// - Complexity: O(rows × columns).
    public init(rowArrays: [[Double]]) throws {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        for (i, row) in rowArrays.enumerated() where row.count != n {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "Matrix(rowArrays:)", expected: "\(n) columns in every row",
                actual: "row \(i) has \(row.count)")
        }
        self.init(rows: m, columns: n)
        storage.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<m {
                let row = rowArrays[i]
                for j in 0..<n { buffer[i + j * m] = row[j] }
            }
        }
    }

    /// Creates a matrix from whole columns.
    ///
    /// - Parameters:
    ///   - columnArrays: The columns; all must have length `rows`.
    ///   - rows: The row count, needed when `columnArrays` is empty (default: the first column's length).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` naming the first column whose length differs.
    /// - Complexity: O(rows × columns).
    public init(columnArrays: [[Double]], rows: Int? = nil) throws {
        let m = rows ?? columnArrays.first?.count ?? 0
        var flat = [Double]()
        flat.reserveCapacity(m * columnArrays.count)
        for (j, column) in columnArrays.enumerated() {
            guard column.count == m else {
                throw LinearAlgebraError.dimensionMismatch(
                    operation: "Matrix(columnArrays:)", expected: "\(m) rows in every column",
                    actual: "column \(j) has \(column.count)")
            }
            flat.append(contentsOf: column)
        }
        self.rows = m
        self.columns = columnArrays.count
        self.storage = flat
    }

    /// The `n × n` identity matrix.
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.storage[i + i * n] = 1 }
        return result
    }

    /// Element access by row and column (bounds-checked).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// A copy of column `j`.
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i`.
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The transpose.
    /// - Complexity: O(rows × columns).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let m = rows, n = columns
        storage.withUnsafeBufferPointer { src in
            result.storage.withUnsafeMutableBufferPointer { dst in
                for j in 0..<n {
                    for i in 0..<m { dst[j + i * n] = src[i + j * m] }
                }
            }
        }
        return result
    }

    /// The diagonal elements (length `min(rows, columns)`).
    /// - Complexity: O(min(rows, columns)).
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// Whether every element is finite (no NaN, no ±infinity).
    /// - Complexity: O(rows × columns).
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }

    /// The position of the first non-finite element, if any, as `(row, column)`.
    /// - Complexity: O(rows × columns).
    public var firstNonFinite: (row: Int, column: Int)? {
        guard let k = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (k % Swift.max(rows, 1), k / Swift.max(rows, 1))
    }
}
