import Foundation
import Testing
import SalesTestSupport

/// `--parallelism N`: the same output whatever the worker count, and N ≥ 1 checked before any
/// file is read.
@Suite("--parallelism")
struct ParallelismOptionTests {
    /// Orders of 25,000 generated customers (about 150,000 rows: more than two 65,536-row chunks,
    /// so the group-bys really are cut differently at 1 and at 3 workers).
    static let orders: String? = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-parallelism-\(UUID().uuidString)").path
        guard let r = try? CLIRunner.run(["generate", "--size", "small", "--customers", "25000", "--opportunities", "0",
                                          "--users", "0", "--accounts", "1", "--seed", "7", "--out", out, "--quiet"]),
              r.status == 0 else { return nil }
        return out + "/orders.csv"
    }()

    @Test(arguments: [["rfm", "--format", "csv"], ["rfm", "--format", "json", "--stream"],
                      ["cohort", "--format", "csv"], ["cohort", "--format", "json", "--period", "week"]])
    func ordersCommandsGiveTheSameOutput(_ arguments: [String]) throws {
        let orders = try #require(Self.orders, "saleskit generate failed")
        let base = [arguments[0], "--orders", orders] + arguments.dropFirst()
        let standard = try CLIRunner.run(base)
        #expect(standard.status == 0, "\(standard.stderr)")
        #expect(standard.stdout.count > 1000)
        for n in ["1", "3"] {
            let other = try CLIRunner.run(base + ["--parallelism", n])
            #expect(other.status == 0, "\(other.stderr)")
            #expect(other.stdout == standard.stdout, "--parallelism \(n) differs from the default")
        }
    }

    @Test func seriesBatchForecastGivesTheSameOutput() throws {
        let file = try ForecastCommandTests.temporaryFile(ForecastBatchCommandTests.longText)
        let base = ["forecast", "--series", file, "--horizon", "4", "--format", "json"]
        let standard = try CLIRunner.run(base)
        #expect(standard.status == 0, "\(standard.stderr)")
        let serial = try CLIRunner.run(base + ["--parallelism", "1"])
        #expect(serial.status == 0, "\(serial.stderr)")
        #expect(serial.stdout == standard.stdout)
    }

    @Test(arguments: [["rfm", "--orders"], ["cohort", "--orders"], ["forecast", "--horizon", "2", "--series"]])
    func zeroIsAUsageErrorBeforeAnyFileIsRead(_ command: [String]) throws {
        let r = try CLIRunner.run(command + ["/nonexistent/never-read.csv", "--parallelism", "0"])
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("--parallelism must be at least 1"))
        #expect(!r.stderr.contains("never-read"))
    }

    @Test func generateTakesItToo() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-parallelism-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let serial = try CLIRunner.run(["generate", "--seed", "3", "--customers", "50", "--opportunities", "40",
                                        "--users", "60", "--reps", "3", "--out", out + "/1", "--parallelism", "1"])
        let standard = try CLIRunner.run(["generate", "--seed", "3", "--customers", "50", "--opportunities", "40",
                                          "--users", "60", "--reps", "3", "--out", out + "/d"])
        #expect(serial.status == 0 && standard.status == 0)
        for name in ["orders.csv", "opportunities.csv", "events.csv"] {
            #expect(try String(contentsOfFile: out + "/1/" + name, encoding: .utf8)
                    == String(contentsOfFile: out + "/d/" + name, encoding: .utf8), "\(name) differs")
        }
    }
}
