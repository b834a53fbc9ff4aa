import Foundation
import Testing
import SalesTestSupport

/// The HTML report rendered in a real browser (headless Chromium): the sample data and small edge
/// files — one month, one customer, one week — each load without a console error, without an
/// element overflowing its box or SVG text outside its chart, and without an empty chart.
///
/// `make test` installs Debian's `chromium` and sets `SALESKIT_REQUIRE_BROWSER=1`, so there the
/// suite fails rather than skips when the browser is missing; a bare `swift test` on a machine
/// without Chromium skips it.
@Suite("report in a real browser", .serialized,
       .enabled(if: ReportPageChecker.browser != nil || ProcessInfo.processInfo.environment["SALESKIT_REQUIRE_BROWSER"] == "1"))
struct ReportBrowserTests {
    /// An edge file of the orders contract and what it stands for.
    struct EdgeFile: CustomStringConvertible, Sendable {
        var name: String
        var rows: [String]
        var description: String { name }
    }

    static let edgeFiles: [EdgeFile] = [
        EdgeFile(name: "one-month", rows: (1...28).map { d in
            "O\(d),C\(d % 5),2024-03-\(d < 10 ? "0" : "")\(d),\(Double(10 * d) + 0.5)"
        }),
        EdgeFile(name: "one-customer", rows: (1...18).map { m in
            "O\(m),C1,\(2023 + (m - 1) / 12)-\(((m - 1) % 12) + 1 < 10 ? "0" : "")\(((m - 1) % 12) + 1)-15,\(100 + m)"
        }),
        EdgeFile(name: "one-week", rows: (0..<7).flatMap { d in
            (0..<3).map { k in "O\(d * 3 + k),C\((d + k) % 4),2024-06-\(10 + d),\(20 + d + k)" }
        }),
    ]

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func expectClean(_ findings: ReportPageChecker.Findings, _ what: String) {
        #expect(findings.errors.isEmpty, "\(what): console errors \(findings.errors)")
        #expect(findings.overflows.isEmpty, "\(what): overflowing elements \(findings.overflows)")
        #expect(findings.emptyCharts.isEmpty, "\(what): empty charts \(findings.emptyCharts)")
        #expect(findings.charts > 0, "\(what): no chart at all")
    }

    @Test func sampleReportRendersCleanly() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("sample.html").path
        let data = PackageFiles.root.appendingPathComponent("datasets")
        let r = try CLIRunner.run(["report", "--orders", data.appendingPathComponent("orders.csv").path,
                                   "--opportunities", data.appendingPathComponent("opportunities.csv").path,
                                   "--stage-history", data.appendingPathComponent("stage_history.csv").path,
                                   "--events", data.appendingPathComponent("events.csv").path,
                                   "--customers", data.appendingPathComponent("customers.csv").path,
                                   "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let findings = try ReportPageChecker.check(out)
        Self.expectClean(findings, "sample")
        #expect(findings.charts >= 8)
    }

    @Test(arguments: edgeFiles)
    func edgeFileReportRendersCleanly(_ edge: EdgeFile) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let orders = directory.appendingPathComponent("\(edge.name).csv")
        try Data((["order_id,customer_id,order_date,amount"] + edge.rows).joined(separator: "\n").appending("\n").utf8)
            .write(to: orders)
        let out = directory.appendingPathComponent("\(edge.name).html").path
        let r = try CLIRunner.run(["report", "--orders", orders.path, "--out", out])
        #expect(r.status == 0, "\(edge.name): \(r.stderr)")
        Self.expectClean(try ReportPageChecker.check(out), edge.name)
    }

    /// Deal files with nothing to learn or rank from: a header-only opportunities file and one with
    /// open deals only. The win model and the leaderboard are omitted with the reason, the rest renders.
    @Test(arguments: ["no-deals", "open-deals-only"])
    func reportWithoutClosedDealsRendersCleanly(_ name: String) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = PackageFiles.root.appendingPathComponent("datasets")
        let header = "opportunity_id,account_id,rep_id,source,industry,region,amount,created_date,close_date,stage,is_won,num_activities,num_meetings"
        let open = name == "no-deals" ? [] : (1...12).map { i in
            "OPP\(i),A\(i),R\(i % 3),inbound,finance,emea,\(1000 * i).00,2024-11-0\(1 + i % 9),,proposal,,\(i),\(i % 2)"
        }
        let opportunities = directory.appendingPathComponent("\(name).csv")
        try Data(([header] + open).joined(separator: "\n").appending("\n").utf8).write(to: opportunities)
        let out = directory.appendingPathComponent("\(name).html").path
        let r = try CLIRunner.run(["report", "--orders", data.appendingPathComponent("orders.csv").path,
                                   "--opportunities", opportunities.path, "--out", out])
        #expect(r.status == 0, "\(name): \(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("Omitted: Rep leaderboard"), "\(name): the leaderboard should be omitted")
        #expect(html.contains("Omitted: Win probability model"), "\(name): the win model should be omitted")
        #expect(!html.contains("id=\"rep-leaderboard\""), "\(name): an empty leaderboard section was rendered")
        Self.expectClean(try ReportPageChecker.check(out), name)
    }

    /// The checker itself catches each fault it looks for (so a clean result means something).
    @Test func checkerCatchesClippedTextOverflowAndEmptyCharts() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("faulty.html")
        let html = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body style="width:600px">
        <div style="width:100px"><table><tr><td>\(String(repeating: "wide ", count: 60).replacingOccurrences(of: " ", with: "_"))</td></tr></table></div>
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><title>clipped</title>
        <text x="8" y="20" font-size="14">A title far too long for this little chart</text><rect x="0" y="25" width="10" height="10"/></svg>
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><title>empty</title><line x1="0" y1="0" x2="10" y2="0" stroke="black"/></svg>
        </body></html>
        """
        try Data(html.utf8).write(to: page)
        let findings = try ReportPageChecker.check(page.path)
        #expect(findings.overflows.contains { $0.contains("A title far too long") }, "\(findings.overflows)")
        #expect(findings.overflows.contains { $0.hasPrefix("div") || $0.hasPrefix("td") || $0.hasPrefix("table") }, "\(findings.overflows)")
        #expect(findings.emptyCharts == ["empty"])
        #expect(findings.charts == 2)
    }
}
