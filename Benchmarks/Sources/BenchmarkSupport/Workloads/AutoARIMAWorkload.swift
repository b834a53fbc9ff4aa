import Foundation
import SalesKit

/// `autoarima` (compare/WORKLOADS.md): AutoARIMA (season 12, Hyndman–Khandakar stepwise search by
/// AICc) on every series of the series file, 12-step point forecasts; per series the chosen order,
/// whether it has a constant (mean or drift) and its AICc go into the answer so that compare.py can
/// tell a pick with a better criterion from a disagreement.
public enum AutoARIMAWorkload: Workload {
    public static let id = "autoarima"

    /// Reads the series (load, as ``AutoETSWorkload/readSeries(path:)``), selects and forecasts each
    /// by AutoARIMA (compute).
    /// - Parameter inputs: Inputs naming the series file.
    /// - Returns: Timings and `forecastTotals`, `orders` ([p, d, q, P, D, Q]), `constant`, `aicc` per series.
    /// - Throws: `BenchmarkError.usage` without a series file; reader errors.
    /// - Complexity: O(series × searched models × Kalman steps).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        guard let path = inputs.seriesPath else { throw BenchmarkError.usage("autoarima needs --series FILE") }
        let (series, load) = try Stopwatch.time { try AutoETSWorkload.readSeries(path: path) }
        let (results, compute) = Stopwatch.time { () -> [Result<(AutoARIMA.Selection, [Double]), any Error>] in
            BatchForecast.selectAutoARIMA(series.values, seasonalPeriod: 12).map { result in
                Result { () throws -> (AutoARIMA.Selection, [Double]) in
                    let selection = try result.get()
                    return (selection, try selection.best.forecast(horizon: 12, levels: []).mean)
                }
            }
        }
        var totals: [Double] = [], orders: [[Int]] = [], constant: [Bool] = [], aicc: [Double] = []
        var models: [String] = []
        var failures = 0
        for result in results {
            switch result {
            case .success(let (selection, mean)):
                let best = selection.best, o = best.order
                totals.append(mean.reduce(0, +))
                orders.append([o.p, o.d, o.q, o.seasonalP, o.seasonalD, o.seasonalQ])
                constant.append(best.constant != nil)
                aicc.append(best.aicc)
                models.append(best.name)
            case .failure:
                failures += 1
                totals.append(0); orders.append([]); constant.append(false); aicc.append(0); models.append("")
            }
        }
        return WorkloadResult(loadSeconds: load, computeSeconds: compute,
                              answer: ["series": totals.count, "forecastTotals": totals, "orders": orders,
                                       "constant": constant, "aicc": aicc, "models": models],
                              extra: ["failures": failures])
    }
}
