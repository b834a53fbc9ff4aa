import Foundation
import SalesTestSupport
import Testing

/// A reader that stops early (`saleskit … | head -1`) ends the output quietly: exit 0, no crash.
@Suite("Output into a closed pipe")
struct BrokenPipeTests {
    @Test("rfm --format csv | head -1 exits 0 without a crash report", arguments: [["rfm"], ["cohort"]])
    func headClosesThePipe(command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let binary = CLIRunner.executable.path
        let orders = PackageFiles.dataset("orders.csv")
        process.arguments = ["-c", "set -o pipefail; '\(binary)' \(command.joined(separator: " ")) --orders '\(orders)' --format csv 2>/tmp/saleskit-pipe-err-$$ | head -c 10 >/dev/null; status=$?; cat /tmp/saleskit-pipe-err-$$ >&2; rm -f /tmp/saleskit-pipe-err-$$; exit $status"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "exit \(process.terminationStatus): \(stderr)")
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Crash"), "\(stderr)")
    }
}
