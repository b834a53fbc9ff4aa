import Foundation
import SalesData
import SalesAnalytics
import SalesTestSupport
import Testing

/// `CombinedRevenueForecaster` gives what `saleskit forecast --orders … --opportunities …` printed before the
/// combination moved into the library (Fixtures/forecast_cli_*.json, made by Fixtures/forecast_cli.sh).
@Suite struct CombinedRevenueForecastTests {
    /// The parts of the CLI's JSON the library call decides.
    struct Printed: Decodable {
        struct Component: Decodable { var name: String; var mean: [Double] }
        struct Quota: Decodable { var quota: Double; var expected: Double; var probabilityOfMeeting: Double; var periods: [String] }
        struct Pipeline: Decodable { var asOf: String; var openDeals: Int; var expectedBeyondHorizon: Double }
        var kind: String
        var model: String
        var forecast: [[String: JSONValue]]
        var components: [Component]
        var notes: [String]
        var quota: Quota?
        var pipeline: Pipeline
    }

    /// A string or number cell of a forecast row.
    enum JSONValue: Decodable {
        case text(String), number(Double)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
        }
        var number: Double? { if case let .number(d) = self { d } else { nil } }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        // The same computation in the same order: only the last bits of a JSON round trip may differ.
        abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test(arguments: [("both", true, true, true, nil as Double?), ("combined", false, true, true, nil),
                      ("pipeline", false, true, false, 0.4), ("both_quota", true, false, true, 0.4)])
    func matchesThePrintedForecast(name: String, withOrders: Bool, withHistory: Bool, runRate: Bool, quota: Double?) throws {
        let printed = try AnalyticsFixtures.decode(Printed.self, fixture: "forecast_cli_\(name).json")
        let orders = withOrders ? try ForecastInputs.readOrders(PackageFiles.dataset("orders.csv")).orders : nil
        let deals = try ForecastInputs.readOpportunities(PackageFiles.dataset("opportunities.csv")).records
        let history = withHistory ? try ForecastInputs.readStageHistory(PackageFiles.dataset("stage_history.csv")).entries : nil
        // The CLI's defaults: --model auto, levels 80 and 95, 10,000 paths, seed 42.
        let options = CombinedRevenueForecastOptions(
            deals: PipelineForecastOptions(horizon: 3),
            orders: RevenueForecastOptions(horizon: 3, model: .auto, seed: 42),
            includeRunRate: runRate, quotaQuantile: quota)
        let result = try CombinedRevenueForecaster.forecast(orders: orders, opportunities: deals, stageHistory: history,
                                                            options: options)
        #expect(result.kind.rawValue == printed.kind)
        #expect(result.model == printed.model)
        #expect(result.notes + ["accuracy: none (deal forecasts are not backtested)"] == printed.notes)
        #expect(result.pipeline.asOf.description == printed.pipeline.asOf)
        #expect(result.pipeline.deals.count == printed.pipeline.openDeals)
        #expect(Self.close(result.pipeline.expectedBeyondHorizon, printed.pipeline.expectedBeyondHorizon))
        #expect(result.periods.count == printed.forecast.count)
        for (k, row) in printed.forecast.enumerated() where k < result.periods.count {
            guard case let .text(period)? = row["period"] else { Issue.record("row \(k) has no period"); continue }
            #expect(result.periods[k] == period)
            #expect(Self.close(result.forecast.mean[k], row["mean"]?.number ?? .nan), "mean \(period)")
            for band in result.forecast.intervals {
                let level = Int(band.level)
                #expect(Self.close(band.lower[k], row["lo\(level)"]?.number ?? .nan), "lo\(level) \(period)")
                #expect(Self.close(band.upper[k], row["hi\(level)"]?.number ?? .nan), "hi\(level) \(period)")
            }
        }
        #expect(result.components.map(\.name) == printed.components.map(\.name))
        for (mine, theirs) in zip(result.components, printed.components) {
            #expect(zip(mine.mean, theirs.mean).allSatisfy { Self.close($0, $1) }, "\(mine.name)")
        }
        #expect((result.quota == nil) == (printed.quota == nil))
        if let q = result.quota, let p = printed.quota {
            #expect(Self.close(q.quota, p.quota) && Self.close(q.expected, p.expected))
            #expect(q.probabilityOfMeeting == p.probabilityOfMeeting && q.periods == p.periods)
        }
    }

    @Test func anAsOfDayStartsBothStreamsInItsNextMonth() throws {
        let orders = try ForecastInputs.readOrders(PackageFiles.dataset("orders.csv")).orders
        let deals = try ForecastInputs.readOpportunities(PackageFiles.dataset("opportunities.csv")).records
        let asOf = try #require(Day(iso: "2024-10-31"))
        let result = try CombinedRevenueForecaster.forecast(
            orders: orders, opportunities: deals, asOf: asOf,
            options: CombinedRevenueForecastOptions(deals: PipelineForecastOptions(horizon: 2, paths: 500)))
        #expect(result.periods == ["2024-11", "2024-12"])
        #expect(result.pipeline.asOf == asOf)
        #expect(result.components.count == 3)
        for k in 0..<2 {
            let parts = result.components.reduce(0) { $0 + $1.mean[k] }
            #expect(abs(parts - result.forecast.mean[k]) <= 1e-6 * result.forecast.mean[k])
        }
    }
}
