import Foundation
import Testing
import SalesTestSupport

/// End-to-end runs of `saleskit funnel` and `saleskit winprob` on datasets/.
@Suite("saleskit funnel and winprob")
struct PipelineCommandTests {

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-\(UUID().uuidString)-\(name)").path
    }

    @Test("funnel --events: the contract's JSON keys; users per step equal ClickHouse's (Fixtures of SalesAnalyticsTests)")
    func eventFunnelJSON() throws {
        let result = try CLIRunner.run(["funnel", "--events", PackageFiles.dataset("events.csv"), "--steps", "visit,signup,trial,purchase",
                                        "--window", "7d", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        let steps = try #require(object["steps"] as? [[String: Any]])
        // ClickHouse 26.9 windowFunnel(604800) on datasets/events.csv (funnel_reference.json).
        #expect(steps.compactMap { $0["users"] as? Int } == [10000, 3942, 1982, 513])
        for step in steps {
            for key in ["name", "users", "conversionFromPrevious", "conversionFromFirst", "medianSecondsFromPrevious"] {
                #expect(step.keys.contains(key), "missing \(key)")
            }
        }
        #expect(object["version"] != nil)
        let strict = try CLIRunner.run(["funnel", "--events", PackageFiles.dataset("events.csv"), "--steps", "visit,signup,trial,purchase",
                                        "--mode", "strict-dedup", "--format", "json"])
        let dedup = try #require(try Self.json(strict.stdout)["steps"] as? [[String: Any]])
        #expect(dedup.compactMap { $0["users"] as? Int } == [10000, 3942, 1871, 452])
    }

    @Test("funnel --stage-history: stages with entered/advanced/medianDays and a bottleneck")
    func stageFunnelJSON() throws {
        let result = try CLIRunner.run(["funnel", "--stage-history", PackageFiles.dataset("stage_history.csv"),
                                        "--opportunities", PackageFiles.dataset("opportunities.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.first?["name"] as? String == "prospecting")
        #expect(stages.first?["entered"] as? Int == 3000)
        for key in ["name", "entered", "advanced", "medianDays"] { #expect(stages[0].keys.contains(key)) }
        #expect(object["bottleneck"] as? String == "proposal")
    }

    @Test("a bad row stops with exit 1 and FILE:LINE: column; --skip-invalid reports it and goes on")
    func badRows() throws {
        let path = Self.scratch("events.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "user_id,event,timestamp,extra\nU1,visit,2024-01-01T00:00:00Z,x\nU1,signup,yesterday,y\nU1,signup,2024-01-01T01:00:00Z,z\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let strict = try CLIRunner.run(["funnel", "--events", path, "--steps", "visit,signup"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("\(path):3: column \"timestamp\""), "\(strict.stderr)")
        let skipping = try CLIRunner.run(["funnel", "--events", path, "--steps", "visit,signup", "--skip-invalid", "--format", "json"])
        #expect(skipping.status == 0, "\(skipping.stderr)")
        #expect(skipping.stderr.contains(":3:"))
        let object = try Self.json(skipping.stdout)
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.first?["line"] as? Int == 3)
        #expect((object["steps"] as? [[String: Any]])?.compactMap { $0["users"] as? Int } == [1, 1])
    }

    @Test("unknown stage names exit 1 listing the known stages; --stage-map fixes them")
    func unknownStage() throws {
        let path = Self.scratch("stage_history.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "opportunity_id,stage,entered_at\nO1,prospecting,2024-01-01T00:00:00Z\nO1,Discovery,2024-01-03T00:00:00Z\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let failed = try CLIRunner.run(["funnel", "--stage-history", path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("unknown stage \"Discovery\"") && failed.stderr.contains("prospecting, qualification"))
        let mapped = try CLIRunner.run(["funnel", "--stage-history", path, "--stage-map", "Discovery=qualification"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
    }

    @Test("winprob train writes a model and the contract JSON; score prints csv with three drivers; explain and evaluate run")
    func winprob() throws {
        let model = Self.scratch("model.json")
        defer { try? FileManager.default.removeItem(atPath: model) }
        let train = try CLIRunner.run(["winprob", "train", "--opportunities", PackageFiles.dataset("opportunities.csv"),
                                       "--out", model, "--format", "json"])
        #expect(train.status == 0, "\(train.stderr)")
        let object = try Self.json(train.stdout)
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.first?["term"] as? String == "(Intercept)")
        for key in ["term", "estimate", "stdError", "pValue"] { #expect(coefficients[0].keys.contains(key)) }
        let cv = try #require(object["cv"] as? [String: Any])
        #expect(cv["auc"] is Double && cv["logLoss"] is Double && cv["brier"] is Double)

        let score = try CLIRunner.run(["winprob", "score", "--model", model, "--opportunities", PackageFiles.dataset("opportunities.csv"),
                                       "--format", "csv"])
        #expect(score.status == 0, "\(score.stderr)")
        let lines = score.stdout.split(separator: "\n")
        #expect(lines.first == "opportunity_id,probability,driver1,driver2,driver3")
        #expect(lines.count == 128)  // 127 open deals + header
        let explain = try CLIRunner.run(["winprob", "explain", "--model", model, "--opportunities", PackageFiles.dataset("opportunities.csv"),
                                         "--id", "OPP1", "--format", "json"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let explained = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(explained["opportunityId"] as? String == "OPP1" && explained["opportunity_id"] as? String == "OPP1")
        let scoredJSON = try CLIRunner.run(["winprob", "score", "--model", model, "--opportunities", PackageFiles.dataset("opportunities.csv"),
                                            "--format", "json"])
        let scored = try #require(try JSONSerialization.jsonObject(with: Data(scoredJSON.stdout.utf8)) as? [String: Any])
        let rows = try #require(scored["scores"] as? [[String: Any]])
        #expect(rows.count == 127 && rows.allSatisfy { $0["opportunityId"] is String && $0["opportunityId"] as? String == $0["opportunity_id"] as? String })
        let evaluate = try CLIRunner.run(["winprob", "evaluate", "--model", model, "--opportunities", PackageFiles.dataset("opportunities.csv")])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let missing = try CLIRunner.run(["winprob", "score", "--model", "/nonexistent/model.json",
                                         "--opportunities", PackageFiles.dataset("opportunities.csv")])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/model.json"))
    }
}
