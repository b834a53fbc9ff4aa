#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesNumerics

/// A fitted design: the specification plus everything learned from the training table (category
/// levels and references, pooled rare levels, column means and standard deviations). It is a value
/// (Codable, saved with a model) and builds the identical columns for new rows at prediction time.
///
/// Column names: `(Intercept)`, `amount`, `log(amount)`, `source=web` (a dummy: 1 when source is
/// web, against the reference level), `num_meetings:source=web` (an interaction column).
public struct DesignEncoding: Sendable, Hashable, Codable {
    /// One encoded feature and the columns it owns.
    public struct Feature: Sendable, Hashable, Codable {
        /// The feature's name (`DesignSpecification.featureName`).
        public let name: String
        /// The term it encodes.
        public let term: DesignSpecification.Term
        /// For categorical features: the kept levels, sorted (the pooled "other" level last when
        /// it has rows); empty otherwise.
        public let levels: [String]
        /// For categorical features: the reference level (no column of its own).
        public let reference: String?
        /// For categorical features: levels pooled into the "other" level at fit time.
        public let pooledLevels: [String]
        /// For interactions: the indices of the two operand features.
        public let operands: [Int]
        /// The design columns of this feature.
        public let columns: Range<Int>
    }

    /// The specification that was fitted.
    public let specification: DesignSpecification
    /// The features in order.
    public let features: [Feature]
    /// One name per design column.
    public let columnNames: [String]
    /// The feature index of each column (`-1` for the intercept).
    public let columnFeature: [Int]
    /// Per column: the value subtracted before scaling (0 when not standardized or no intercept).
    public let centers: [Double]
    /// Per column: the divisor (1 when not standardized).
    public let scales: [Double]

    /// The number of design columns.
    public var columnCount: Int { columnNames.count }

    /// Fits the encoding on a training table.
    /// - Parameters:
    ///   - specification: What to encode.
    ///   - table: The training rows.
    /// - Returns: The fitted encoding.
    /// - Throws: `DesignMatrixError` for a missing or mistyped column, a missing or invalid value, a
    ///   single-level or unknown-reference category, a bad interaction operand, a constant column
    ///   under standardization, or an empty table.
    /// - Complexity: O(rows × columns).
    public static func fit(_ specification: DesignSpecification, on table: Table) throws -> DesignEncoding {
        guard table.rowCount > 0 else { throw DesignMatrixError.noRows }
        var features: [Feature] = []
        var names: [String] = []
        var owner: [Int] = []
        if specification.intercept { names.append("(Intercept)"); owner.append(-1) }
        let mainNames = specification.terms.compactMap { term -> String? in
            if case .interaction = term { return nil }
            return DesignSpecification.featureName(term)
        }
        for (index, term) in specification.terms.enumerated() {
            let name = DesignSpecification.featureName(term)
            let first = names.count
            switch term {
            case .numeric:
                _ = try numericValues(term: term, table: table)
                names.append(name)
                owner.append(index)
                features.append(Feature(name: name, term: term, levels: [], reference: nil, pooledLevels: [],
                                        operands: [], columns: first..<(first + 1)))
            case let .categorical(column, reference):
                let (levels, pooled, chosen) = try fitLevels(feature: name, column: column, reference: reference,
                                                             policy: specification.unseenLevels, table: table)
                for level in levels where level != chosen {
                    names.append("\(name)=\(level)")
                    owner.append(index)
                }
                features.append(Feature(name: name, term: term, levels: levels, reference: chosen, pooledLevels: pooled,
                                        operands: [], columns: first..<names.count))
            case let .interaction(a, b):
                var operands: [Int] = []
                for operand in [a, b] {
                    guard let found = features.firstIndex(where: { $0.name == operand }),
                          features[found].operands.isEmpty else {
                        throw DesignMatrixError.unknownInteractionOperand(interaction: name, operand: operand, features: mainNames)
                    }
                    operands.append(found)
                }
                let left = features[operands[0]], right = features[operands[1]]
                for i in left.columns {
                    for j in right.columns {
                        names.append("\(names[i]):\(names[j])")
                        owner.append(index)
                    }
                }
                features.append(Feature(name: name, term: term, levels: [], reference: nil, pooledLevels: [],
                                        operands: operands, columns: first..<names.count))
            }
        }
        var centers = [Double](repeating: 0, count: names.count)
        var scales = [Double](repeating: 1, count: names.count)
        let draft = DesignEncoding(specification: specification, features: features, columnNames: names,
                                   columnFeature: owner, centers: centers, scales: scales)
        if specification.standardize {
            let raw = try draft.matrix(from: table)
            let n = Double(raw.rows)
            for feature in features {
                if case .categorical = feature.term { continue }
                for j in feature.columns {
                    let column = raw.column(j)
                    var mean = 0.0
                    for x in column { mean += x }
                    mean /= n
                    var ss = 0.0
                    for x in column { ss += (x - mean) * (x - mean) }
                    let sd = raw.rows > 1 ? (ss / (n - 1)).squareRoot() : 0
                    guard sd > 0 else { throw DesignMatrixError.constantColumn(term: names[j]) }
                    centers[j] = specification.intercept ? mean : 0
                    scales[j] = sd
                }
            }
        }
        return DesignEncoding(specification: specification, features: features, columnNames: names,
                              columnFeature: owner, centers: centers, scales: scales)
    }

    /// Builds the design matrix of `table` with this encoding (standardized when fitted so).
    /// - Parameter table: Rows with the specification's columns (other columns are ignored).
    /// - Returns: A `rows × columnCount` column-major matrix.
    /// - Throws: `DesignMatrixError` for a missing or invalid value or an unseen level under `.error`.
    /// - Complexity: O(rows × columns).
    public func matrix(from table: Table) throws -> Matrix {
        let n = table.rowCount
        var storage = [Double](repeating: 0, count: n * columnCount)
        if specification.intercept { for i in 0..<n { storage[i] = 1 } }
        for feature in features {
            switch feature.term {
            case .numeric:
                let values = try Self.numericValues(term: feature.term, table: table)
                let j = feature.columns.lowerBound
                storage.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[j * n + i] = values[i] }
                }
            case let .categorical(column, _):
                let codes = try levelIndices(feature: feature, column: column, table: table)
                // Column of each kept level (−1: the reference or an unseen level mapped to it).
                var columnOfLevel = [Int](repeating: -1, count: feature.levels.count)
                var next = feature.columns.lowerBound
                for (k, level) in feature.levels.enumerated() where level != feature.reference {
                    columnOfLevel[k] = next
                    next += 1
                }
                storage.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        let k = codes[i]
                        if k >= 0, columnOfLevel[k] >= 0 { out[columnOfLevel[k] * n + i] = 1 }
                    }
                }
            case .interaction:
                let left = features[feature.operands[0]], right = features[feature.operands[1]]
                var j = feature.columns.lowerBound
                storage.withUnsafeMutableBufferPointer { out in
                    for a in left.columns {
                        for b in right.columns {
                            for i in 0..<n { out[j * n + i] = out[a * n + i] * out[b * n + i] }
                            j += 1
                        }
                    }
                }
            }
        }
        // Interactions are products of raw operands; standardize last.
        storage.withUnsafeMutableBufferPointer { out in
            for j in 0..<columnCount where centers[j] != 0 || scales[j] != 1 {
                let c = centers[j], s = scales[j]
                for i in 0..<n { out[j * n + i] = (out[j * n + i] - c) / s }
            }
        }
        var matrix = Matrix(rows: n, columns: columnCount)
        matrix.storage = storage
        return matrix
    }

    /// The linear map T from coefficients on the standardized columns to the original scale:
    /// β = T β′ (identity when nothing is standardized). With an intercept, β₀ = β′₀ − Σⱼ β′ⱼ cⱼ/sⱼ
    /// and βⱼ = β′ⱼ/sⱼ; the covariance transforms as T Σ′ Tᵀ.
    /// - Returns: A `columnCount × columnCount` matrix.
    /// - Complexity: O(columns²).
    public func originalScaleTransform() -> Matrix {
        var t = Matrix(rows: columnCount, columns: columnCount)
        for j in 0..<columnCount {
            t[j, j] = 1 / scales[j]
            if specification.intercept && j > 0 && centers[j] != 0 { t[0, j] = -centers[j] / scales[j] }
        }
        return t
    }

    /// Coefficients (and optionally their covariance) on the original, unstandardized scale.
    /// - Parameters:
    ///   - coefficients: Coefficients fitted on this encoding's matrix.
    ///   - covariance: Their covariance matrix, or `nil`.
    /// - Returns: The coefficients and covariance (`nil` if none was given) on the original scale.
    /// - Throws: `DesignMatrixError.sizeMismatch` when the sizes disagree with `columnCount`.
    /// - Complexity: O(columns³) with a covariance, O(columns²) without.
    public func originalScale(coefficients: [Double], covariance: Matrix? = nil)
        throws -> (coefficients: [Double], covariance: Matrix?) {
        guard coefficients.count == columnCount else { throw DesignMatrixError.sizeMismatch(expected: columnCount, got: coefficients.count) }
        let t = originalScaleTransform()
        var beta = [Double](repeating: 0, count: columnCount)
        for i in 0..<columnCount { for j in 0..<columnCount { beta[i] += t[i, j] * coefficients[j] } }
        guard let covariance else { return (beta, nil) }
        guard covariance.rows == columnCount, covariance.columns == columnCount else {
            throw DesignMatrixError.sizeMismatch(expected: columnCount, got: covariance.rows)
        }
        var result = Matrix(rows: columnCount, columns: columnCount)
        for i in 0..<columnCount {
            for j in 0..<columnCount {
                var sum = 0.0
                for k in 0..<columnCount where t[i, k] != 0 {
                    for l in 0..<columnCount where t[j, l] != 0 { sum += t[i, k] * covariance[k, l] * t[j, l] }
                }
                result[i, j] = sum
            }
        }
        return (beta, result)
    }

    // MARK: - Column readers

    static func numericValues(term: DesignSpecification.Term, table: Table) throws -> [Double] {
        guard case let .numeric(column, transform) = term else { return [] }
        let name = DesignSpecification.featureName(term)
        let typed: TypedColumn<Double>
        do { typed = try table.numbers(column) } catch {
            guard let error = error as? TableError else { throw error }
            if case let .wrongType(_, _, actual) = error {
                throw DesignMatrixError.wrongType(feature: name, type: actual, expected: "integer or double")
            }
            throw DesignMatrixError.column(error)
        }
        var values = typed.values
        for i in 0..<values.count {
            guard typed.valid[i] else { throw DesignMatrixError.missingValue(feature: name, row: i) }
            let x = values[i]
            guard x.isFinite else { throw DesignMatrixError.invalidValue(feature: name, row: i, value: x, reason: "is not finite") }
            switch transform {
            case .identity: break
            case .log:
                guard x > 0 else { throw DesignMatrixError.invalidValue(feature: name, row: i, value: x, reason: "has no logarithm (must be > 0)") }
                values[i] = log(x)
            case .log1p:
                guard x > -1 else { throw DesignMatrixError.invalidValue(feature: name, row: i, value: x, reason: "has no log1p (must be > −1)") }
                values[i] = log1p(x)
            }
        }
        return values
    }

    private static func categories(feature: String, column: String, table: Table) throws -> CategoryColumn {
        do { return try table.categories(column) } catch {
            guard let error = error as? TableError else { throw error }
            if case let .wrongType(_, _, actual) = error {
                throw DesignMatrixError.wrongType(feature: feature, type: actual, expected: "category")
            }
            throw DesignMatrixError.column(error)
        }
    }

    private static func fitLevels(feature: String, column: String, reference: String?,
                                  policy: DesignSpecification.UnseenLevelPolicy,
                                  table: Table) throws -> ([String], [String], String) {
        let values = try categories(feature: feature, column: column, table: table)
        var counts = [Int](repeating: 0, count: values.levels.count)
        for (row, code) in values.codes.enumerated() {
            guard code >= 0 else { throw DesignMatrixError.missingValue(feature: feature, row: row) }
            counts[Int(code)] += 1
        }
        var kept: [String] = []
        var pooled: [String] = []
        var pooledRows = 0
        for (code, level) in values.levels.enumerated() where counts[code] > 0 {
            if case let .other(_, minimumCount) = policy, counts[code] < minimumCount {
                pooled.append(level)
                pooledRows += counts[code]
            } else {
                kept.append(level)
            }
        }
        kept.sort()
        pooled.sort()
        if case let .other(label, _) = policy, pooledRows > 0 { kept.append(label) }
        guard let first = kept.first else { throw DesignMatrixError.noRows }
        guard kept.count > 1 else { throw DesignMatrixError.singleLevel(feature: feature, level: first) }
        let chosen = reference ?? first
        guard kept.contains(chosen) else { throw DesignMatrixError.unknownReference(feature: feature, reference: chosen, levels: kept) }
        return (kept, pooled, chosen)
    }

    /// Per row, the index into `feature.levels` (−1: maps to the reference without a level of its own).
    private func levelIndices(feature: Feature, column: String, table: Table) throws -> [Int] {
        let values = try Self.categories(feature: feature.name, column: column, table: table)
        var index: [String: Int] = [:]
        for (k, level) in feature.levels.enumerated() { index[level] = k }
        var otherIndex: Int?
        var pooled = Set<String>()
        if case let .other(label, _) = specification.unseenLevels {
            otherIndex = index[label] ?? feature.levels.firstIndex(of: feature.reference ?? "")
            pooled = Set(feature.pooledLevels)
        }
        // Map each of the table's levels once; unseen ones only fail when a row uses them.
        let mapped: [Int?] = values.levels.map { level in
            if let k = index[level] { return k }
            if pooled.contains(level) || otherIndex != nil { return otherIndex ?? -1 }
            return nil
        }
        var result = [Int](repeating: -1, count: values.count)
        for row in 0..<values.count {
            let code = values.codes[row]
            guard code >= 0 else { throw DesignMatrixError.missingValue(feature: feature.name, row: row) }
            guard let k = mapped[Int(code)] else {
                throw DesignMatrixError.unseenLevel(feature: feature.name, value: values.levels[Int(code)], row: row, known: feature.levels)
            }
            result[row] = k
        }
        return result
    }
}
