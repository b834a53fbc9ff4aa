import Foundation
import SalesAnalytics
import SalesData
import Testing
import SalesTestSupport

/// The win-model file format (version 2): a committed model file of the current version loads and
/// scores, its keys are the documented ones, and damaged or old files are refused with a reason.
///
/// `Fixtures/winmodel_v2.json` was written by
/// `saleskit winprob train --opportunities datasets/opportunities.csv --out Tests/SalesAnalyticsTests/Fixtures/winmodel_v2.json`
/// (default features, penalty, folds and seed). When the format changes, the version changes and a
/// new fixture is committed beside the old one's refusal test.
@Suite("Win-model files")
struct WinModelFileTests {
    static let fixture = AnalyticsFixtures.path("winmodel_v2.json")

    static func opportunities() throws -> Table {
        try ContractReader.read(.opportunities, file: PackageFiles.dataset("opportunities.csv")).table
    }

    static func fixtureObject() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the committed version-2 file loads, re-encodes to the same bytes and scores the sample")
    func committedFileLoads() throws {
        let model = try WinProbabilityModel.load(from: Self.fixture)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.fixture))
        #expect(try model.jsonData() == bytes.trimmingTrailingNewline())
        let scores = try model.score(try WinFeatures.addingDealAge(to: Self.opportunities(), asOf: model.training.asOf))
        #expect(!scores.scores.isEmpty && scores.scores.allSatisfy { $0.probability > 0 && $0.probability < 1 })
    }

    @Test("retraining with the same settings gives the committed coefficients")
    func retrainingMatchesTheFile() throws {
        let stored = try WinProbabilityModel.load(from: Self.fixture)
        let table = try WinFeatures.addingDealAge(to: Self.opportunities(), asOf: nil)
        let fresh = try WinProbabilityModel.train(opportunities: table)
        #expect(fresh.terms == stored.terms)
        #expect(fresh.encoding == stored.encoding)
        for (a, b) in zip(fresh.coefficients, stored.coefficients) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
        #expect(fresh.method == stored.method)
    }

    @Test("the file's keys are the documented ones")
    func documentedKeys() throws {
        let object = try Self.fixtureObject()
        #expect(Set(object.keys) == ["kind", "version", "terms", "coefficients", "standard_errors", "p_values", "method",
                                     "average_row", "design", "training", "cross_validation"])
        #expect(object["kind"] as? String == "saleskit.winprob" && object["version"] as? Int == 2)
        let design = try #require(object["design"] as? [String: Any])
        #expect(Set(design.keys) == ["intercept", "standardize", "unseen_levels", "features", "column_names",
                                     "column_feature", "centers", "scales"])
        let feature = try #require((design["features"] as? [[String: Any]])?.first)
        #expect(Set(feature.keys).isSubset(of: ["name", "term", "levels", "reference", "pooled_levels", "operand_features",
                                                "first_column", "column_count"]))
        let training = try #require(object["training"] as? [String: Any])
        #expect(Set(training.keys).isSubset(of: ["closed_deals", "fitted_deals", "wins", "losses", "log_likelihood",
                                                 "as_of", "notes"]))
    }

    @Test("old, foreign and damaged files are refused with the reason", arguments: [
        ("version 1", #"{"kind": "saleskit.winprob", "schemaVersion": 1}"#, "version 1 is not supported"),
        ("not a model", #"{"kind": "something.else", "version": 2}"#, "not a SalesKit win-probability model"),
        ("not JSON", "coefficients: 1, 2", "not JSON"),
    ])
    func refusals(name: String, text: String, expected: String) throws {
        #expect { _ = try WinProbabilityModel.model(fromJSON: Data(text.utf8), path: "m.json") } throws: {
            "\($0)".contains(expected) && "\($0)".contains("m.json")
        }
    }

    @Test("an internally inconsistent file is refused, not scored wrongly")
    func inconsistentFiles() throws {
        var object = try Self.fixtureObject()
        var design = try #require(object["design"] as? [String: Any])
        design["scales"] = Array((design["scales"] as? [Double] ?? []).dropLast())
        object["design"] = design
        let shortScales = try JSONSerialization.data(withJSONObject: object)
        #expect { _ = try WinProbabilityModel.model(fromJSON: shortScales) } throws: { "\($0)".contains("inconsistent model") }

        var fewer = try Self.fixtureObject()
        fewer["coefficients"] = Array((fewer["coefficients"] as? [Double] ?? []).dropLast())
        let shortCoefficients = try JSONSerialization.data(withJSONObject: fewer)
        #expect { _ = try WinProbabilityModel.model(fromJSON: shortCoefficients) } throws: { "\($0)".contains("coefficients") }

        var unknown = try Self.fixtureObject()
        unknown["method"] = ["name": "lasso"]
        let badMethod = try JSONSerialization.data(withJSONObject: unknown)
        #expect { _ = try WinProbabilityModel.model(fromJSON: badMethod) } throws: { "\($0)".contains("lasso") }
    }

    @Test("penalty and row selection parse from their written forms and back")
    func optionSpellings() {
        for text in ["automatic", "none", "firth", "l2=0.5"] {
            #expect(WinProbabilityModel.Penalty(text)?.description == text)
        }
        for bad in ["l2=0", "l2=-1", "l2=inf", "ridge", ""] { #expect(WinProbabilityModel.Penalty(bad) == nil) }
        #expect(WinProbabilityModel.RowSelection.allCases.map(\.rawValue) == ["open", "closed", "all"])
    }
}

extension Data {
    fileprivate func trimmingTrailingNewline() -> Data { last == 10 ? dropLast() : self }
}
