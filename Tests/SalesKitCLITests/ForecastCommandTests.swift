import Foundation
import Testing
import SalesTestSupport

/// End-to-end `saleskit forecast`: exit codes, JSON keys of the CLI contract, and bad input.
@Suite struct ForecastCommandTests {
    static func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func json(_ r: CLIRunner.Result) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    /// Checks the contract keys: model, forecast[{period, mean, lo80, hi80, lo95, hi95}], accuracy.
    static func checkContract(_ j: [String: Any], horizon: Int) throws -> [[String: Any]] {
        #expect(j["model"] is String)
        #expect(j["version"] is String)
        #expect(j.keys.contains("accuracy"))
        let rows = try #require(j["forecast"] as? [[String: Any]])
        #expect(rows.count == horizon)
        for row in rows {
            for key in ["period", "mean", "lo80", "hi80", "lo95", "hi95"] { #expect(row[key] != nil, "missing \(key)") }
            if let lo = row["lo95"] as? Double, let hi = row["hi95"] as? Double, let m = row["mean"] as? Double {
                #expect(lo <= m && m <= hi)
            }
        }
        return rows
    }

    /// 36 months of a seasonal, trending positive series.
    static var monthlyText: String {
        var s = "period,value\n"
        for t in 0..<36 {
            let season = [0.85, 0.9, 1.0, 1.05, 1.0, 0.95, 0.9, 0.95, 1.05, 1.1, 1.2, 1.35][t % 12]
            let v = (500 + 8 * Double(t)) * season * (1 + 0.03 * Double((t * 5) % 7 - 3) / 3)
            s += String(format: "%04d-%02d,%.2f\n", 2022 + t / 12, t % 12 + 1, v)
        }
        return s
    }

    @Test func monthlySeriesWithBacktest() throws {
        let file = try Self.temporaryFile(Self.monthlyText)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "6", "--model", "ets", "--backtest", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        let rows = try Self.checkContract(j, horizon: 6)
        #expect(rows.first?["period"] as? String == "2025-01")
        #expect(j["accuracySource"] as? String == "backtest")
        let accuracy = try #require(j["accuracy"] as? [String: Any])
        for key in ["mape", "smape", "mase"] { #expect(accuracy[key] is Double, "accuracy.\(key)") }
        #expect((j["model"] as? String)?.hasPrefix("ETS(") == true)
    }

    @Test func seasonalRegressionWithBacktest() throws {
        let file = try Self.temporaryFile(Self.monthlyText)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "12", "--model", "regression", "--backtest",
                                   "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        let rows = try Self.checkContract(j, horizon: 12)
        #expect((j["model"] as? String)?.hasPrefix("regression(trend+season") == true)
        #expect(j["accuracySource"] as? String == "backtest")
        // The series peaks in December every year; a trend + monthly-dummies model must forecast that.
        let means = rows.compactMap { $0["mean"] as? Double }
        #expect(means.count == 12 && means.firstIndex(of: means.max() ?? 0) == 11)
    }

    @Test func quarterlySeriesInSample() throws {
        var text = "period,value\n"
        for q in 0..<16 { text += "\(2021 + q / 4)-Q\(q % 4 + 1),\(100 + q * 3 + [0, 10, -5, 20][q % 4])\n" }
        let file = try Self.temporaryFile(text)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "4", "--model", "snaive", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        let rows = try Self.checkContract(j, horizon: 4)
        #expect(rows.map { $0["period"] as? String } == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"])
        #expect(j["model"] as? String == "seasonal-naive")
        #expect(j["accuracySource"] as? String == "in-sample")
        // Seasonal naive repeats the last season: 2024 values are 100 + 3q + pattern for q = 12…15.
        #expect(rows.map { $0["mean"] as? Double } == [136, 149, 137, 165])
    }

    @Test func ordersRevenueForecast() throws {
        let orders = PackageFiles.root.appendingPathComponent("datasets/orders.csv").path
        let r = try CLIRunner.run(["forecast", "--orders", orders, "--horizon", "3", "--model", "ets", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        let rows = try Self.checkContract(j, horizon: 3)
        #expect(rows.first?["period"] as? String == "2025-01")
        #expect(j["kind"] as? String == "revenue")
    }

    @Test func opportunitiesCombinedForecast() throws {
        let root = PackageFiles.root.appendingPathComponent("datasets")
        let r = try CLIRunner.run(["forecast", "--opportunities", root.appendingPathComponent("opportunities.csv").path,
                                   "--stage-history", root.appendingPathComponent("stage_history.csv").path,
                                   "--horizon", "3", "--paths", "2000", "--quota-quantile", "0.4", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        _ = try Self.checkContract(j, horizon: 3)
        #expect(j["kind"] as? String == "combined")
        #expect(j["accuracy"] is NSNull)
        let pipeline = try #require(j["pipeline"] as? [String: Any])
        #expect(pipeline["asOf"] as? String == "2024-12-31")
        #expect(pipeline["openDeals"] as? Int == 127)
        #expect(pipeline["winRateSource"] as? String == "stage-history")
        let quota = try #require(j["quota"] as? [String: Any])
        #expect(quota["quota"] is Double)
        // Same seed, same numbers.
        let again = try CLIRunner.run(["forecast", "--opportunities", root.appendingPathComponent("opportunities.csv").path,
                                       "--stage-history", root.appendingPathComponent("stage_history.csv").path,
                                       "--horizon", "3", "--paths", "2000", "--quota-quantile", "0.4", "--format", "json"])
        #expect(again.stdout == r.stdout)
    }

    @Test func tableOutputForPeople() throws {
        let file = try Self.temporaryFile(Self.monthlyText)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "2", "--model", "drift"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Forecast: drift"))
        #expect(r.stdout.contains("2025-02"))
        #expect(r.stdout.contains("Accuracy (in-sample)"))
    }

    @Test func badInput() throws {
        // Missing period: exit 1 naming it; --fill-gaps zero forecasts and reports it.
        let gappy = try Self.temporaryFile("period,value\n2024-01,1\n2024-02,2\n2024-04,4\n2024-05,5\n")
        let r = try CLIRunner.run(["forecast", "--series", gappy, "--horizon", "2", "--model", "naive"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("2024-03"))
        let filled = try CLIRunner.run(["forecast", "--series", gappy, "--horizon", "2", "--model", "naive",
                                        "--fill-gaps", "zero", "--format", "json"])
        #expect(filled.status == 0, "\(filled.stderr)")
        let notes = try #require(try Self.json(filled)["notes"] as? [String])
        #expect(notes.contains { $0.contains("filled with 0: 2024-03") })
        // A bad value: strict stops with FILE:LINE, --skip-invalid reports it under "rejected".
        let badValue = try Self.temporaryFile("period,value\n2024-01,1\n2024-02,x\n2024-03,3\n2024-04,4\n")
        let strict = try CLIRunner.run(["forecast", "--series", badValue, "--horizon", "1", "--model", "naive"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(badValue):3: column \"value\""))
        let skip = try CLIRunner.run(["forecast", "--series", badValue, "--horizon", "1", "--model", "naive",
                                      "--skip-invalid", "--fill-gaps", "zero", "--format", "json"])
        #expect(skip.status == 0, "\(skip.stderr)")
        let rejected = try #require(try Self.json(skip)["rejected"] as? [[String: Any]])
        #expect(rejected.first?["line"] as? Int == 3)
        #expect(skip.stderr.contains("skipped"))
        // Non-positive values with a multiplicative model: a data error; AutoETS reports the exclusion.
        var text = Self.monthlyText
        text = text.replacingOccurrences(of: "2022-03,", with: "2022-03,-")
        let negative = try Self.temporaryFile(text)
        let mam = try CLIRunner.run(["forecast", "--series", negative, "--horizon", "2", "--model", "ets", "--ets-spec", "MAM"])
        #expect(mam.status == 1)
        #expect(mam.stderr.contains("strictly positive"))
        let auto = try CLIRunner.run(["forecast", "--series", negative, "--horizon", "2", "--model", "ets", "--format", "json"])
        #expect(auto.status == 0, "\(auto.stderr)")
        let autoNotes = try #require(try Self.json(auto)["notes"] as? [String])
        #expect(autoNotes.contains { $0.hasPrefix("excluded (data not strictly positive)") })
        // Usage errors: exit 2.
        #expect(try CLIRunner.run(["forecast", "--horizon", "2"]).status == 2)
        #expect(try CLIRunner.run(["forecast", "--series", gappy, "--horizon", "0"]).status == 2)
        #expect(try CLIRunner.run(["forecast", "--series", gappy, "--horizon", "2", "--model", "prophet"]).status == 2)
        #expect(try CLIRunner.run(["forecast", "--series", gappy, "--horizon", "2", "--level", "80,120"]).status == 2)
        // A series too short for its model: a clear data error.
        let tiny = try Self.temporaryFile("period,value\n2024-01,1\n2024-02,2\n")
        let snaive = try CLIRunner.run(["forecast", "--series", tiny, "--horizon", "2", "--model", "snaive"])
        #expect(snaive.status == 1)
        #expect(snaive.stderr.contains("needs at least 13"))
    }

    @Test func opportunityDomainChecks() throws {
        let file = try Self.temporaryFile("""
            opportunity_id,amount,created_date,close_date,stage,is_won
            X1,100,2024-01-01,2024-02-01,closed_won,1
            X2,-5,2024-01-01,2024-02-01,closed_won,1
            X3,100,2024-01-01,2024-02-03,closed_lost,0
            X4,100,2024-02-01,2024-12-01,prospecting,

            """)
        let strict = try CLIRunner.run(["forecast", "--opportunities", file, "--horizon", "1", "--pipeline-only"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(file):3: column \"amount\""))
        let skip = try CLIRunner.run(["forecast", "--opportunities", file, "--horizon", "1", "--pipeline-only",
                                      "--skip-invalid", "--as-of", "2024-02-29", "--format", "json"])
        #expect(skip.status == 0, "\(skip.stderr)")
        let j = try Self.json(skip)
        let rejected = try #require(j["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1 && rejected.first?["line"] as? Int == 3)
        // One open deal of 100 at prospecting; history X1 won, X3 lost → rate 1/2. Its age is 28 days and
        // both closed cycles (31, 33 days) are longer, so it closes on March 3 or 5: March = 100 · 1/2.
        let rows = try #require(j["forecast"] as? [[String: Any]])
        #expect(rows.first?["period"] as? String == "2024-03")
        #expect(rows.first?["mean"] as? Double == 50)
    }

    @Test func winScoresOverrideStageRates() throws {
        let file = try Self.temporaryFile("""
            opportunity_id,amount,created_date,close_date,stage,is_won
            X1,100,2024-01-01,2024-02-01,closed_won,1
            X3,100,2024-01-01,2024-02-03,closed_lost,0
            X4,100,2024-02-01,2024-12-01,prospecting,

            """)
        let scores = try Self.temporaryFile("opportunity_id,probability,driver1\nX4,0.2,amount\n")
        let r = try CLIRunner.run(["forecast", "--opportunities", file, "--win-scores", scores, "--horizon", "1",
                                   "--pipeline-only", "--as-of", "2024-02-29", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try Self.json(r)["forecast"] as? [[String: Any]])
        // The deal closes in March for sure (see opportunityDomainChecks); P(win) = 0.2 from the scores.
        #expect(rows.first?["mean"] as? Double == 20)
        let bad = try Self.temporaryFile("opportunity_id,probability\nX4,1.5\n")
        let e = try CLIRunner.run(["forecast", "--opportunities", file, "--win-scores", bad, "--horizon", "1", "--as-of", "2024-02-29"])
        #expect(e.status == 1)
        #expect(e.stderr.contains("win probability of X4"))
    }

    @Test func ordersGroupedByAColumn() throws {
        var text = "order_id,customer_id,order_date,amount,region\n"
        for t in 0..<24 {
            let month = String(format: "%04d-%02d", 2023 + t / 12, t % 12 + 1)
            text += "O\(2 * t),C1,\(month)-05,\(100 + t),emea\n"
            text += "O\(2 * t + 1),C2,\(month)-28,\(50 + 2 * t),apac\n"
        }
        let file = try Self.temporaryFile(text)
        let r = try CLIRunner.run(["forecast", "--orders", file, "--group-by", "region", "--horizon", "2",
                                   "--model", "drift", "--as-of", "2024-12-31", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        _ = try Self.checkContract(j, horizon: 2)
        let groups = try #require(j["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["apac", "emea"])
        // Drift on a straight line continues it: emea 100 + t, apac 50 + 2t, t = 24, 25; total 150 + 3t.
        let emea = try #require(groups[1]["forecast"] as? [[String: Any]])
        #expect(emea.map { $0["mean"] as? Double } == [124, 125])
        let total = try #require(j["forecast"] as? [[String: Any]])
        #expect(total.map { $0["mean"] as? Double } == [222, 225])
        #expect(try CLIRunner.run(["forecast", "--series", file, "--group-by", "region", "--horizon", "2"]).status == 2)
    }

    @Test func unknownStagesNeedAMapping() throws {
        let file = try Self.temporaryFile("""
            opportunity_id,amount,created_date,close_date,stage,is_won
            X1,100,2024-01-01,2024-02-01,Won,1
            X3,100,2024-01-01,2024-02-03,closed_lost,0
            X4,100,2024-02-01,2024-12-01,prospecting,

            """)
        let unknown = try CLIRunner.run(["forecast", "--opportunities", file, "--horizon", "1", "--as-of", "2024-02-29"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown stage \"Won\""))
        let mapped = try CLIRunner.run(["forecast", "--opportunities", file, "--horizon", "1", "--as-of", "2024-02-29",
                                        "--stage-map", "Won=closed_won", "--pipeline-only", "--format", "json"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        let rows = try #require(try Self.json(mapped)["forecast"] as? [[String: Any]])
        #expect(rows.first?["mean"] as? Double == 50)
    }
}

/// `saleskit forecast --series long.csv`: one row per series × step, failures per series.
@Suite struct ForecastBatchCommandTests {
    static var longText: String {
        var s = "series_id,period,value\n"
        for id in ["x", "y"] {
            for t in 0..<30 {
                let wiggle: [Double] = [3, -1, 2, 5, -4, 0, 1, -2, 3, 4, -3, 2]
                let base: Double = id == "x" ? 100 : 40
                let v: Double = base + 2 * Double(t) + wiggle[t % 12]
                s += String(format: "%@,%04d-%02d,%.1f\n", id, 2022 + t / 12, t % 12 + 1, v)
            }
        }
        s += "z,2024-01,7\nz,2024-02,7\nz,2024-03,7\n"
        return s
    }

    @Test func csvRowsPerSeriesAndStep() throws {
        let file = try ForecastCommandTests.temporaryFile(Self.longText)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "4", "--model", "arima", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("series_id,period,model,mean,lo-80,hi-80,lo-95,hi-95") == true)
        #expect(lines.filter { $0.hasPrefix("x,") }.count == 4)
        #expect(lines.filter { $0.hasPrefix("y,") }.count == 4)
        #expect(lines.contains { $0.hasPrefix("z,,failed") })
        #expect(r.stderr.contains("series z"))
    }

    @Test func jsonReportsModelAndWhy() throws {
        let file = try ForecastCommandTests.temporaryFile(Self.longText)
        let r = try CLIRunner.run(["forecast", "--series", file, "--horizon", "3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try ForecastCommandTests.json(r)
        #expect(j["kind"] as? String == "series-batch")
        let series = try #require(j["series"] as? [[String: Any]])
        #expect(series.count == 3)
        #expect((series[0]["forecast"] as? [Any])?.count == 3)
        #expect(series[0]["reason"] is String)
        #expect(series[2]["failure"] is String)
        #expect(j["failures"] as? Int == 1)
    }

    @Test func helpListsEveryModel() throws {
        let r = try CLIRunner.run(["forecast", "--help"])
        for name in ["regression", "arima", "theta", "combination"] { #expect(r.stdout.contains(name), "\(name)") }
    }
}
