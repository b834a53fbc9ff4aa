import SalesTestSupport
import Foundation
import Testing
@testable import SalesKitCLI

@Suite("saleskit selftest nist")
struct SelftestTests {
    /// The same bar as the library's NIST test: ≥ 10 correct digits for the lower/average sets and
    /// Longley, ≥ 7 for Filip and Wampler1–5 (LRE against NIST's certified values).
    static func bar(_ name: String) -> Double {
        name == "Filip" || name.hasPrefix("Wampler") ? 7 : 10
    }

    @Test func jsonHasTheContractKeysAndMeetsTheBar() throws {
        let result = try CLIRunner.run(["selftest", "nist", "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "0.2.0")
        let mean = try #require(object["meanLRE"] as? Double)
        #expect(mean >= 10)
        let datasets = try #require(object["datasets"] as? [[String: Any]])
        #expect(datasets.count == 11)
        for dataset in datasets {
            let name = try #require(dataset["name"] as? String)
            #expect(["lower", "average", "higher"].contains(dataset["difficulty"] as? String ?? ""))
            let minLRE = try #require(dataset["minLRE"] as? Double)
            #expect(minLRE >= Self.bar(name), "\(name): minLRE \(minLRE)")
        }
    }

    @Test func tableAndCSVListEveryDataset() throws {
        let table = try CLIRunner.run(["selftest", "nist"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Wampler5") && table.stdout.contains("min LRE"))
        let csv = try CLIRunner.run(["selftest", "nist", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 13)   // header, 11 datasets, mean
        #expect(lines.first?.hasPrefix("dataset,difficulty,n,p,method") == true)
    }

    @Test func unknownMethodIsAUsageError() throws {
        let result = try CLIRunner.run(["selftest", "nist", "--method", "svd"])
        #expect(result.status == 2)
    }

    /// The embedded copy must be the fixture the library tests use (regenerate it when that changes;
    /// the command is in NISTReferenceData.swift's header). The copy is laid out one dataset a line,
    /// so it is compared token for token (the same characters once white space is removed, every
    /// number written as in the fixture) and as a parsed JSON value.
    @Test func embeddedDataEqualsTheFixture() throws {
        let fixture = FixtureDirectory("SalesNumericsTests").url("nist-strd-lls.json")
        let text = try String(contentsOf: fixture, encoding: .utf8)
        #expect(NISTReferenceData.json.filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
        let embedded = try JSONSerialization.jsonObject(with: Data(NISTReferenceData.json.utf8)) as? NSDictionary
        let original = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        #expect(embedded != nil && embedded == original)
    }
}
