import Foundation
import SalesKit

/// `autoets` (compare/WORKLOADS.md): AutoETS (season 12, AICc over the admissible family) on every
/// series of the series file, 12-step point forecasts; per series the chosen model, its AICc (full
/// Gaussian likelihood) and its smoothing parameters [α, β, γ, φ] go into the answer so that
/// compare.py can tell a pick with a better criterion from a disagreement.
public enum AutoETSWorkload: Workload {
    public static let id = "autoets"

    /// Reads a series batch (`unique_id,ds,y`, WORKLOADS.md): one value array per series, series
    /// sorted by id and points by date (the autoets load step, also the suites').
    /// - Parameter path: The series file.
    /// - Returns: The ids and the values, in the same order.
    /// - Throws: `CSVError` / `TableError` from the reader.
    /// - Complexity: O(points log points).
    public static func readSeries(path: String) throws -> (ids: [String], values: [[Double]]) {
        let schema = CSVSchema([.init("unique_id", .category), .init("ds", .date), .init("y", .double)])
        let table = try CSVReader.read(file: path, schema: schema, options: BenchmarkSettings.readOptions).table
        let ids = try table.categories("unique_id"), days = try table.dates("ds").values
        let y = try table.doubles("y").values
        var rows = [[Int]](repeating: [], count: ids.levels.count)
        for i in 0..<table.rowCount { rows[Int(ids.codes[i])].append(i) }
        let order = ids.levels.indices.sorted { ids.levels[$0] < ids.levels[$1] }
        return (order.map { ids.levels[$0] }, order.map { k in rows[k].sorted { days[$0] < days[$1] }.map { y[$0] } })
    }

    /// Reads the series (load), selects and forecasts each by AutoETS (compute).
    /// - Parameter inputs: Inputs naming the series file.
    /// - Returns: Timings and `forecastTotals`, `models`, `aicc`, `parameters` per series.
    /// - Throws: `BenchmarkError.usage` without a series file; reader errors.
    /// - Complexity: O(series × candidate models × optimizer steps × length).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        guard let path = inputs.seriesPath else { throw BenchmarkError.usage("autoets needs --series FILE") }
        let (series, load) = try Stopwatch.time { try readSeries(path: path) }
        let (results, compute) = Stopwatch.time { () -> [Result<(AutoETS.Selection, [Double]), ForecastError>] in
            BatchForecast.selectAutoETS(series.values, seasonalPeriod: 12).map { result in
                result.flatMap { selection in
                    Result { () throws(ForecastError) in
                        do {
                            return (selection, try selection.best.forecast(horizon: 12, levels: []).mean)
                        } catch let error as ForecastError {
                            throw error
                        } catch {
                            throw ForecastError.fitFailed(model: selection.best.specification.description, reason: "\(error)")
                        }
                    }
                }
            }
        }
        var totals: [Double] = [], models: [String] = [], aicc: [Double] = [], parameters: [[Double]] = []
        var failures = 0
        for result in results {
            switch result {
            case .success(let (selection, mean)):
                totals.append(mean.reduce(0, +))
                models.append(selection.best.specification.code)
                aicc.append(selection.best.aicc)
                let p = selection.best.parameters
                parameters.append([p.alpha, p.beta, p.gamma, p.phi])
            case .failure:
                failures += 1
                totals.append(0); models.append(""); aicc.append(0); parameters.append([0, 0, 0, 0])
            }
        }
        if let detailsPath = inputs.detailsPath {
            try writeDetails(ids: series.ids, results: results, to: detailsPath)
        }
        return WorkloadResult(loadSeconds: load, computeSeconds: compute,
                              answer: ["series": totals.count, "forecastTotals": totals, "models": models, "aicc": aicc,
                                       "parameters": parameters],
                              extra: ["failures": failures])
    }

    /// One JSON object per series: chosen model, parameters, initial states, log-likelihood, AICc,
    /// every candidate's AICc, the forecast (the input of compare/analysis/autoets_disagreement.py).
    static func writeDetails(ids: [String], results: [Result<(AutoETS.Selection, [Double]), ForecastError>],
                             to path: String) throws {
        var rows: [[String: Any]] = []
        for (id, result) in zip(ids, results) {
            switch result {
            case .success(let (selection, mean)):
                let best = selection.best, p = best.parameters
                var candidates: [String: Double] = [:]
                for fit in selection.candidates { candidates[fit.specification.code] = fit.aicc }
                rows.append(["id": id, "model": best.specification.code, "aicc": best.aicc,
                             "logLikelihood": best.logLikelihood, "numberOfParameters": best.numberOfParameters,
                             "alpha": p.alpha, "beta": p.beta, "gamma": p.gamma, "phi": p.phi,
                             "initialLevel": p.initialLevel, "initialTrend": p.initialTrend,
                             "initialSeasonal": p.initialSeasonal, "iterations": best.iterations,
                             "candidates": candidates, "forecast": mean])
            case .failure(let error):
                rows.append(["id": id, "error": error.description])
            }
        }
        let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }
}
