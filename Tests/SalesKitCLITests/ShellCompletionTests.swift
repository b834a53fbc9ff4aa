import SalesTestSupport
import Testing

/// `saleskit --generate-completion-script SHELL` (argument-parser's generator) prints a script that
/// knows every subcommand, for each shell the README documents.
@Suite("shell completion scripts")
struct ShellCompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEverySubcommand(shell: String) throws {
        let r = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        for subcommand in ["demo", "generate", "validate", "kpi", "rfm", "clv", "cohort", "funnel", "winprob", "forecast", "report", "selftest"] {
            #expect(r.stdout.contains(subcommand), "\(shell) script lacks \(subcommand)")
        }
    }
}
