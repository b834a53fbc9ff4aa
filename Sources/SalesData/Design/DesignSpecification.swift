/// What a design matrix contains: which table columns become which model columns.
///
/// A specification is data (Codable): it is saved with a model and applied again at prediction.
/// `DesignEncoding.fit(_:on:)` turns it into a fitted encoding (levels, means, standard deviations).
public struct DesignSpecification: Sendable, Hashable, Codable {
    /// A transform applied to a numeric column before it enters the model.
    public enum NumericTransform: String, Sendable, Hashable, Codable {
        /// x.
        case identity
        /// ln(x); x must be > 0.
        case log
        /// ln(1 + x); x must be > −1.
        case log1p
    }

    /// What happens to a category value at prediction time that the fit never saw.
    public enum UnseenLevelPolicy: Sendable, Hashable, Codable {
        /// Throw `DesignMatrixError.unseenLevel` naming the feature, the value and the known levels.
        case error
        /// Map it to the explicit level `label`. At fit time, levels with fewer than `minimumCount`
        /// rows are pooled into that level too; when the pooled level has rows it gets its own
        /// column (or is the reference), otherwise unseen values share the reference level's
        /// coefficient (all of the feature's dummies 0).
        case other(label: String, minimumCount: Int)
    }

    /// One feature of the model.
    public enum Term: Sendable, Hashable, Codable {
        /// A numeric column (integer or double), optionally transformed.
        case numeric(column: String, transform: NumericTransform)
        /// A category column one-hot encoded against a reference level (`nil`: the first level in
        /// sorted order, i.e. drop-first).
        case categorical(column: String, reference: String?)
        /// The product of two other terms' columns (every pair), e.g. `num_meetings × source`.
        /// The operands are given by their feature names (`DesignSpecification.featureName`).
        case interaction(String, String)
    }

    /// The features, in column order.
    public var terms: [Term]
    /// Whether the first column is an intercept of ones (default `true`).
    public var intercept: Bool
    /// Whether numeric and interaction columns are standardized (centered when there is an
    /// intercept, scaled by the sample standard deviation); dummies are left 0/1. Coefficients are
    /// reported on the original scale with `DesignEncoding.originalScale(coefficients:covariance:)`.
    public var standardize: Bool
    /// The unseen-level policy for every categorical term.
    public var unseenLevels: UnseenLevelPolicy

    /// A specification.
    /// - Parameters:
    ///   - terms: The features.
    ///   - intercept: Include an intercept column (default `true`).
    ///   - standardize: Standardize numeric columns (default `false`).
    ///   - unseenLevels: The unseen-level policy (default `.error`).
    public init(terms: [Term], intercept: Bool = true, standardize: Bool = false,
                unseenLevels: UnseenLevelPolicy = .error) {
        self.terms = terms
        self.intercept = intercept
        self.standardize = standardize
        self.unseenLevels = unseenLevels
    }

    /// The name of a feature: the column name, `log(amount)`, `log1p(amount)`, or `a:b` for an
    /// interaction.
    /// - Parameter term: The term.
    /// - Returns: Its name.
    public static func featureName(_ term: Term) -> String {
        switch term {
        case let .numeric(column, transform):
            switch transform {
            case .identity: return column
            case .log: return "log(\(column))"
            case .log1p: return "log1p(\(column))"
            }
        case let .categorical(column, _): return column
        case let .interaction(a, b): return "\(a):\(b)"
        }
    }
}
