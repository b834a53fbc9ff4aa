import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SalesTestSupport

/// `saleskit demo` and `saleskit report` end to end: exit codes, the tour on stdout, and the HTML
/// file's inline SVG charts parsed as XML.
@Suite("saleskit report and demo end to end")
struct ReportCommandTests {

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every `<svg>…</svg>` of the HTML, parsed as its own XML document.
    static func charts(in html: String) throws -> [XMLDocument] {
        var documents: [XMLDocument] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            documents.append(try XMLDocument(xmlString: String(rest[start.lowerBound..<end.upperBound]), options: []))
            rest = rest[end.upperBound...]
        }
        return documents
    }

    static func title(_ document: XMLDocument) -> String {
        (try? document.nodes(forXPath: "/*[local-name()='svg']/*[local-name()='title']").first?.stringValue) ?? ""
    }

    static func count(_ document: XMLDocument, _ xpath: String) -> Int {
        (try? document.nodes(forXPath: xpath).count) ?? -1
    }

    @Test func demoWritesEveryChart() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("r.html").path
        let datasets = PackageFiles.root.appendingPathComponent("datasets").path
        let r = try CLIRunner.run(["demo", "--datasets", datasets, "--out", out], in: directory)
        #expect(r.status == 0, "\(r.stderr)")
        // The tour names every analysis.
        for text in ["Headline KPIs", "Top RFM segments", "Revenue forecast (ETS(", "next 6 months", "2025-06", "Win model:", "cross-validated AUC", "Pipeline funnel:",
                     "Product funnel: visit 10,000", "Top reps by wins above expected", "Report: \(out)"] {
            #expect(r.stdout.contains(text), "tour lacks \(text)")
        }
        // stderr is not a terminal here: no progress lines.
        #expect(!r.stderr.contains("[1/"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: no scripts, no external resources.
        for forbidden in ["<script", "https://", "<link", "src=", "url("] {
            #expect(!html.contains(forbidden), "report contains \(forbidden)")
        }
        // The only URL is the SVG namespace name (an identifier, never fetched).
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        let charts = try Self.charts(in: html)
        let titles = charts.map(Self.title)
        for expected in ["Revenue forecast", "Cohort retention (active in month N)",
                         "RFM segments: customers per segment (ordered by revenue)",
                         "Sales pipeline funnel (deals)", "Product funnel (users)", "Calibration",
                         "Rep leaderboard: wins above expected"] {
            #expect(titles.contains(expected), "no chart titled \(expected); charts: \(titles)")
        }
        #expect(titles.contains { $0.hasPrefix("ROC curve (in-sample AUC 0.") })

        func chart(_ prefix: String) throws -> XMLDocument {
            try #require(charts.first { Self.title($0).hasPrefix(prefix) })
        }
        // Forecast: actual and forecast lines, 80% and 95% bands, x labels through the horizon.
        let forecast = try chart("Revenue forecast")
        #expect(Self.count(forecast, "//*[local-name()='polyline']") == 2)
        #expect(Self.count(forecast, "//*[local-name()='polygon']") == 2)
        #expect(Self.count(forecast, "//*[local-name()='polyline'][@stroke-dasharray]") == 1)
        #expect(html.contains("<td>2025-06</td>"))
        // Heatmap: 36 monthly cohorts, every period shown; the triangle's missing cells are absent:
        // cohort k (0-based) has 36 - k observable periods → Σ = 36 + 35 + … + 1 = 666.
        let heatmap = try chart("Cohort retention")
        #expect(Self.count(heatmap, "//*[local-name()='rect']") == 666)
        // Funnel bars carry conversion labels.
        let product = try chart("Product funnel")
        #expect(Self.count(product, "//*[local-name()='rect']") == 4)
        let productText = product.rootElement()?.stringValue ?? ""
        #expect(productText.contains("of previous"))
        let pipeline = try chart("Sales pipeline funnel")
        #expect(Self.count(pipeline, "//*[local-name()='rect']") == 5)
        // ROC and calibration: a curve plus the dashed diagonal each.
        for prefix in ["ROC curve", "Calibration"] {
            let doc = try chart(prefix)
            #expect(Self.count(doc, "//*[local-name()='polyline']") == 1)
            #expect(Self.count(doc, "//*[local-name()='line'][@stroke-dasharray]") == 1)
        }
        // 12 reps in the datasets (datasets/README.md), one bar each.
        #expect(Self.count(try chart("Rep leaderboard"), "//*[local-name()='rect']") == 12)
        // RFM: one bar per non-empty segment (11 of the standard table on datasets/).
        #expect(Self.count(try chart("RFM segments"), "//*[local-name()='rect']") == 11)
        // KPI tiles and the contents list.
        #expect(html.contains("<div class=\"metric\">"))
        #expect(html.contains("<a href=\"#rep-leaderboard\">Rep leaderboard</a>"))
        #expect(html.contains("<h2 id=\"rep-leaderboard\">"))
    }

    @Test func demoWorksAnywhereByGeneratingTheSample() throws {
        let empty = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: empty) }
        let generatedOut = empty.appendingPathComponent("anywhere.html").path
        let anywhere = try CLIRunner.run(["demo", "--output", generatedOut], in: empty)
        #expect(anywhere.status == 0, "\(anywhere.stderr)")
        #expect(anywhere.stderr.contains("note: no datasets/ here; generating the sample data (size small, seed 42"))
        #expect(anywhere.stdout.hasPrefix("SalesKit demo on the generated sample (size small, seed 42)\n"))
        // The generated sample is the committed one: the same tour, line for line after the first.
        let checkoutOut = empty.appendingPathComponent("checkout.html").path
        let checkout = try CLIRunner.run(["demo", "--datasets", PackageFiles.dataset(""), "--out", checkoutOut, "--quiet"], in: empty)
        #expect(checkout.status == 0, "\(checkout.stderr)")
        func body(_ tour: String) -> [Substring] {
            tour.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("Report: ") }
        }
        #expect(body(anywhere.stdout) == body(checkout.stdout))
        // The temporary sample is removed afterwards.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        let announced = anywhere.stderr.split(separator: " ").last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        #expect(!announced.isEmpty && !leftovers.contains((announced as NSString).lastPathComponent))
    }

    @Test func reportWithOrdersOnlyOmitsTheOtherSections() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("orders-only.html").path
        let r = try CLIRunner.run(["report", "--orders", PackageFiles.dataset("orders.csv"), "--out", out, "--currency", "€"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote \(out)"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let titles = try Self.charts(in: html).map(Self.title)
        // Revenue trend (key figures), revenue forecast, cohort heatmap, RFM bars.
        #expect(titles == ["Revenue trend and forecast", "Revenue forecast",
                           "Cohort retention (active in month N)", "RFM segments: customers per segment (ordered by revenue)"],
                "\(titles)")
        // One as-of date everywhere: the subtitle and the RFM note both say the last order day.
        #expect(html.contains("· as of 2024-12-31 ·"))
        #expect(html.contains("scored as of 2024-12-31"))
        for note in ["Omitted: Sales pipeline funnel — needs --stage-history.",
                     "Omitted: Product funnel — needs --events.",
                     "Omitted: Win probability model — needs --opportunities."] {
            #expect(html.contains(note), "missing note: \(note)")
        }
        #expect(html.contains("€1,386,105"))
    }

    @Test func reportAndDemoSummariesInJSON() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("summary.html").path
        let r = try CLIRunner.run(["report", "--orders", PackageFiles.dataset("orders.csv"), "--out", out, "--format", "json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["report"] as? String == out)
        #expect(json["version"] is String)
        let bytes = try #require(json["bytes"] as? Int)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: out))).count)
        let sections = try #require(json["sections"] as? [[String: Any]])
        let omitted = sections.filter { $0["included"] as? Bool == false }.compactMap { $0["title"] as? String }
        #expect(omitted.contains("Win probability model"), "\(sections)")
        #expect(sections.contains { $0["included"] as? Bool == true })

        let demoOut = directory.appendingPathComponent("demo.html").path
        let demo = try CLIRunner.run(["demo", "--datasets", PackageFiles.dataset(""), "--out", demoOut, "--format", "csv", "--quiet"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.hasPrefix("section,included\n"))
        #expect(!demo.stdout.contains("omitted"))  // every input is present in datasets/
    }

    @Test func reportWithOpportunitiesOnly() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("deals.html").path
        let r = try CLIRunner.run(["report", "--opportunities", PackageFiles.dataset("opportunities.csv"), "--stage-history",
                                   PackageFiles.dataset("stage_history.csv"), "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let titles = try Self.charts(in: html).map(Self.title)
        #expect(titles.contains("Sales pipeline funnel (deals)"))
        #expect(titles.contains("Calibration"))
        // Without targets the leaderboard has no quota: "–" cells, still ranked by wins above expected.
        #expect(titles.contains("Rep leaderboard: wins above expected"))
        #expect(html.contains("<p class=\"note\">Omitted: Key figures — needs --orders.</p>"))
    }

    @Test func aWinModelTheDataCannotSupportIsOmittedNotFatal() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Only won deals: nothing to learn, but the funnel-free rest of the report still works.
        let all = try String(contentsOfFile: PackageFiles.dataset("opportunities.csv"), encoding: .utf8).split(separator: "\n")
        let allWon = [all[0]] + all.dropFirst().filter { $0.contains(",closed_won,") }.prefix(50)
        let file = directory.appendingPathComponent("won.csv")
        try Data((allWon.joined(separator: "\n") + "\n").utf8).write(to: file)
        let out = directory.appendingPathComponent("won.html").path
        let r = try CLIRunner.run(["report", "--opportunities", file.path, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("single outcome (50 won, 0 lost)"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("Omitted: Win probability model — the model could not be fitted: closed deals have a single outcome"))
        #expect(try Self.charts(in: html).map(Self.title) == ["Rep leaderboard: won revenue"])
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["report", "--out", "x.html"],
                          ["report", "--orders", PackageFiles.dataset("orders.csv"), "--as-of", "2024-02-30"],
                          ["report", "--orders", PackageFiles.dataset("orders.csv"), "--horizon", "0"],
                          ["demo", "--no-such-flag"]] {
            let r = try CLIRunner.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("Usage: saleskit"), "\(arguments)")
        }
    }

    @Test func dataErrorsExitOneWithFileAndLine() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("orders.csv")
        try Data("order_id,customer_id,order_date,amount\nO1,C1,2024-01-01,10\nO2,C2,2024-13-01,5\n".utf8).write(to: bad)
        let r = try CLIRunner.run(["report", "--orders", bad.path, "--out", directory.appendingPathComponent("x.html").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(bad.path):3: column \"order_date\""), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))

        let missing = try CLIRunner.run(["report", "--orders", "/no/such/orders.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/orders.csv"))

        // A --datasets that is not a contract-file directory says what it expects.
        let notData = directory.appendingPathComponent("not-data")
        try FileManager.default.createDirectory(at: notData, withIntermediateDirectories: true)
        let elsewhere = try CLIRunner.run(["demo", "--datasets", notData.path], in: directory)
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains("no orders.csv in it") && elsewhere.stderr.contains("--datasets"))

        // An unwritable output path is a data error naming the path.
        let unwritable = try CLIRunner.run(["report", "--orders", PackageFiles.dataset("orders.csv"), "--out", "/no/such/dir/r.html"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("/no/such/dir/r.html"))
    }

    /// Progress goes to stderr only when it is a terminal: run under `script`, which gives the child a
    /// pseudo-terminal, and compare with `--quiet` (skipped where util-linux `script` is absent).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnlyOnATerminal() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let datasets = PackageFiles.root.appendingPathComponent("datasets").path
        func underTerminal(_ extra: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = "'\(CLIRunner.executable.path)' demo \(extra) --datasets '\(datasets)' --out '\(directory.path)/r.html' >/dev/null"
            process.arguments = ["-qec", command, "/dev/null"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return String(decoding: data, as: UTF8.self)
        }
        let chatty = try underTerminal("")
        #expect(chatty.contains("[1/6] customer analyses"), "\(chatty)")
        #expect(chatty.contains("[6/6] writing"))
        #expect(chatty.contains("done in"))
        let quiet = try underTerminal("--quiet")
        #expect(!quiet.contains("[1/6]"), "\(quiet)")
    }

    @Test(arguments: [["demo"], ["report"], ["generate"], ["selftest"], ["selftest", "nist"], ["clv"], ["kpi"], ["rfm"],
                      ["cohort"], ["funnel"], ["winprob"], ["winprob", "train"], ["winprob", "evaluate"],
                      ["winprob", "score"], ["winprob", "explain"]])
    func helpHasAnExample(_ command: [String]) throws {
        let r = try CLIRunner.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example"), "\(command) --help has no example")
        #expect(r.stdout.contains("saleskit \(command.joined(separator: " ")) "), "\(command): example does not run the command")
    }
}
