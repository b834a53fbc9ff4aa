import SalesTestSupport
import Foundation
import Testing

/// End-to-end runs of `saleskit generate` (the built binary).
@Suite("saleskit generate")
struct GenerateCommandTests {
    @Test func writesEveryFileSilentlyWhenStderrIsNotATerminal() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-generate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIRunner.run(["generate", "--seed", "3", "--customers", "50", "--opportunities", "40",
                                        "--users", "60", "--reps", "3", "--out", out])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty && result.stdout.isEmpty)
        for name in ["orders.csv", "customers.csv", "opportunities.csv", "stage_history.csv", "events.csv",
                     "marketing_spend.csv", "targets.csv", "surveys.csv", "truth.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let customers = try String(contentsOfFile: out + "/customers.csv", encoding: .utf8)
        #expect(customers.split(separator: "\n").count == 51)
    }

    @Test(arguments: [["--size", "huge"], ["--customers", "0"], ["--quota-period", "week"]])
    func badArgumentsAreUsageErrors(_ arguments: [String]) throws {
        let result = try CLIRunner.run(["generate", "--out", "/tmp/saleskit-never-written"] + arguments)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/saleskit-never-written/orders.csv"))
    }
}
