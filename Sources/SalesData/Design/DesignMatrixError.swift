/// A typed error of the design-matrix builder, naming the feature and the row or value.
public enum DesignMatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column the specification names is absent or has the wrong type.
    case column(TableError)
    /// A column's type cannot serve as this kind of feature.
    case wrongType(feature: String, type: ColumnType, expected: String)
    /// A value is missing (rows are 0-based table rows).
    case missingValue(feature: String, row: Int)
    /// A numeric value is not finite, or outside the transform's domain (log of a value ≤ 0).
    case invalidValue(feature: String, row: Int, value: Double, reason: String)
    /// A category value at prediction time that the fit did not see.
    case unseenLevel(feature: String, value: String, row: Int, known: [String])
    /// The chosen reference level does not occur in the data.
    case unknownReference(feature: String, reference: String, levels: [String])
    /// A categorical feature has a single level: nothing to contrast.
    case singleLevel(feature: String, level: String)
    /// An interaction names a feature that is not in the specification (or is itself an interaction).
    case unknownInteractionOperand(interaction: String, operand: String, features: [String])
    /// A standardized column is constant (standard deviation 0).
    case constantColumn(term: String)
    /// No rows to fit on.
    case noRows
    /// A coefficient vector or covariance of the wrong size.
    case sizeMismatch(expected: Int, got: Int)

    /// A one-line message with the feature, row and value.
    public var description: String {
        switch self {
        case let .column(error): return error.description
        case let .wrongType(feature, type, expected):
            return "feature \"\(feature)\": column has type \(type), expected \(expected)"
        case let .missingValue(feature, row):
            return "feature \"\(feature)\": missing value in row \(row + 1)"
        case let .invalidValue(feature, row, value, reason):
            return "feature \"\(feature)\": row \(row + 1) value \(value) \(reason)"
        case let .unseenLevel(feature, value, row, known):
            return "feature \"\(feature)\": row \(row + 1) has \"\(value)\", a level the model was not fitted on; known: "
                + known.joined(separator: ", ") + " (or encode unseen levels as an explicit \"other\" level)"
        case let .unknownReference(feature, reference, levels):
            return "feature \"\(feature)\": reference level \"\(reference)\" does not occur; levels: " + levels.joined(separator: ", ")
        case let .singleLevel(feature, level):
            return "feature \"\(feature)\": only one level (\"\(level)\"), nothing to contrast"
        case let .unknownInteractionOperand(interaction, operand, features):
            return "interaction \"\(interaction)\": \"\(operand)\" is not a main feature; features: " + features.joined(separator: ", ")
        case let .constantColumn(term):
            return "column \"\(term)\" is constant and cannot be standardized"
        case .noRows: return "no rows to build a design matrix from"
        case let .sizeMismatch(expected, got): return "expected \(expected) coefficients, got \(got)"
        }
    }
}
