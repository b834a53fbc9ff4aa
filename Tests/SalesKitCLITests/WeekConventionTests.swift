import Foundation
import Testing
import SalesTestSupport

/// One week convention everywhere: `kpi`, `cohort`, `forecast --orders` and `report` on the same
/// file give the same weekly periods — ISO weeks, Monday to Sunday, labelled by their Monday — with
/// the same boundaries and the same partial first and last weeks (issue 14 item 1, issue 13 item 8).
@Suite("One week convention across commands")
struct WeekConventionTests {
    /// Orders from Wednesday 2024-01-03 to Monday 2024-02-26: the first and the last week are partial.
    /// Sunday 2024-01-14 has an order of 1000 that must land in the week of Monday 2024-01-08.
    static func ordersFile() throws -> String {
        var rows = ["order_id,customer_id,order_date,amount"]
        let customers = ["A", "B", "C", "D", "E", "F"]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // 19725 = 2024-01-03, 19779 = 2024-02-26 (days since 1970-01-01), every other day.
        for (n, day) in stride(from: 19_725, through: 19_779, by: 2).enumerated() {
            let text = formatter.string(from: Date(timeIntervalSince1970: Double(day) * 86_400))
            rows.append("O\(n),\(customers[n % customers.count]),\(text),\(20 + n % 7)")
        }
        rows.append("S1,A,2024-01-14,1000")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-weeks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("orders.csv").path
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(arguments.first ?? ""): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func rows(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
        try #require(object[key] as? [[String: Any]], "no \(key)")
    }

    @Test func kpiCohortForecastAndReportAgreeOnWeeks() throws {
        let orders = try Self.ordersFile()
        // kpi: every week from the first to the last order.
        let kpi = try Self.rows(try Self.json(["kpi", "--orders", orders, "--period", "week", "--format", "json"]), "periods")
        let labels = kpi.compactMap { $0["period"] as? String }
        let partial = kpi.compactMap { $0["partial"] as? Bool }
        #expect(labels.first == "2024-01-01" && labels.last == "2024-02-26" && labels.count == 9)
        #expect(partial == [true] + Array(repeating: false, count: 7) + [true])
        // Every label is a Monday (Foundation's ISO calendar: weekday 2).
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withFullDate]
        for label in labels {
            let date = try #require(parser.date(from: label))
            #expect(iso.component(.weekday, from: date) == 2, "\(label)")
        }
        let revenue = Dictionary(uniqueKeysWithValues: kpi.compactMap { row in
            (row["period"] as? String).flatMap { p in (row["revenue"] as? Double).map { (p, $0) } }
        })
        // Sunday 2024-01-14 belongs to the week of Monday 2024-01-08.
        #expect((revenue["2024-01-08"] ?? 0) > 1000)
        #expect(kpi[1]["growth"] is NSNull)  // against the partial first week
        #expect(kpi[8]["growth"] is NSNull)  // the partial last week

        // cohort: cohorts are weeks of the same calendar; partial flags agree.
        let cohort = try Self.json(["cohort", "--orders", orders, "--period", "week", "--format", "json"])
        #expect(cohort["partialPeriods"] as? [String] == ["2024-01-01", "2024-02-26"])
        let cohorts = try Self.rows(cohort, "cohorts")
        for c in cohorts {
            let label = try #require(c["cohort"] as? String)
            let index = try #require(labels.firstIndex(of: label), "cohort \(label) is not a kpi week")
            #expect(c["partial"] as? Bool == (index == 0))
            for p in (c["periods"] as? [[String: Any]]) ?? [] {
                let n = try #require(p["period"] as? Int)
                #expect(p["partial"] as? Bool == partial[index + n], "\(label)+\(n)")
            }
        }

        // forecast: the history is the kpi weeks without the partial last one, with the same revenue.
        let forecast = try Self.json(["forecast", "--orders", orders, "--period", "week", "--horizon", "2",
                                      "--model", "naive", "--format", "json"])
        let history = try Self.rows(forecast, "history")
        #expect(history.compactMap { $0["period"] as? String } == Array(labels.dropLast()))
        #expect(history.compactMap { $0["partial"] as? Bool } == Array(partial.dropLast()))
        for h in history {
            let p = try #require(h["period"] as? String)
            #expect(abs((h["value"] as? Double ?? .nan) - (revenue[p] ?? .nan)) < 1e-9, "\(p)")
        }
        #expect(forecast["excludedPartialPeriod"] as? String == "2024-02-26")
        #expect(try Self.rows(forecast, "forecast").compactMap { $0["period"] as? String } == ["2024-02-26", "2024-03-04"])
        let kept = try Self.json(["forecast", "--orders", orders, "--period", "week", "--horizon", "1",
                                  "--model", "naive", "--include-partial", "--format", "json"])
        #expect(try Self.rows(kept, "history").last?["partial"] as? Bool == true)
        #expect(try Self.rows(kept, "forecast").first?["period"] as? String == "2024-03-04")

        // report: the same weeks and flags, marked in the HTML.
        let out = URL(fileURLWithPath: orders).deletingLastPathComponent().appendingPathComponent("report.html").path
        let report = try Self.json(["report", "--orders", orders, "--period", "week", "--out", out, "--quiet", "--format", "json"])
        let periods = try Self.rows(report, "periods")
        #expect(report["period"] as? String == "week")
        #expect(periods.compactMap { $0["period"] as? String } == labels)
        #expect(periods.compactMap { $0["partial"] as? Bool } == partial)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("2024-02-26 *") && html.contains("2024-01-01 *"))
    }

    @Test func tablesMarkPartialPeriods() throws {
        let orders = try Self.ordersFile()
        let kpi = try CLIRunner.run(["kpi", "--orders", orders, "--period", "week"])
        #expect(kpi.status == 0)
        #expect(kpi.stdout.contains("2024-02-26 *") && kpi.stdout.contains("* partial: 2024-01-01, 2024-02-26"))
        let cohort = try CLIRunner.run(["cohort", "--orders", orders, "--period", "week"])
        #expect(cohort.status == 0)
        #expect(cohort.stdout.contains("2024-01-01 *") && cohort.stdout.contains("* partial weeks: 2024-01-01, 2024-02-26"))
        let csv = try CLIRunner.run(["cohort", "--orders", orders, "--period", "week", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").dropFirst().first?.hasSuffix(",true") == true)
        // Daily cohorts would be days × days cells: a usage error, like an unknown unit.
        #expect(try CLIRunner.run(["cohort", "--orders", orders, "--period", "day"]).status == 2)
        #expect(try CLIRunner.run(["kpi", "--orders", orders, "--period", "fortnight"]).status == 2)
        let daily = try CLIRunner.run(["kpi", "--orders", orders, "--period", "day", "--format", "csv"])
        #expect(daily.status == 0, "\(daily.stderr)")
    }
}
