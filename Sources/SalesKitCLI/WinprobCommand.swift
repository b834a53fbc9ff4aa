import ArgumentParser
import Foundation
import SalesKit

/// `saleskit winprob train|evaluate|score|explain`.
struct WinprobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winprob",
        abstract: "Win-probability model: train on closed deals, evaluate, score open deals with drivers, explain one deal.",
        discussion: "Example: saleskit winprob train --opportunities datasets/opportunities.csv --out model.json",
        subcommands: [Train.self, Evaluate.self, Score.self, Explain.self])

    /// Options shared by the subcommands that read opportunities.csv.
    struct Input: ParsableArguments {
        @Option(help: "opportunities.csv.")
        var opportunities: String
        @Option(help: "As-of date (YYYY-MM-DD) for the age of open deals (default: from the data or the model).")
        var asOf: Day?
        @Flag(help: "Skip bad rows (listed on stderr and under \"rejected\") instead of stopping at the first.")
        var skipInvalid = false
        @OptionGroup var columns: ColumnMapOptions
        @OptionGroup var format: InputOptions

        func read(_ output: OutputOptions) throws -> (table: Table, lines: RowLines, rejected: [RejectedRow]) {
            let policy: CSVErrorPolicy = skipInvalid ? .skipInvalidRows : .strict
            let deals = try Opportunities.read(file: opportunities, mapping: try columns.mapping(for: "opportunities", among: [.contract(.opportunities)]),
                                               policy: policy, options: try format.readOptions(policy: policy, output: output))
            return (deals.table, deals.read.rowLines, output.reportSkipped(deals.read.quality.rejected))
        }
    }

    /// `--model FILE`: a model written by `winprob train`.
    struct SavedModel: ParsableArguments {
        @Option(help: "The model JSON.")
        var model: String

        /// The model (``WinProbabilityModel/load(from:)``).
        func load() throws -> WinProbabilityModel { try WinProbabilityModel.load(from: model) }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit and cross-validate the win model; save it as JSON.",
            discussion: """
                Example: saleskit winprob train --opportunities datasets/opportunities.csv --out model.json

                With --source URL and --table T (or --query SQL) the model is fitted in the engine instead: one \
                aggregate (XᵀWX, Xᵀ(y−p), log-likelihood) per Newton step, on numeric columns of the relation \
                (--features amount_k,num_activities; --label is_won; --max-iterations 50; --out FIT.json for \
                `winprob score --source`; --timings). `saleskit winprob train --source URL --help` lists those options.
                Example: saleskit winprob train --source postgres://u@host/db --table opportunities --features amount_k,num_activities --out fit.json
                """)
        @OptionGroup var input: Input
        @OptionGroup(title: "Warehouse source (instead of --opportunities; the fit runs in the engine)") var warehouse: WarehouseSourceOptions
        @Option(help: "Where to write the model JSON.")
        var out: String
        @Option(help: "Features, comma-separated: log(amount),source(ref=inbound),num_meetings,num_meetings:source … (default: log(amount),source,industry,region,num_activities,num_meetings,deal_age_days).")
        var features: String?
        @Option(help: "automatic (default; Firth when history is thin), none, firth, or l2=LAMBDA.")
        var penalty: WinProbabilityModel.Penalty = .automatic
        @Option(help: "Cross-validation folds.")
        var folds: Int = 5
        @Option(help: "Seed of the fold assignment.")
        var seed: UInt64 = 42
        @OptionGroup var output: OutputOptions

        func run() throws {
            let read = try input.read(output)
            let table = try WinFeatures.addingDealAge(to: read.table, asOf: input.asOf)
            let terms = try features.map { try WinFeatures.parse($0, table: table) } ?? WinFeatures.defaults
            let options = WinProbabilityModel.Options(folds: folds, seed: seed, penalty: penalty,
                                                      asOf: input.asOf)
            let model = try WinProbabilityModel.train(opportunities: table, features: terms, options: options)
            try model.save(to: out)
            for note in model.training.notes { output.notice("note: \(note)") }
            try output.emit(json: TrainJSON(model: model, rejected: read.rejected), table: WinprobTables.train(model))
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accuracy of a saved model on the closed deals of a file.",
            discussion: "Example: saleskit winprob evaluate --model model.json --opportunities new_opportunities.csv")
        @OptionGroup var saved: SavedModel
        @OptionGroup var input: Input
        @OptionGroup var output: OutputOptions

        func run() throws {
            let model = try saved.load()
            let read = try input.read(output)
            let metrics = try model.evaluate(try WinFeatures.addingDealAge(to: read.table, asOf: input.asOf ?? model.training.asOf))
            try output.emit(json: EvaluateJSON(metrics: metrics, rejected: read.rejected), table: WinprobTables.metrics(metrics, title: "Hold-out accuracy"))
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score deals: the win probability and top three drivers of each (a table; --format csv or json for machines).",
            discussion: """
                Example: saleskit winprob score --model model.json --opportunities datasets/opportunities.csv

                With --source URL and --table T (or --query SQL) the engine scores the rows: the fit of \
                `winprob train --source … --out FIT.json` becomes the SQL expression 1/(1+exp(-(β₀+…))) \
                (--fit FIT.json; --key ID_COLUMN returns an id with each probability; --summary returns only the \
                count, mean, minimum and maximum; --timings). `saleskit winprob score --source URL --help` lists those options.
                Example: saleskit winprob score --source postgres://u@host/db --table open_deals --fit fit.json --key opportunity_id --format csv
                """)
        @OptionGroup var saved: SavedModel
        @OptionGroup var input: Input
        @OptionGroup(title: "Warehouse source (instead of --opportunities; scored in the engine)") var warehouse: WarehouseSourceOptions
        @Option(help: "Which deals: open (default), closed or all.")
        var rows: WinProbabilityModel.RowSelection = .open
        @Flag(help: "Print the seconds spent reading and scoring on stderr.")
        var timings = false
        @OptionGroup var output: OutputOptions

        func run() throws {
            let model = try saved.load()
            let clock = ContinuousClock()
            let started = clock.now
            let read = try input.read(output)
            let readDone = clock.now
            let scoring = try model.score(read.table, rows: rows, asOf: input.asOf,
                                          file: input.opportunities, lines: read.lines)
            if timings {
                let scored = clock.now - readDone, reading = readDone - started
                FileHandle.standardError.write(Data(String(
                    format: "timings: read %.3f s, score %.3f s (%d rows, %.0f rows/s)\n", reading.seconds, scored.seconds,
                    scoring.scores.count, Double(scoring.scores.count) / max(scored.seconds, 1e-9)).utf8))
            }
            for skipped in scoring.unscored { output.notice("\(skipped) (not scored)") }
            var table = TextTable(headers: ["opportunity_id", "probability", "driver1", "driver2", "driver3"],
                                  alignments: [.left, .right, .left, .left, .left])
            for score in scoring.scores {
                let probability = output.format == .table ? String(format: "%.6f", score.probability) : "\(score.probability)"
                var cells = [score.opportunityID ?? "", probability]
                for k in 0..<3 { cells.append(k < score.drivers.count ? score.drivers[k].description : "") }
                table.append(cells)
            }
            if output.format == .json {
                try output.emit(json: ScoreJSON(scoring: scoring, rejected: read.rejected), table: [table])
            } else {
                try output.write(output.format == .table ? table.renderAligned() : table.renderCSV())
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every driver of one deal's win probability.",
            discussion: "Example: saleskit winprob explain --model model.json --opportunities datasets/opportunities.csv --id OPP42")
        @OptionGroup var saved: SavedModel
        @OptionGroup var input: Input
        @Option(help: "The opportunity_id to explain.")
        var id: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let model = try saved.load()
            let read = try input.read(output)
            let score = try model.explain(read.table, opportunityID: id)
            var table = TextTable(headers: ["driver", "contribution (log-odds)"],
                                  title: "\(id): win probability \(Formatting.percent(score.probability)) "
                                      + "(average deal \(Formatting.percent(1 / (1 + exp(-model.baselineLogOdds)))))")
            for driver in score.drivers { table.append([driver.description, String(format: "%+.4f", driver.contribution)]) }
            try output.emit(json: ExplainJSON(score: score, baseline: model.baselineLogOdds), table: [table])
        }
    }
}

/// Text tables of the winprob commands.
enum WinprobTables {
    static func train(_ model: WinProbabilityModel) -> [TextTable] {
        var coefficients = TextTable(headers: ["term", "estimate", "std error", "p-value"],
                                     title: "Win model (\(model.method); \(model.training.wins) won, \(model.training.losses) lost)")
        for (j, term) in model.terms.enumerated() {
            coefficients.append([term, String(format: "%.4f", model.coefficients[j]),
                                 String(format: "%.4f", model.standardErrors[j]), String(format: "%.4g", model.pValues[j])])
        }
        var tables = [coefficients]
        if let cv = model.crossValidation { tables += metrics(cv, title: "Cross-validation (\(cv.folds) folds, out of fold)") }
        return tables
    }

    static func metrics(_ m: WinProbabilityModel.CrossValidationSummary, title: String) -> [TextTable] {
        var summary = TextTable(headers: ["metric", "value"], title: title)
        summary.append(["ROC AUC", String(format: "%.4f", m.auc)])
        summary.append(["log-loss", String(format: "%.4f", m.logLoss)])
        summary.append(["Brier score", String(format: "%.4f", m.brier)])
        summary.append(["calibration intercept", String(format: "%.3f", m.calibrationIntercept)])
        summary.append(["calibration slope", String(format: "%.3f", m.calibrationSlope)])
        var bins = TextTable(headers: ["predicted", "deals", "mean predicted", "observed"], title: "Calibration")
        for bin in m.calibrationBins {
            bins.append([String(format: "%.2f–%.2f", bin.lower, bin.upper), String(bin.count),
                         Formatting.percent(bin.meanPredicted), Formatting.percent(bin.observedRate)])
        }
        return [summary, bins]
    }
}

/// `winprob train` JSON: `{"coefficients":[{"term","estimate","stdError","pValue"}],"cv":{"auc","logLoss","brier"}}`.
struct TrainJSON: Encodable {
    let model: WinProbabilityModel
    let rejected: [RejectedRow]

    struct Coefficient: Encodable { let term: String; let estimate: Double; let stdError: Double; let pValue: Double }
    enum Key: String, CodingKey { case coefficients, cv, method, training, rejected }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(model.terms.indices.map {
            Coefficient(term: model.terms[$0], estimate: model.coefficients[$0], stdError: model.standardErrors[$0],
                        pValue: model.pValues[$0])
        }, forKey: .coefficients)
        try c.encode(model.crossValidation, forKey: .cv)
        try c.encode(model.method.description, forKey: .method)
        try c.encode(model.training, forKey: .training)
        try c.encode(rejected, forKey: .rejected)
    }
}

/// `winprob evaluate` JSON: the metrics plus `rejected`.
struct EvaluateJSON: Encodable {
    let metrics: WinProbabilityModel.CrossValidationSummary
    let rejected: [RejectedRow]
    enum Key: String, CodingKey { case auc, logLoss, brier, calibrationIntercept, calibrationSlope, calibrationBins, rejected }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(metrics.auc, forKey: .auc)
        try c.encode(metrics.logLoss, forKey: .logLoss)
        try c.encode(metrics.brier, forKey: .brier)
        try c.encode(metrics.calibrationIntercept, forKey: .calibrationIntercept)
        try c.encode(metrics.calibrationSlope, forKey: .calibrationSlope)
        try c.encode(metrics.calibrationBins, forKey: .calibrationBins)
        try c.encode(rejected, forKey: .rejected)
    }
}

/// A driver in JSON.
struct DriverJSON: Encodable {
    let driver: WinDriver
    enum Key: String, CodingKey { case feature, level, value, contribution, text }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(driver.feature, forKey: .feature)
        try c.encode(driver.level, forKey: .level)
        try c.encode(driver.value, forKey: .value)
        try c.encode(driver.contribution, forKey: .contribution)
        try c.encode(driver.description, forKey: .text)
    }
}

/// `winprob score --format json`.
struct ScoreJSON: Encodable {
    let scoring: WinScoring
    let rejected: [RejectedRow]
    struct Row: Encodable {
        let score: WinScore
        /// `opportunity_id`: deprecated alias of `opportunityId`, written for one version (CHANGELOG 0.2.0).
        enum Key: String, CodingKey { case opportunityId, opportunity_id, probability, drivers }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(score.opportunityID, forKey: .opportunityId)
            try c.encode(score.opportunityID, forKey: .opportunity_id)
            try c.encode(score.probability, forKey: .probability)
            try c.encode(score.drivers.map(DriverJSON.init), forKey: .drivers)
        }
    }
    enum Key: String, CodingKey { case scores, unscored, rejected }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(scoring.scores.map(Row.init), forKey: .scores)
        try c.encode(scoring.unscored, forKey: .unscored)
        try c.encode(rejected, forKey: .rejected)
    }
}

/// `winprob explain` JSON.
struct ExplainJSON: Encodable {
    let score: WinScore
    let baseline: Double
    /// `opportunity_id`: deprecated alias of `opportunityId`, written for one version (CHANGELOG 0.2.0).
    enum Key: String, CodingKey { case opportunityId, opportunity_id, probability, logOdds, baselineLogOdds, drivers }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(score.opportunityID, forKey: .opportunityId)
        try c.encode(score.opportunityID, forKey: .opportunity_id)
        try c.encode(score.probability, forKey: .probability)
        try c.encode(score.logOdds, forKey: .logOdds)
        try c.encode(baseline, forKey: .baselineLogOdds)
        try c.encode(score.drivers.map(DriverJSON.init), forKey: .drivers)
    }
}

extension WinProbabilityModel.Penalty: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .list(["automatic", "none", "firth", "l2="]) }
}

extension WinProbabilityModel.RowSelection: ExpressibleByArgument {}
