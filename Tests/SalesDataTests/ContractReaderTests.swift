import Foundation
import Testing
@testable import SalesData

@Suite("Contract readers and domain rules")
struct ContractReaderTests {
    /// Writes `text` to a temporary file, runs `body` with its path, removes it.
    func withFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    func violations(_ q: DataQualityReport) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: q.ruleViolations.map { ($0.rule, $0.count) })
    }

    @Test func opportunityRules() throws {
        let text = """
        opportunity_id,account_id,stage,created_date,close_date,is_won,amount
        O1,A1,closed_won,2024-01-05,2024-01-03,1,10
        O2,A1,prospecting,2024-01-05,,1,5
        O3,A2,closed_lost,2024-01-05,2024-02-01,0,7
        O3,A2,Won,2024-01-05,2024-02-01,1,7
        O4,A3,closed_won,2024-01-05,2024-02-01,0,7
        O5,A3,negotiation,2024-01-05,,,7

        """
        // The schema's rules are the reader's: under .strict the first broken one throws at its line.
        #expect(throws: CSVError.self) { try withFile(text) { try ContractReader.read(.opportunities, file: $0) } }
        let r = try withFile(text) { try ContractReader.read(.opportunities, file: $0, policy: .skipInvalidRows) }
        // O1 closes before it opens; O2 is open with is_won; O4 is closed_won with 0: rejected at their
        // lines and counted by rule. Won is unknown (reported, the row stays).
        #expect(r.quality.rows == 3)
        #expect(r.quality.rejected.map(\.line) == [2, 3, 6])
        #expect(r.quality.rejected.map(\.rule) == ["close_before_created", "is_won_inconsistent_with_stage",
                                                   "is_won_inconsistent_with_stage"])
        #expect(r.rowLines.all == [4, 5, 7])
        #expect(r.quality.duplicateIds == 1)  // O3 twice
        #expect(violations(r.quality) == ["close_before_created": 1, "is_won_inconsistent_with_stage": 2, "unknown_stage": 1])
        #expect(r.quality.columns.first { $0.name == "close_date" }?.missing == 1)  // O5
        #expect(r.quality.columns.first { $0.name == "is_won" }?.missing == 1)  // O5 only
        #expect(throws: ContractError.unknownStages(kind: .opportunities, found: ["Won"], known: ContractFile.knownStages)) {
            try ContractReader.requireKnownStages(r)
        }
        let mapped = try withFile(text) {
            try ContractReader.read(.opportunities, file: $0, policy: .skipInvalidRows,
                                    rules: ContractRuleOptions(stageMapping: ["Won": "closed_won"]))
        }
        #expect(violations(mapped.quality)["unknown_stage"] == nil)
        #expect(try mapped.table.categories("stage").levels == ["closed_lost", "closed_won", "negotiation"])
        try ContractReader.requireKnownStages(mapped)
        // A mapped stage name counts as the stage it maps to in the is_won rule.
        let contradiction = "opportunity_id,stage,created_date,is_won,amount\nO1,Won,2024-01-05,0,1\nO2,Won,2024-01-05,1,1\n"
        let checked = try withFile(contradiction) {
            try ContractReader.read(.opportunities, file: $0, policy: .skipInvalidRows,
                                    rules: ContractRuleOptions(stageMapping: ["Won": "closed_won"]))
        }
        #expect(checked.quality.rejected.map(\.line) == [2])
        #expect(checked.quality.rejected.first?.description
            == "\(checked.quality.rejected.first?.file ?? ""):2: column \"is_won\": \"0\" contradicts stage Won (needs 1)")
    }

    @Test func ordersWithChineseHeadersAsOfAndDuplicates() throws {
        let text = "订单号,客户ID,下单日期,金额\nA1,张三,2024-01-01,10\nA2,李四,2024-05-01,-3\nA1,张三,2024-06-01,4\n"
        let r = try withFile(text) {
            try ContractReader.read(.orders, file: $0,
                                    mapping: ["order_id": "订单号", "customer_id": "客户ID", "order_date": "下单日期", "amount": "金额"],
                                    rules: ContractRuleOptions(asOf: Int32(CivilDate.days(year: 2024, month: 3, day: 1))))
        }
        #expect(r.quality.duplicateIds == 1)
        #expect(violations(r.quality) == ["order_after_as_of": 2])
        #expect(try r.table.categories("customer_id").levels == ["张三", "李四"])
    }

    @Test func targetsSpendAndSurveys() throws {
        let targets = try withFile("rep_id,period,quota\nR1,2024-01,100\nR1,2024-Q2,-5\nR1,2024-13,1\nR1,2024-01,3\n") {
            try ContractReader.read(.targets, file: $0)
        }
        #expect(violations(targets.quality) == ["negative_quota": 1, "invalid_period": 1, "duplicate_target": 1])
        let spend = try withFile("month,channel,spend\n2024-01,ads,-1\n2024-02,ads,5\n") {
            try ContractReader.read(.marketingSpend, file: $0)
        }
        #expect(violations(spend.quality) == ["negative_spend": 1])
        #expect(try spend.table.months("month").values == [648, 649])  // (2024 - 1970) * 12 + 0, + 1
        let surveys = try withFile("customer_id,date,score,kind\nC1,2024-01-01,10,nps\nC1,2024-01-01,6,csat\nC2,2024-01-01,0,csat\nC3,2024-01-01,3,ces\n") {
            try ContractReader.read(.surveys, file: $0)
        }
        #expect(violations(surveys.quality) == ["score_out_of_range": 2, "unknown_survey_kind": 1])
    }

    @Test func periods() {
        #expect(Period(label: "2024-03") == Period(unit: .month, index: 650))
        #expect(Period(label: "2024-Q2") == Period(unit: .quarter, index: 217))
        #expect(Period(label: "2024-q2")?.label == "2024-Q2")
        #expect(Period(label: "1969-Q4")?.label == "1969-Q4")
        for bad in ["2024-00", "2024-13", "2024-Q5", "2024-3", "24-03", "2024/03"] { #expect(Period(label: bad) == nil) }
    }

    @Test func everyKindReadsItsHeaderOnlyFile() throws {
        for kind in ContractFile.allCases {
            let header = kind.schema.fields.map(\.name).joined(separator: ",") + "\n"
            let r = try withFile(header) { try ContractReader.read(kind, file: $0) }
            #expect(r.quality.rows == 0)
            #expect(r.quality.ruleViolations.isEmpty)
        }
    }
}
