import Foundation
import Testing
import SalesTestSupport

/// `--format csv` is data: the same numbers as the JSON document in full precision, no currency
/// signs, percents, digit grouping or units, and an empty cell where a value could not be computed.
@Suite("CSV output carries raw values")
struct CSVAsDataTests {
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { line in
            // The labels with commas are quoted; values never are.
            var fields: [String] = [], field = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { fields.append(field); field = "" } else { field.append(ch) }
            }
            return fields + [field]
        }
    }

    // Decoded with JSONDecoder (JSONSerialization on Linux can be one unit in the last place off).
    struct KPIDocument: Decodable {
        struct Period: Decodable { var revenue: Double }
        var revenue: Double, aov: Double, repeatPurchaseRate: Double, blendedCac: Double
        var periods: [Period]
    }

    struct FunnelDocument: Decodable {
        struct Step: Decodable { var users: Int; var conversionFromPrevious: Double?; var medianSecondsFromPrevious: Double? }
        var steps: [Step]
    }

    /// Every cell after the label column is empty or reads as a number.
    static func expectNumeric(_ rows: [[String]], from column: Int = 1, _ what: String) {
        for row in rows.dropFirst() where row.count > column {
            for cell in row[column...] where !cell.isEmpty {
                #expect(Double(cell) != nil, "\(what): \"\(cell)\" in \(row) is not a number")
            }
        }
    }

    @Test func kpiSheetAndPeriodsAreNumbers() throws {
        let args = ["kpi", "--orders", PackageFiles.dataset("orders.csv"), "--spend", PackageFiles.dataset("marketing_spend.csv")]
        let csv = try CLIRunner.run(args + ["--format", "csv"]), json = try CLIRunner.run(args + ["--format", "json"])
        #expect(csv.status == 0 && json.status == 0, "\(csv.stderr)")
        let doc = try JSONDecoder().decode(KPIDocument.self, from: Data(json.stdout.utf8))
        let tables = csv.stdout.components(separatedBy: "\n\n").map(Self.rows)
        let sheet = Dictionary(tables[0].dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(Double(sheet["revenue"] ?? "") == doc.revenue)
        #expect(Double(sheet["average order value"] ?? "") == doc.aov)
        #expect(Double(sheet["repeat purchase rate"] ?? "") == doc.repeatPurchaseRate)
        #expect(Double(sheet["CAC (blended)"] ?? "") == doc.blendedCac)
        #expect(sheet["CAC (paid)"] == "" && sheet["win rate"] == "" && sheet["NPS"] == "")  // inputs not given
        Self.expectNumeric(tables[0], "kpi sheet")
        Self.expectNumeric(tables[1], "kpi periods")
        #expect(tables[1].count - 1 == doc.periods.count)
        #expect(Double(tables[1][2][1]) == doc.periods[1].revenue)
    }

    @Test func funnelStepsAndStagesAreNumbers() throws {
        let args = ["funnel", "--events", PackageFiles.dataset("events.csv"), "--steps", "visit,signup,purchase"]
        let csv = try CLIRunner.run(args + ["--format", "csv"]), json = try CLIRunner.run(args + ["--format", "json"])
        #expect(csv.status == 0 && json.status == 0, "\(csv.stderr)")
        let rows = Self.rows(csv.stdout)
        #expect(rows[0] == ["step", "users", "from previous", "from first", "drop-off", "median seconds", "p90 seconds"])
        Self.expectNumeric(rows, "event funnel")
        let steps = try JSONDecoder().decode(FunnelDocument.self, from: Data(json.stdout.utf8)).steps
        #expect(steps.count == rows.count - 1)
        for (row, step) in zip(rows.dropFirst(), steps) {
            #expect(Int(row[1]) == step.users)
            #expect(Double(row[2]) == step.conversionFromPrevious)
            #expect(Double(row[5]) == step.medianSecondsFromPrevious)
        }
        let stages = try CLIRunner.run(["funnel", "--stage-history", PackageFiles.dataset("stage_history.csv"),
                                        "--opportunities", PackageFiles.dataset("opportunities.csv"), "--format", "csv"])
        #expect(stages.status == 0, "\(stages.stderr)")
        let stageRows = Self.rows(stages.stdout.components(separatedBy: "\n\n")[0])
        Self.expectNumeric(stageRows, "stage funnel")
        #expect(!stages.stdout.contains("%") && !stages.stdout.contains("–"))
    }
}
