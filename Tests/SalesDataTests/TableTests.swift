import Testing
@testable import SalesData

@Suite("Table")
struct TableTests {
    static func sample() throws -> Table {
        try Table(columns: [
            Column(name: "id", values: .integer([1, 2, 0, 4]), valid: [true, true, false, true]),
            Column(name: "amount", values: .double([1.5, -2, 3.25, 0]), valid: [true, true, true, false]),
            Column(name: "won", values: .boolean([true, false, false, true])),
            Column(name: "day", values: .date([19_787, 0, -1, 5])),
            Column(name: "at", values: .timestamp([0, 86_400, 1, 2])),
            Column(name: "month", values: .month([650, 651, 652, 653])),
            Column(name: "stage", values: .category(levels: ["open", "won"], codes: [0, 1, -1, 0]),
                   valid: [true, true, false, true]),
            Column(name: "note", values: .string(["a", "b,c", "", "客户"])),
        ])
    }

    @Test func lookupAndTypedAccess() throws {
        let t = try Self.sample()
        #expect(t.rowCount == 4)
        #expect(t.columnNames == ["id", "amount", "won", "day", "at", "month", "stage", "note"])
        #expect(try t.integers("id")[2] == nil)
        #expect(try t.integers("id")[3] == 4)
        #expect(try t.doubles("amount")[1] == -2)
        #expect(try t.numbers("id").values == [1, 2, 0, 4])
        #expect(try t.categories("stage")[1] == "won")
        #expect(try t.categories("stage")[2] == nil)
        #expect(try t.strings("stage").values == ["open", "won", "", "open"])
        #expect(try t.column("amount").missingCount == 1)
    }

    @Test func wrongTypeAndMissingColumnNameWhatExists() throws {
        let t = try Self.sample()
        #expect(throws: TableError.wrongType(column: "id", expected: .date, actual: .integer)) {
            try t.dates("id")
        }
        #expect(throws: TableError.missingColumn(name: "customer_id", available: t.columnNames)) {
            try t.categories("customer_id")
        }
        let message = TableError.missingColumn(name: "x", available: ["a", "b"]).description
        #expect(message == "no column \"x\"; the table has: \"a\", \"b\"")
    }

    @Test func filteringKeepsEveryKindAndMask() throws {
        let t = try Self.sample()
        let f = try t.filtered([false, true, true, false])
        #expect(f.rowCount == 2)
        #expect(try f.integers("id").valid == [true, false])
        #expect(try f.booleans("won").values == [false, false])
        #expect(try f.dates("day").values == [0, -1])
        #expect(try f.timestamps("at").values == [86_400, 1])
        #expect(try f.months("month").values == [651, 652])
        #expect(try f.categories("stage").codes == [1, -1])
        #expect(try f.categories("stage").levels == ["open", "won"])
        #expect(try f.strings("note").values == ["b,c", ""])
        #expect(throws: TableError.self) { try t.filtered([true]) }
    }

    @Test func constructionChecks() throws {
        #expect(throws: TableError.lengthMismatch(column: "b", count: 1, expected: 2)) {
            try Table(columns: [Column(name: "a", values: .integer([1, 2])), Column(name: "b", values: .integer([1]))])
        }
        #expect(throws: TableError.duplicateColumn(name: "a")) {
            try Table(columns: [Column(name: "a", values: .integer([1])), Column(name: "a", values: .double([1]))])
        }
        #expect(throws: TableError.self) {
            try Column(name: "c", values: .category(levels: ["x"], codes: [1]))
        }
        let t = try Self.sample()
        #expect(try t.selecting(["note", "id"]).columnNames == ["note", "id"])
        #expect(try t.adding(Column(name: "z", values: .integer([1, 2, 3, 4]))).columns.count == 9)
    }
}
