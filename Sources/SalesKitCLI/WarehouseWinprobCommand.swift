import ArgumentParser
import Foundation
import SalesKit
import SalesWarehouse

/// `saleskit winprob train|score --source URL --table T …`: the win model (a logistic regression on
/// numeric columns) fitted by Newton/IRLS where each iteration is one aggregate in the engine
/// (`WarehouseLogisticFit`: XᵀWX, Xᵀ(y−p), log-likelihood), and scoring as a SQL expression the
/// engine evaluates (`LogisticScorePlan`). Features are columns of the relation as they are; a
/// transformed or categorical term (log(amount), source=inbound) is a column of `--query`. The
/// file variant's penalties, folds and drivers need the rows and are not offered here.
struct WarehouseWinprobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winprob", abstract: "Win model over a warehouse relation (Newton steps in the engine).",
        subcommands: [Train.self, Score.self])

    /// The fit as `train --out` writes it and `score --fit` reads it.
    struct Fit: Codable {
        var source: String
        var label: String
        var features: [String]
        var coefficients: [Double]
        var standardErrors: [Double]
        var logLikelihood: Double
        var observations: Int
        var iterations: Int
        var converged: Bool
        var bytesReceived: Int
    }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit the win model in the engine (one aggregate per Newton step).",
            discussion: "Example: saleskit winprob train --source postgres://u@host/db --table opportunities --features amount_k,num_activities,num_meetings --out fit.json")
        @OptionGroup var warehouse: WarehouseSourceOptions
        @Option(help: "The 0/1 label column.") var label = "is_won"
        @Option(help: "Numeric feature columns of the relation, comma-separated.") var features: String
        @Option(help: "Newton iterations at most.") var maxIterations = 50
        @Option(help: "Write the fit (coefficients, standard errors) as JSON to FILE, for `winprob score --source`.") var out: String?
        @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.") var timings = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let names = try WarehouseWinprobCommand.columns(features)
            guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive") }
            var stopwatch = WarehouseStopwatch()
            let engine = try await warehouse.connect()
            stopwatch.lap("connect")
            let fit: WarehouseLogisticFit
            do {
                fit = try await WarehouseLogisticFit.fit(relation: warehouse.relation(mapping: [:]), label: label, features: names,
                                                         on: engine, maxIterations: maxIterations)
            } catch { await engine.close(); throw error }
            await engine.close()
            stopwatch.lap("engine (Newton steps) + local solves")
            if !fit.converged { output.notice("note: Newton did not converge in \(maxIterations) iterations") }
            let saved = Fit(source: engine.source, label: label, features: names, coefficients: fit.coefficients,
                            standardErrors: fit.standardErrors, logLikelihood: fit.logLikelihood, observations: fit.observationCount,
                            iterations: fit.iterations, converged: fit.converged, bytesReceived: fit.bytesReceived)
            if let out {
                do { try JSONEncoder().encode(saved).write(to: URL(fileURLWithPath: out)) } catch {
                    throw CLIError.cannotWrite(path: out, reason: "\(error.localizedDescription)")
                }
            }
            var table = TextTable(headers: ["term", "coefficient", "standard error"],
                                  title: "Win model (logistic, \(fit.observationCount) rows, \(fit.iterations) Newton steps), fitted in \(engine.source)")
            for (k, name) in (["(intercept)"] + names).enumerated() {
                table.append([name, csvNumber(fit.coefficients[k]), csvNumber(fit.standardErrors[k])])
            }
            try output.emit(json: saved, table: [table])
            if timings { stopwatch.lap("output"); stopwatch.report(bytes: fit.bytesReceived) }
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score rows in the engine with a fit from `winprob train --source`.",
            discussion: "Example: saleskit winprob score --source postgres://u@host/db --table open_deals --fit fit.json --key opportunity_id --format csv")
        @OptionGroup var warehouse: WarehouseSourceOptions
        @Option(help: "The fit JSON written by `winprob train --source … --out`.") var fit: String
        @Option(help: "An id column to return with each probability.") var key: String?
        @Flag(help: "Return only the count, mean, minimum and maximum probability (computed in the engine).") var summary = false
        @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.") var timings = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let saved: Fit
            do { saved = try JSONDecoder().decode(Fit.self, from: Data(contentsOf: URL(fileURLWithPath: fit))) } catch {
                throw ValidationError("--fit \(fit): not a fit written by `winprob train --source … --out` (\(error.localizedDescription))")
            }
            guard saved.coefficients.count == saved.features.count + 1, saved.coefficients.allSatisfy(\.isFinite) else {
                throw ValidationError("--fit \(fit): one finite coefficient per feature plus the intercept expected")
            }
            let plan = LogisticScorePlan(relation: warehouse.relation(mapping: [:]), features: saved.features,
                                         coefficients: saved.coefficients, key: key)
            var stopwatch = WarehouseStopwatch()
            let engine = try await warehouse.connect()
            stopwatch.lap("connect")
            struct Row: Encodable { let key: String?; let probability: Double }
            struct Summary: Encodable { let source: String; let rows: Int; let meanProbability: Double?; let minimum: Double?; let maximum: Double? }
            struct Scores: Encodable { let source: String; let scores: [Row] }
            var bytes = 0
            do {
                if summary {
                    let rows = try await engine.run(plan.summaryQuery(engine.dialect))
                    bytes = rows.bytesReceived
                    let n = Int(rows.integers(0).first ?? 0)
                    let result = Summary(source: engine.source, rows: n, meanProbability: n > 0 ? rows.doubles(1)[0] / Double(n) : nil,
                                         minimum: n > 0 ? rows.doubles(2)[0] : nil, maximum: n > 0 ? rows.doubles(3)[0] : nil)
                    var table = TextTable(headers: ["rows", "mean probability", "minimum", "maximum"], title: "Scores computed in \(engine.source)")
                    table.append(["\(n)", result.meanProbability.map(csvNumber) ?? "", result.minimum.map(csvNumber) ?? "",
                                  result.maximum.map(csvNumber) ?? ""])
                    try output.emit(json: result, table: [table])
                } else {
                    let scored = try await plan.fetch(on: engine)
                    bytes = scored.bytesReceived
                    let rows = scored.probabilities.indices.map { Row(key: key == nil ? nil : scored.keys[$0], probability: scored.probabilities[$0]) }
                    var table = TextTable(headers: [key ?? "row", "probability"], title: "Scores computed in \(engine.source)")
                    for (i, row) in rows.enumerated() { table.append([row.key ?? "\(i + 1)", csvNumber(row.probability)]) }
                    try output.emit(json: Scores(source: engine.source, scores: rows), table: [table])
                }
            } catch { await engine.close(); throw error }
            await engine.close()
            if timings { stopwatch.lap("engine (scoring) + output"); stopwatch.report(bytes: bytes) }
        }
    }

    /// `a,b,c` as column names (at least one, none empty).
    static func columns(_ list: String) throws -> [String] {
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains("") else { throw ValidationError("--features needs column names, comma-separated") }
        return names
    }
}
