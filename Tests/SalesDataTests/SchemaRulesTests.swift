import Foundation
import Testing
@testable import SalesData
import SalesNumerics

/// The one reading path: row lines recorded while tokenizing, the schema's value rules applied by
/// the reader (in memory and streaming alike), one `RejectedRow` printed one way.
@Suite("Reader: row lines, schema rules, rejected rows")
struct SchemaRulesTests {
    static let schema = CSVSchema([
        .init("id", .category),
        .init("note", .string),
        .init("amount", .double, allowsNonFinite: false, rule: .atLeast(0)),
        .init("kind", .category, rule: .oneOf(["a", "b"])),
    ])

    /// Blank lines, a quoted field spanning three lines, CRLF and rejected rows, each at its line.
    static let text = "id,note,amount,kind\r\n"      // 1
        + "r1,plain,1,a\r\n"                          // 2
        + "\r\n"                                      // 3 blank
        + "r2,\"spans\nthree\nlines\",2,b\n"          // 4-6
        + "\n"                                        // 7 blank
        + "r3,x,NaN,a\n"                              // 8 NaN, in the file's spelling
        + "r4,x,-5,a\n"                               // 9 below the minimum
        + "r5,\"two\nlines\",3,c\n"                   // 10-11 not in the set
        + "r6,x,oops,a\n"                             // 12 not a number
        + "r7,x,4,b\n"                                // 13

    @Test(arguments: [1, 2])
    func linesAreCountedWhileTokenizing(threads: Int) throws {
        // chunkBytes small enough that two threads cut the file into several chunks.
        let options = CSVReadOptions(policy: .skipInvalidRows, chunkBytes: threads == 1 ? 1 << 30 : 16)
        let r = try Parallelism.withWorkers(threads) { try readCSV(Self.text, Self.schema, options) }
        #expect(try r.table.categories("id").levels == ["r1", "r2", "r7"])
        #expect(r.rowLines.all == [2, 4, 13])
        #expect(r.rejected.map(\.line) == [8, 9, 10, 12])
        #expect(r.rejected.map(\.text) == ["NaN", "-5", "c", "oops"])
        #expect(r.rejected.map(\.description) == [
            "t.csv:8: column \"amount\": \"NaN\" is not a finite number",
            "t.csv:9: column \"amount\": \"-5\" is below the minimum 0",
            "t.csv:10: column \"kind\": \"c\" is not one of a, b",
            "t.csv:12: column \"amount\": \"oops\" is not a number",
        ])
        #expect(r.rejected.map(\.rule) == [nil, "value_out_of_range", "value_not_allowed", nil])
    }

    @Test func strictThrowsTheRuleViolationAtItsLine() throws {
        let text = "id,note,amount,kind\n\nr1,\"a\nb\",-1,a\n"
        #expect(throws: CSVError.invalidField(file: "t.csv", line: 3, column: "amount", text: "-1",
                                              problem: .violates(reason: "is below the minimum 0"))) {
            try readCSV(text, Self.schema)
        }
    }

    @Test func streamingAppliesTheSameRules() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).csv")
        try Data(Self.text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var lines: [Int] = [], rejected: [RejectedRow] = []
        _ = try CSVReader.forEachChunk(file: url.path, schema: Self.schema,
                                       options: CSVReadOptions(policy: .skipInvalidRows, blockBytes: 24)) { chunk in
            lines += chunk.rowLines.all
            rejected += chunk.rejected
        }
        let whole = try CSVReader.read(file: url.path, schema: Self.schema, options: CSVReadOptions(policy: .skipInvalidRows))
        #expect(lines == whole.rowLines.all)
        #expect(rejected.map(\.description) == whole.rejected.map(\.description))
    }

    @Test func rejectedRowsEncodeTheContractKeys() throws {
        let row = RejectedRow(file: "f.csv", line: 7, column: "amount", reason: "is below the minimum 0", text: "-1")
        let json = try #require(String(data: try JSONEncoder().encode(row), encoding: .utf8))
        for key in ["\"file\":\"f.csv\"", "\"line\":7", "\"column\":\"amount\"", "\"reason\":\"is below the minimum 0\""] {
            #expect(json.contains(key))
        }
        #expect(row.description == "f.csv:7: column \"amount\": \"-1\" is below the minimum 0")
    }

    @Test func rowLinesFilterAndAppend() {
        let lines = RowLines([2, 5, 9, 1 << 40])
        #expect(lines.count == 4)
        #expect(lines[3] == 1 << 40)
        #expect(lines.filtered([true, false, true, true]).all == [2, 9, 1 << 40])
        #expect(lines.appending(RowLines([3])).all == [2, 5, 9, 1 << 40, 3])
        #expect(RowLines().count == 0)
    }

    @Test func internerCodesInOrderOfFirstAppearance() {
        var ids = IDInterner()
        #expect(ids.intern(["b", "a", "b"]) == [0, 1, 0])
        #expect(ids.intern("c") == 2)
        #expect(ids.levels == ["b", "a", "c"])
        #expect(ids.code(of: "a") == 1)
        #expect(ids.code(of: "z") == nil)
        #expect(IDInterner(levels: ["x", "x", "y"]).levels == ["x", "y"])
    }
}
