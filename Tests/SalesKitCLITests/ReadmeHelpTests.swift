import Foundation
import SalesTestSupport
import Testing

/// The README's command table and its "every command takes" sentence say what `--help` prints: every
/// command, subcommand, flag and listed flag value in the table exists in that command's help, every
/// command in `saleskit --help` is in the table, and the shared options are on every command that
/// reads or writes.
@Suite("README matches --help")
struct ReadmeHelpTests {
    /// One `saleskit …` usage from the table: the command path and the flags with their listed values.
    struct Usage: CustomStringConvertible {
        var path: [String]
        var flags: [String: [String]]
        var description: String { "saleskit " + path.joined(separator: " ") }
    }

    static let readme: String = (try? String(contentsOfFile: PackageFiles.path("README.md"), encoding: .utf8)) ?? ""

    /// The rows of the table under "## Commands".
    static var tableRows: [String] {
        guard let start = readme.range(of: "## Commands") else { return [] }
        let section = readme[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        return section[..<end].split(separator: "\n").map(String.init).filter { $0.hasPrefix("| `saleskit") }
    }

    /// Every backticked `saleskit …` usage in the first cell of each row, with `a|b` subcommand
    /// alternatives expanded.
    static var usages: [Usage] {
        var out: [Usage] = []
        for row in tableRows {
            // The first cell ends at the first " | " outside backticks.
            var first = "", inCode = false
            for ch in row.dropFirst(1) {
                if ch == "`" { inCode.toggle() }
                if ch == "|" && !inCode && !first.isEmpty && first.last != "\\" { break }
                first.append(ch)
            }
            for code in first.split(separator: "`").enumerated().filter({ $0.offset % 2 == 1 }).map({ String($0.element) }) {
                let tokens = code.replacingOccurrences(of: "\\|", with: "|").split(separator: " ").map(String.init)
                var path: [String] = []
                var flags: [String: [String]] = [:]
                // A usage without `saleskit` continues the previous one's command (`… / --stage-history F`).
                if tokens.first != "saleskit", let previous = out.last { path = previous.path }
                var i = tokens.first == "saleskit" ? 1 : 0
                while i < tokens.count, !tokens[i].hasPrefix("-"), !tokens[i].hasPrefix("["), tokens[i].lowercased() == tokens[i],
                      tokens[i] != "..." {
                    path.append(tokens[i]); i += 1
                }
                var lastFlag: String? = nil
                for raw in tokens[i...] {
                    let token = raw.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    if token.hasPrefix("--") {
                        lastFlag = token
                        flags[token, default: []] = []
                    } else if let flag = lastFlag, token.contains("|") {
                        flags[flag] = token.split(separator: "|").map(String.init)
                        lastFlag = nil
                    } else {
                        lastFlag = nil
                    }
                }
                let alternatives = path.last?.contains("|") == true ? path.removeLast().split(separator: "|").map(String.init) : [nil]
                for alternative in alternatives {
                    out.append(Usage(path: path + (alternative.map { [$0] } ?? []), flags: flags))
                }
            }
        }
        return out
    }

    static func help(_ path: [String]) throws -> String {
        let result = try CLIRunner.run(path + ["--help"])
        return result.stdout + result.stderr
    }

    @Test("the table lists usages")
    func tableIsParsed() {
        #expect(Self.usages.count >= 15, "parsed \(Self.usages)")
    }

    @Test("every flag and listed value in the README table is in the command's --help")
    func flagsExist() throws {
        for usage in Self.usages {
            let help = try Self.help(usage.path)
            #expect(!help.contains("Error:"), "\(usage): \(help.prefix(200))")
            for (flag, values) in usage.flags {
                #expect(help.contains(flag), "\(usage): README lists \(flag), --help does not")
                for value in values where !value.isEmpty && value != "…" {
                    #expect(help.contains(value), "\(usage) \(flag): README lists value \(value), --help does not")
                }
            }
        }
    }

    @Test("every command in saleskit --help is in the README table")
    func commandsAreListed() throws {
        let help = try Self.help([])
        guard let section = help.range(of: "SUBCOMMANDS:") else { Issue.record("no SUBCOMMANDS in help"); return }
        let names = help[section.upperBound...].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.dropFirst(2).first?.isLowercase == true else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(names.count >= 10)
        let listed = Set(Self.usages.compactMap(\.path.first))
        for name in names where name != "help" { #expect(listed.contains(name), "saleskit \(name) is not in the README table") }
    }

    @Test("the options the README says every command takes are on every command that reads or writes")
    func sharedOptions() throws {
        #expect(Self.readme.contains("Every command that reads CRM files"))
        for usage in Self.usages where !["demo", "generate", "selftest", "report"].contains(usage.path.first ?? "") {
            let help = try Self.help(usage.path)
            for option in ["--format", "--output", "--map"] {
                #expect(help.contains(option), "\(usage) lacks \(option)")
            }
        }
        for command in [["report"], ["demo"]] {
            let help = try Self.help(command)
            #expect(help.contains("--output") && help.contains("--format"), "\(command) lacks --output/--format")
        }
    }
}
