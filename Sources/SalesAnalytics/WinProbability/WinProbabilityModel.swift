import Foundation
import SalesData
import SalesModels
import SalesNumerics

/// The win-probability model: a logistic regression of `is_won` on deal features, trained on
/// closed opportunities, cross-validated, saved as versioned JSON, and used to score and explain
/// open deals.
///
/// The model is `logit P(won) = β₀ + Σⱼ βⱼ xⱼ` over the design columns of a `DesignEncoding`
/// (one-hot categories against a reference level, optional log transforms and interactions).
/// **Drivers**: for a deal with design row x and the training deals' average row x̄, feature f
/// contributes `c_f = Σ_{j ∈ columns(f)} βⱼ (xⱼ − x̄ⱼ)` to its log-odds relative to the average
/// deal (a categorical feature sums over its dummies), so `logit p = logit p̄ + Σ_f c_f` with
/// `logit p̄ = β₀ + β·x̄` — the explanation adds up exactly.
public struct WinProbabilityModel: Sendable {

    /// How the coefficients were estimated.
    public enum Method: Sendable, Codable, Equatable, CustomStringConvertible {
        /// Unpenalized maximum likelihood.
        case maximumLikelihood
        /// Firth's bias-reduced (penalized) likelihood.
        case firth
        /// L2-penalized likelihood with penalty λ.
        case ridge(lambda: Double)

        /// `maximum likelihood`, `firth`, `l2(lambda=…)`.
        public var description: String {
            switch self {
            case .maximumLikelihood: return "maximum likelihood"
            case .firth: return "firth"
            case let .ridge(lambda): return "l2(lambda=\(lambda))"
            }
        }
    }

    /// The penalty to use; written `automatic`, `none`, `firth` or `l2=LAMBDA` (``description`` and
    /// ``init(_:)`` convert).
    public enum Penalty: Sendable, Equatable, LosslessStringConvertible {
        /// Maximum likelihood; Firth when history is thin (fewer than `minimumClassCount` wins or
        /// losses) or the classes are separated.
        case automatic
        /// Always maximum likelihood (separation is an error).
        case none
        /// Always Firth.
        case firth
        /// Always L2 with this λ.
        case ridge(Double)

        /// The penalty written as `automatic`, `none`, `firth` or `l2=LAMBDA` (λ finite and > 0);
        /// `nil` for anything else.
        public init?(_ description: String) {
            switch description {
            case "automatic": self = .automatic
            case "none": self = .none
            case "firth": self = .firth
            default:
                guard description.hasPrefix("l2="), let lambda = Double(description.dropFirst(3)),
                      lambda > 0, lambda.isFinite else { return nil }
                self = .ridge(lambda)
            }
        }

        /// `automatic`, `none`, `firth` or `l2=LAMBDA`.
        public var description: String {
            switch self {
            case .automatic: return "automatic"
            case .none: return "none"
            case .firth: return "firth"
            case let .ridge(lambda): return "l2=\(lambda)"
            }
        }
    }

    /// Training options.
    public struct Options: Sendable, Equatable {
        /// Cross-validation folds (≥ 2; reduced to the smaller class's size when needed).
        public var folds: Int
        /// The seed of the fold assignment.
        public var seed: UInt64
        /// Fewer wins or losses than this is "too little history".
        public var minimumClassCount: Int
        /// The penalty.
        public var penalty: Penalty
        /// The as-of day for deal ages of open deals (`nil`: from the data).
        public var asOf: Day?

        /// Options.
        /// - Parameters:
        ///   - folds: CV folds (default 5).
        ///   - seed: Fold seed (default 42).
        ///   - minimumClassCount: Thin-history threshold (default 50).
        ///   - penalty: Penalty (default automatic).
        ///   - asOf: As-of day for open deals' ages.
        public init(folds: Int = 5, seed: UInt64 = 42, minimumClassCount: Int = 50,
                    penalty: Penalty = .automatic, asOf: Day? = nil) {
            self.folds = folds
            self.seed = seed
            self.minimumClassCount = minimumClassCount
            self.penalty = penalty
            self.asOf = asOf
        }
    }

    /// Out-of-fold metrics of the cross-validation.
    public struct CrossValidationSummary: Sendable, Codable, Equatable {
        /// Folds used.
        public let folds: Int
        /// ROC AUC of the out-of-fold probabilities (tie-aware).
        public let auc: Double
        /// Mean log-loss.
        public let logLoss: Double
        /// Brier score.
        public let brier: Double
        /// Calibration: intercept and slope of the logistic recalibration, and decile bins
        /// (lower, upper, count, mean predicted, observed rate).
        public let calibrationIntercept: Double
        /// Calibration slope (1 is perfect).
        public let calibrationSlope: Double
        /// Decile bins.
        public let calibrationBins: [CalibrationBinSummary]
    }

    /// One calibration bin.
    public struct CalibrationBinSummary: Sendable, Codable, Equatable {
        /// Lowest predicted probability in the bin.
        public let lower: Double
        /// Highest predicted probability in the bin.
        public let upper: Double
        /// Deals in the bin.
        public let count: Int
        /// Mean predicted probability.
        public let meanPredicted: Double
        /// Observed win rate.
        public let observedRate: Double
    }

    /// What the model was trained on.
    public struct TrainingSummary: Sendable, Codable, Equatable {
        /// Closed deals in the table.
        public let closedDeals: Int
        /// Closed deals with every feature present (the rows fitted).
        public let fittedDeals: Int
        /// Won deals among them.
        public let wins: Int
        /// Lost deals among them.
        public let losses: Int
        /// Log-likelihood at the estimate.
        public let logLikelihood: Double
        /// The as-of day used for deal ages.
        public let asOf: Day?
        /// Notes: thin history, separation, fall-backs.
        public let notes: [String]

        /// `asOf` is written as `asOfDay` (days since 1970-01-01), the key of `winprob train --format json`.
        enum CodingKeys: String, CodingKey {
            case closedDeals, fittedDeals, wins, losses, logLikelihood, asOf = "asOfDay", notes
        }
    }

    /// The fitted design (levels, references, transforms) reused at scoring.
    public let encoding: DesignEncoding
    /// Coefficient names: `(Intercept)` then the design columns.
    public let terms: [String]
    /// Coefficients on the log-odds scale, aligned with `terms`.
    public let coefficients: [Double]
    /// Their standard errors.
    public let standardErrors: [Double]
    /// Two-sided Wald p-values.
    public let pValues: [Double]
    /// The estimation method.
    public let method: Method
    /// The average design row of the training deals (no intercept), the drivers' baseline.
    public let averageRow: [Double]
    /// What it was trained on.
    public let training: TrainingSummary
    /// Cross-validation metrics (`nil` when a class was too small to cross-validate).
    public let crossValidation: CrossValidationSummary?
}
