import Foundation
import Testing
import SalesTestSupport

/// `winprob`'s typed options are checked by the argument parser before any file is read, and a
/// scored id spelled `NA` survives the CSV round trip.
@Suite("saleskit winprob options")
struct WinprobOptionTests {

    @Test("a bad --penalty or --rows is a usage error before the model or the CSV is opened", arguments: [
        ["winprob", "train", "--opportunities", "/nonexistent.csv", "--out", "/nonexistent/m.json", "--penalty", "l2=0"],
        ["winprob", "train", "--opportunities", "/nonexistent.csv", "--out", "/nonexistent/m.json", "--penalty", "lasso"],
        ["winprob", "score", "--model", "/nonexistent/m.json", "--opportunities", "/nonexistent.csv", "--rows", "won"],
    ])
    func usageErrorsComeFirst(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(!result.stderr.contains("nonexistent"), "\(result.stderr)")
        #expect(result.stderr.contains("--penalty") || result.stderr.contains("--rows"))
    }

    @Test("score --format csv: full-precision probabilities; an opportunity id NA reads back as NA")
    func scoreCSVRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("winprob-na-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.json").path
        let train = try CLIRunner.run(["winprob", "train", "--opportunities", PackageFiles.dataset("opportunities.csv"), "--out", model])
        #expect(train.status == 0, "\(train.stderr)")
        // One open deal renamed to the id "NA" (quoted, so it is a value, not a missing token).
        let original = try String(contentsOfFile: PackageFiles.dataset("opportunities.csv"), encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let open = try #require(lines.indices.dropFirst().first { lines[$0].contains(",prospecting,") })
        lines[open] = "\"NA\"" + lines[open].drop { $0 != "," }
        let edited = directory.appendingPathComponent("opps.csv").path
        try lines.joined(separator: "\n").write(toFile: edited, atomically: true, encoding: .utf8)
        let score = try CLIRunner.run(["winprob", "score", "--model", model, "--opportunities", edited, "--format", "csv"])
        #expect(score.status == 0, "\(score.stderr)")
        let rows = score.stdout.split(separator: "\n").map(String.init)
        let na = try #require(rows.first { $0.hasPrefix("\"NA\",") }, "no quoted NA row in \(rows.prefix(3))")
        let probability = try #require(Double(na.split(separator: ",")[1]))
        #expect(probability > 0 && probability < 1)
        #expect(rows.dropFirst().contains { $0.split(separator: ",")[1].count > 10 }, "probabilities should be full precision")
    }
}
