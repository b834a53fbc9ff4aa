import SalesTestSupport
import Foundation
import Testing

@Suite("saleskit basics")
struct VersionTests {
    @Test func printsVersion() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.2.0")
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let result = try CLIRunner.run(["no-such-command"])
        #expect(result.status == 2)  // CLI contract: 2 = usage error
        #expect(!result.stderr.isEmpty)
    }
}
