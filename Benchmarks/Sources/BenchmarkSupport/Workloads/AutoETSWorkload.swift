import Foundation
import SalesKit

/// `autoets` (compare/WORKLOADS.md): `BatchForecast.forecast` with AutoETS (season 12, AICc over
/// the admissible family) on every series of the series file, 12-step point forecasts.
public enum AutoETSWorkload: Workload {
    public static let id = "autoets"

    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        guard let path = inputs.seriesPath else { throw BenchmarkError.usage("autoets needs --series FILE") }
        let (series, load) = try Stopwatch.time { () throws -> (ids: [String], values: [[Double]]) in
            let schema = CSVSchema([.init("unique_id", .category), .init("ds", .date), .init("y", .double)])
            let table = try CSVReader.read(file: path, schema: schema, options: BenchmarkSettings.readOptions).table
            let ids = try table.categories("unique_id"), days = try table.dates("ds").values
            let y = try table.doubles("y").values
            var rows = [[Int]](repeating: [], count: ids.levels.count)
            for i in 0..<table.rowCount { rows[Int(ids.codes[i])].append(i) }
            let order = ids.levels.indices.sorted { ids.levels[$0] < ids.levels[$1] }
            return (order.map { ids.levels[$0] },
                    order.map { k in rows[k].sorted { days[$0] < days[$1] }.map { y[$0] } })
        }
        let (results, compute) = Stopwatch.time {
            BatchForecast.forecast(series.values, seasonalPeriod: 12, horizon: 12, method: .autoETS, levels: [])
        }
        var totals: [Double] = []
        var failures = 0
        for result in results {
            switch result {
            case .success(let forecast): totals.append(forecast.mean.reduce(0, +))
            case .failure: failures += 1; totals.append(.nan)
            }
        }
        return WorkloadResult(loadSeconds: load, computeSeconds: compute,
                              answer: ["series": totals.count, "forecastTotals": totals.map { $0.isNaN ? 0 : $0 }],
                              extra: ["failures": failures])
    }
}
