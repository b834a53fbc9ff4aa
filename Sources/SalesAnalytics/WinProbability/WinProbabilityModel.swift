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
public struct WinProbabilityModel: Sendable, Codable {
    /// The JSON schema version this code writes and reads.
    public static let currentSchemaVersion = 1
    /// The `kind` tag of a model file.
    public static let kindTag = "saleskit.winprob"

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

    /// The penalty to use.
    public enum Penalty: Sendable, Equatable {
        /// Maximum likelihood; Firth when history is thin (fewer than `minimumClassCount` wins or
        /// losses) or the classes are separated.
        case automatic
        /// Always maximum likelihood (separation is an error).
        case none
        /// Always Firth.
        case firth
        /// Always L2 with this λ.
        case ridge(Double)
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
        /// The as-of day (days since the epoch) for deal ages of open deals (`nil`: from the data).
        public var asOf: Int32?

        /// Options.
        /// - Parameters:
        ///   - folds: CV folds (default 5).
        ///   - seed: Fold seed (default 42).
        ///   - minimumClassCount: Thin-history threshold (default 50).
        ///   - penalty: Penalty (default automatic).
        ///   - asOf: As-of day for open deals' ages.
        public init(folds: Int = 5, seed: UInt64 = 42, minimumClassCount: Int = 50,
                    penalty: Penalty = .automatic, asOf: Int32? = nil) {
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
        /// The as-of day used for deal ages (days since the epoch).
        public let asOfDay: Int32?
        /// Notes: thin history, separation, fall-backs.
        public let notes: [String]
    }

    /// The file's schema version.
    public let schemaVersion: Int
    /// `saleskit.winprob`.
    public let kind: String
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

    // MARK: - Training

    /// Trains the model on the closed deals of an opportunities table.
    /// - Parameters:
    ///   - opportunities: The table (`ContractReader.read(.opportunities, …)`; `deal_age_days` is
    ///     added when a default or chosen feature needs it).
    ///   - features: The features (default `WinFeatures.defaults`).
    ///   - options: Folds, seed, thin-history threshold, penalty, as-of day.
    /// - Returns: The fitted, cross-validated model.
    /// - Throws: `WinModelError`: no closed deals, one outcome, a design error (unknown column,
    ///   single-level category, …), a fit error (collinear features; separation under `.none`).
    /// - Complexity: (folds + 1) logistic fits of O(n·p²) per Newton iteration.
    public static func train(opportunities: Table, features: [DesignSpecification.Term] = WinFeatures.defaults,
                             options: Options = Options()) throws(WinModelError) -> WinProbabilityModel {
        let table = try prepared(opportunities, asOf: options.asOf)
        let won: TypedColumn<Bool>
        do { won = try table.booleans("is_won") } catch { throw .design(.column(error)) }
        let columns = Self.columns(of: features)
        var mask = [Bool](repeating: false, count: table.rowCount)
        var closed = 0
        for row in 0..<table.rowCount where won.valid[row] {
            closed += 1
            mask[row] = true
        }
        for name in columns {
            guard let column = try? table.column(name) else {
                throw .design(.column(.missingColumn(name: name, available: table.columnNames)))
            }
            for row in 0..<table.rowCount where !column.valid[row] { mask[row] = false }
        }
        let complete = mask.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard complete > 0 else { throw .noClosedDeals(closed: closed, complete: complete) }
        let training: Table
        do { training = try table.filtered(mask) } catch { throw .design(.column(error)) }
        let labels = (0..<table.rowCount).filter { mask[$0] }.map { won.values[$0] ? 1.0 : 0.0 }
        let wins = labels.reduce(0) { $0 + Int($1) }, losses = labels.count - wins
        guard wins > 0 && losses > 0 else { throw .singleOutcome(wins: wins, losses: losses) }

        let encoding: DesignEncoding
        let x: Matrix
        do {
            encoding = try DesignEncoding.fit(DesignSpecification(terms: features, intercept: false), on: training)
            x = try encoding.matrix(from: training)
        } catch { throw .design(error) }

        var notes: [String] = []
        if complete < closed {
            notes.append("\(closed - complete) closed deals lack a feature value and were left out")
        }
        var method: Method
        switch options.penalty {
        case .none: method = .maximumLikelihood
        case .firth: method = .firth
        case let .ridge(lambda): method = .ridge(lambda: lambda)
        case .automatic:
            if wins < options.minimumClassCount || losses < options.minimumClassCount {
                notes.append("too little history: \(wins) wins and \(losses) losses (fewer than \(options.minimumClassCount) of each); "
                    + "using Firth's bias-reduced logistic regression")
                method = .firth
            } else {
                method = .maximumLikelihood
            }
        }
        let fitted: LogisticRegression
        (fitted, method) = try fit(x: x, labels: labels, names: encoding.columnNames, method: method,
                                   allowFallback: options.penalty == .automatic, notes: &notes, fold: nil)

        var average = [Double](repeating: 0, count: x.columns)
        for j in 0..<x.columns {
            var sum = 0.0
            for i in 0..<x.rows { sum += x[i, j] }
            average[j] = sum / Double(x.rows)
        }
        let cv = try crossValidate(x: x, labels: labels, names: encoding.columnNames, method: method,
                                   options: options, notes: &notes)
        return WinProbabilityModel(
            schemaVersion: currentSchemaVersion, kind: kindTag, encoding: encoding, terms: fitted.termNames,
            coefficients: fitted.coefficients, standardErrors: fitted.standardErrors, pValues: fitted.pValues,
            method: method, averageRow: average,
            training: TrainingSummary(closedDeals: closed, fittedDeals: complete, wins: wins, losses: losses,
                                      logLikelihood: fitted.logLikelihood, asOfDay: options.asOf ?? dataAsOf(table),
                                      notes: notes),
            crossValidation: cv)
    }

    /// The table with `deal_age_days` added.
    static func prepared(_ table: Table, asOf: Int32?) throws(WinModelError) -> Table {
        guard table.hasColumn("created_date"), table.hasColumn("close_date") else { return table }
        do { return try WinFeatures.addingDealAge(to: table, asOf: asOf) } catch let error as TableError {
            throw .design(.column(error))
        } catch { throw .fit(reason: "\(error)", fold: nil) }
    }

    static func dataAsOf(_ table: Table) -> Int32? {
        guard let created = try? table.dates("created_date"), let closed = try? table.dates("close_date") else { return nil }
        let won = try? table.booleans("is_won")
        return WinFeatures.defaultAsOf(created: created, closed: closed, isClosed: { won?.valid[$0] ?? true })
    }

    /// The table columns a feature list reads.
    static func columns(of terms: [DesignSpecification.Term]) -> [String] {
        terms.compactMap { term in
            switch term {
            case let .numeric(column, _): return column
            case let .categorical(column, _): return column
            case .interaction: return nil
            }
        }
    }

    /// One logistic fit with the method's options; under automatic mode a separated or
    /// non-converging maximum-likelihood fit falls back to Firth (then L2 with λ = 1).
    static func fit(x: Matrix, labels: [Double], names: [String], method: Method, allowFallback: Bool,
                    notes: inout [String], fold: Int?) throws(WinModelError) -> (LogisticRegression, Method) {
        func options(_ method: Method) -> LogisticRegression.Options {
            switch method {
            case .maximumLikelihood: return LogisticRegression.Options()
            case .firth: return LogisticRegression.Options(firth: true)
            case let .ridge(lambda): return LogisticRegression.Options(l2Penalty: lambda)
            }
        }
        var attempts: [Method] = [method]
        if allowFallback {
            if method == .maximumLikelihood { attempts.append(.firth) }
            if method != .ridge(lambda: 1) { attempts.append(.ridge(lambda: 1)) }
        }
        var lastError = ""
        for (k, attempt) in attempts.enumerated() {
            do {
                let model = try LogisticRegression.fit(features: x, labels: labels, featureNames: names,
                                                       options: options(attempt))
                if k > 0 && fold == nil {
                    notes.append("\(method) failed (\(lastError)); fitted with \(attempt) instead")
                }
                return (model, attempt)
            } catch {
                lastError = "\(error)"
            }
        }
        throw .fit(reason: lastError, fold: fold)
    }

    /// Stratified k-fold cross-validation with out-of-fold probabilities.
    static func crossValidate(x: Matrix, labels: [Double], names: [String], method: Method, options: Options,
                              notes: inout [String]) throws(WinModelError) -> CrossValidationSummary? {
        let wins = labels.reduce(0, +), losses = Double(labels.count) - wins
        let folds = min(options.folds, Int(min(wins, losses)))
        guard folds >= 2 else {
            notes.append("cross-validation skipped: a class has fewer than 2 deals")
            return nil
        }
        if folds < options.folds { notes.append("cross-validation uses \(folds) folds (the smaller class has \(folds) deals)") }
        var generator = SeededGenerator(seed: options.seed)
        let partitions: [Fold]
        do { partitions = try CrossValidation.stratifiedKFold(labels: labels, folds: folds, using: &generator) } catch {
            throw .fit(reason: "\(error)", fold: nil)
        }
        var outOfFold = [Double](repeating: 0, count: labels.count)
        for (k, fold) in partitions.enumerated() {
            let train = rows(x, fold.train), test = rows(x, fold.test)
            var foldNotes: [String] = []
            let (model, _) = try fit(x: train, labels: fold.train.map { labels[$0] }, names: names, method: method,
                                     allowFallback: true, notes: &foldNotes, fold: k)
            let p: [Double]
            do { p = try model.predictProbabilities(test) } catch { throw .fit(reason: "\(error)", fold: k) }
            for (i, row) in fold.test.enumerated() { outOfFold[row] = p[i] }
        }
        do {
            let calibration = try Calibration.report(labels: labels, probabilities: outOfFold)
            return CrossValidationSummary(
                folds: folds, auc: try RankingMetrics.rocAUC(labels: labels, scores: outOfFold),
                logLoss: try ProbabilityMetrics.logLoss(labels: labels, probabilities: outOfFold),
                brier: try ProbabilityMetrics.brierScore(labels: labels, probabilities: outOfFold),
                calibrationIntercept: calibration.intercept, calibrationSlope: calibration.slope,
                calibrationBins: calibration.bins.map {
                    CalibrationBinSummary(lower: $0.lowerProbability, upper: $0.upperProbability, count: $0.count,
                                          meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
                })
        } catch { throw .fit(reason: "cross-validation metrics: \(error)", fold: nil) }
    }

    /// The listed rows of a matrix.
    static func rows(_ x: Matrix, _ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: x.columns)
        for j in 0..<x.columns {
            for (i, row) in indices.enumerated() { out[i, j] = x[row, j] }
        }
        return out
    }

    // MARK: - Persistence

    /// The model as pretty, key-sorted JSON.
    /// - Returns: UTF-8 JSON text.
    /// - Throws: An `EncodingError` only for non-finite numbers (which a successful fit does not produce).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a model file.
    /// - Parameter path: The JSON file written by `jsonData()`.
    /// - Returns: The model.
    /// - Throws: `WinModelError.modelFile` when the file cannot be read or parsed, is not a
    ///   SalesKit win model, or has a schema version this code does not read.
    public static func load(path: String) throws(WinModelError) -> WinProbabilityModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .modelFile(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        struct Header: Decodable { let schemaVersion: Int?; let kind: String? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw .modelFile(path: path, reason: "not JSON")
        }
        guard header.kind == kindTag else {
            throw .modelFile(path: path, reason: "not a SalesKit win-probability model (kind \(header.kind ?? "missing"))")
        }
        guard header.schemaVersion == currentSchemaVersion else {
            throw .modelFile(path: path, reason: "schema version \(header.schemaVersion.map(String.init) ?? "missing") "
                + "is not supported (this saleskit reads version \(currentSchemaVersion))")
        }
        do { return try JSONDecoder().decode(WinProbabilityModel.self, from: data) } catch {
            throw .modelFile(path: path, reason: "malformed model: \(error)")
        }
    }
}
