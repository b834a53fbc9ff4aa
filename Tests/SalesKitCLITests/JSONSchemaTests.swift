import Foundation
import Testing
import SalesTestSupport

/// Every command's JSON output validates against its committed schema
/// (Sources/SalesKitCLI/Schemas/*.schema.json), on the sample data and on small edge inputs.
@Suite("JSON output against the committed schemas")
struct JSONSchemaTests {
    /// One command run and the schema its output must satisfy.
    struct Run: CustomStringConvertible, Sendable {
        var schema: String
        var arguments: [String]
        var description: String { arguments.prefix(3).joined(separator: " ") + " → \(schema)" }
    }

    static func data(_ name: String) -> String { PackageFiles.root.appendingPathComponent("datasets/\(name)").path }
    static func fixture(_ path: String) -> String { PackageFiles.root.appendingPathComponent(path).path }
    static let cdnow = fixture("Tests/SalesAnalyticsTests/Fixtures/cdnow_sample_transactions.csv")
    static let tiny = fixture("Tests/SalesAnalyticsTests/Fixtures/tiny_orders.csv")

    static let runs: [Run] = [
        Run(schema: "selftest", arguments: ["selftest", "nist"]),
        Run(schema: "validate", arguments: ["validate", data("orders.csv"), "--kind", "orders"]),
        Run(schema: "validate", arguments: ["validate", data("opportunities.csv"), "--kind", "opportunities"]),
        Run(schema: "kpi", arguments: ["kpi", "--orders", data("orders.csv")]),
        Run(schema: "kpi", arguments: ["kpi", "--orders", tiny]),
        Run(schema: "kpi", arguments: ["kpi", "--orders", data("orders.csv"), "--opportunities", data("opportunities.csv"),
                                       "--targets", data("targets.csv"), "--spend", data("marketing_spend.csv"),
                                       "--customers", data("customers.csv"), "--surveys", data("surveys.csv")]),
        Run(schema: "rfm", arguments: ["rfm", "--orders", data("orders.csv"), "--as-of", "2024-12-31"]),
        Run(schema: "rfm", arguments: ["rfm", "--orders", tiny, "--as-of", "2024-12-31"]),
        Run(schema: "clv", arguments: ["clv", "--orders", cdnow, "--map", "order_date=date",
                                       "--calibration-end", "1997-09-30", "--unit", "week"]),
        Run(schema: "cohort", arguments: ["cohort", "--orders", data("orders.csv")]),
        Run(schema: "cohort", arguments: ["cohort", "--orders", tiny, "--period", "week"]),
        Run(schema: "funnel-events", arguments: ["funnel", "--events", data("events.csv"), "--steps", "visit,signup,trial,purchase",
                                                 "--window", "7d"]),
        Run(schema: "funnel-stages", arguments: ["funnel", "--stage-history", data("stage_history.csv"),
                                                 "--opportunities", data("opportunities.csv")]),
        Run(schema: "forecast", arguments: ["forecast", "--orders", data("orders.csv"), "--horizon", "6"]),
        Run(schema: "forecast", arguments: ["forecast", "--opportunities", data("opportunities.csv"),
                                            "--stage-history", data("stage_history.csv"), "--horizon", "3"]),
        Run(schema: "report", arguments: ["report", "--orders", tiny, "--quiet"]),
    ]

    static func validator(_ name: String) throws -> JSONSchemaValidator {
        let url = PackageFiles.root.appendingPathComponent("Sources/SalesKitCLI/Schemas/\(name).schema.json")
        return try JSONSchemaValidator(schema: try Data(contentsOf: url))
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: runs)
    func outputMatchesItsSchema(_ run: Run) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = run.arguments + ["--format", "json"]
        if run.schema == "report" { arguments += ["--output", directory.appendingPathComponent("r.html").path] }
        let r = try CLIRunner.run(arguments, in: directory)
        #expect(r.status == 0, "\(r.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        let violations = try Self.validator(run.schema).violations(of: document)
        #expect(violations.isEmpty, "\(run): \(violations.prefix(10))")
    }

    @Test func winprobOutputsMatchTheirSchemas() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("model.json").path
        let opportunities = Self.data("opportunities.csv")
        let train = try CLIRunner.run(["winprob", "train", "--opportunities", opportunities, "--out", model, "--format", "json"])
        #expect(train.status == 0, "\(train.stderr)")
        let open = try String(contentsOfFile: opportunities, encoding: .utf8).split(separator: "\n").dropFirst()
            .first { !$0.contains(",closed_") }.map { String($0.prefix { $0 != "," }) }
        let id = try #require(open)
        let runs: [(String, CLIRunner.Result)] = [
            ("winprob-train", train),
            ("winprob-evaluate", try CLIRunner.run(["winprob", "evaluate", "--model", model, "--opportunities", opportunities, "--format", "json"])),
            ("winprob-score", try CLIRunner.run(["winprob", "score", "--model", model, "--opportunities", opportunities, "--format", "json"])),
            ("winprob-explain", try CLIRunner.run(["winprob", "explain", "--model", model, "--opportunities", opportunities,
                                                   "--id", id, "--format", "json"])),
        ]
        for (schema, r) in runs {
            #expect(r.status == 0, "\(schema): \(r.stderr)")
            let violations = try Self.validator(schema).violations(of: try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)))
            #expect(violations.isEmpty, "\(schema): \(violations.prefix(10))")
        }
    }

    /// The validator finds each kind of violation it claims to check.
    @Test func validatorCatchesViolations() throws {
        let schema = """
        {"type": "object", "required": ["a", "b"], "properties": {
          "a": {"type": ["number", "null"], "minimum": 0},
          "b": {"type": "array", "items": {"type": "object", "required": ["k"], "properties": {"k": {"type": "string", "enum": ["x", "y"]}}}},
          "c": {"$ref": "#/$defs/flag"}}, "$defs": {"flag": {"type": "boolean"}}}
        """
        let validator = try JSONSchemaValidator(schema: Data(schema.utf8))
        func check(_ json: String) throws -> [String] { validator.violations(of: try JSONSerialization.jsonObject(with: Data(json.utf8))) }
        #expect(try check(#"{"a": 1, "b": [{"k": "x"}], "c": true}"#).isEmpty)
        #expect(try check(#"{"a": null, "b": []}"#).isEmpty)
        #expect(try check(#"{"a": "1", "b": []}"#) == [#"/a: string where number or null is expected"#])
        #expect(try check(#"{"a": -1, "b": []}"#) == ["/a: -1 < 0.0"])
        #expect(try check(#"{"b": []}"#) == [#"/: required key "a" is missing"#])
        #expect(try check(#"{"a": 1, "b": [{"k": "z"}]}"#).count == 1)
        #expect(try check(#"{"a": 1, "b": [{}]}"#) == [#"/b/0: required key "k" is missing"#])
        #expect(try check(#"{"a": 1, "b": [], "c": 1}"#) == ["/c: number where boolean is expected"])
        #expect(throws: JSONSchemaValidator.UnsupportedKeyword.self) {
            try JSONSchemaValidator(schema: Data(#"{"type": "object", "patternProperties": {}}"#.utf8))
        }
    }
}
