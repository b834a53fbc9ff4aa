import Testing
@testable import SalesData

@Suite("CSV reader: bad input gives typed errors with locations, or a skip report")
struct CSVReaderBadInputTests {
    static let schema = CSVSchema([
        .init("id", .integer), .init("day", .date), .init("amount", .double), .init("who", .category),
    ])
    static let skip = CSVReadOptions(policy: .skipInvalidRows)

    @Test func notANumberMessageMatchesTheContract() throws {
        let text = "id,day,amount,who\n1,2024-01-01,3,a\n2,2024-01-02,\"12,5x\",b\n"
        let error = #expect(throws: CSVError.self) { try readCSV(text, Self.schema, name: "orders.csv") }
        #expect(error?.description == "orders.csv:3: column \"amount\": \"12,5x\" is not a number")
    }

    @Test func lineNumbersCountQuotedNewlinesAndReportTheRecordStart() throws {
        let text = "id,day,amount,who\n1,2024-01-01,3,\"multi\nline\nvalue\"\n2,2024-13-01,4,b\n"
        #expect(throws: CSVError.invalidField(file: "t.csv", line: 5, column: "day", text: "2024-13-01", problem: .dateOutOfRange)) {
            try readCSV(text, Self.schema)
        }
        let spanning = "id,day,amount,who\n1,2024-01-01,3,a\n2,2024-01-01,x,\"two\nlines\"\n"
        #expect(try #require(#expect(throws: CSVError.self) { try readCSV(spanning, Self.schema) }).line == 3)
    }

    @Test(arguments: [
        ("1,2024-02-30,1,a", CSVError.invalidField(file: "t.csv", line: 2, column: "day", text: "2024-02-30", problem: .dateOutOfRange)),
        ("1,2024-13-01,1,a", .invalidField(file: "t.csv", line: 2, column: "day", text: "2024-13-01", problem: .dateOutOfRange)),
        ("1,0000-01-01,1,a", .invalidField(file: "t.csv", line: 2, column: "day", text: "0000-01-01", problem: .dateOutOfRange)),
        ("1,2024-1-1x,1,a", .invalidField(file: "t.csv", line: 2, column: "day", text: "2024-1-1x", problem: .notADate)),
        ("9223372036854775808,2024-01-01,1,a", .invalidField(file: "t.csv", line: 2, column: "id", text: "9223372036854775808", problem: .integerOverflow)),
        ("-9223372036854775809,2024-01-01,1,a", .invalidField(file: "t.csv", line: 2, column: "id", text: "-9223372036854775809", problem: .integerOverflow)),
        ("1.5,2024-01-01,1,a", .invalidField(file: "t.csv", line: 2, column: "id", text: "1.5", problem: .notAnInteger)),
        ("1,2024-01-01,$5,a", .invalidField(file: "t.csv", line: 2, column: "amount", text: "$5",
                                            problem: .numberNeedsFormat(hint: "it reads with --amount-format currency"))),
        ("1,2024-01-01,1e,a", .invalidField(file: "t.csv", line: 2, column: "amount", text: "1e", problem: .notANumber)),
        ("1,2024-01-01,1", .invalidRecord(file: "t.csv", line: 2, text: "1,2024-01-01,1", problem: .wrongFieldCount(expected: 4, found: 3))),
        ("1,2024-01-01,1,a,extra", .invalidRecord(file: "t.csv", line: 2, text: "1,2024-01-01,1,a,extra", problem: .wrongFieldCount(expected: 4, found: 5))),
        ("1,2024-01-01,1,\"open", .invalidRecord(file: "t.csv", line: 2, text: "1,2024-01-01,1,\"open", problem: .unterminatedQuote)),
        ("1,2024-01-01,1,ab\"c", .invalidRecord(file: "t.csv", line: 2, text: "1,2024-01-01,1,ab\"c", problem: .unexpectedQuote)),
        ("1,2024-01-01,1,\"ab\"c", .invalidRecord(file: "t.csv", line: 2, text: "1,2024-01-01,1,\"ab\"c", problem: .unexpectedQuote)),
    ] as [(String, CSVError)])
    func rowErrors(_ row: String, _ expected: CSVError) throws {
        #expect(throws: expected) { try readCSV("id,day,amount,who\n" + row + "\n", Self.schema) }
        // The truncated-last-line variant (no newline) fails the same way.
        #expect(throws: expected) { try readCSV("id,day,amount,who\n" + row, Self.schema) }
    }

    @Test func truncatedLastLineWithoutNewlineIsFineWhenComplete() throws {
        let r = try readCSV("id,day,amount,who\n1,2024-01-01,2,a\n2,2024-01-02,3,\"b\"", Self.schema)
        #expect(r.table.rowCount == 2)
    }

    @Test func invalidUTF8InAnyFieldEvenUnmapped() throws {
        var bytes = Array("id,day,amount,who,note\n1,2024-01-01,2,a,ok\n2,2024-01-01,2,a,".utf8)
        bytes += [0xE4, 0xB8]  // a cut-off three-byte sequence
        bytes += Array("\n3,2024-01-01,2,\u{00FF}b,x\n".utf8)
        bytes += [0x34, 0x2C] + Array("2024-01-01,2,".utf8) + [0xC0, 0x80] + Array(",x\n".utf8)  // overlong NUL
        let r = try CSVReader.read(data: bytes, name: "u.csv", schema: Self.schema, options: Self.skip)
        #expect(r.table.rowCount == 2)
        #expect(r.rejected.map(\.line) == [3, 5])
        #expect(r.rejected.map(\.column) == ["#5", "who"])
        #expect(r.rejected.allSatisfy { $0.reason.hasPrefix(CSVFieldProblem.invalidUTF8.description) })
    }

    @Test func emptyFilesAndBlankHeaders() throws {
        for text in ["", "\n\n", "\r\n"] {
            #expect(throws: CSVError.emptyFile(file: "t.csv")) { try readCSV(text, Self.schema) }
        }
        #expect(throws: CSVError.emptyFile(file: "t.csv")) {
            try CSVReader.read(data: [0xEF, 0xBB, 0xBF], name: "t.csv", schema: Self.schema)
        }
    }

    @Test func absurdlyLongLineIsAnErrorNotAnAllocation() throws {
        let long = String(repeating: "x", count: 5000)
        let text = "id,day,amount,who\n1,2024-01-01,2,\(long)\n2,2024-01-01,2,b\n"
        let options = CSVReadOptions(policy: .skipInvalidRows, maxRecordBytes: 1000)
        let r = try readCSV(text, Self.schema, options)
        #expect(r.table.rowCount == 1)
        #expect(r.rejected.first?.error == .invalidRecord(file: "t.csv", line: 2, text: String(("1,2024-01-01,2," + long).prefix(200)), problem: .recordTooLong(limit: 1000)))
        #expect(throws: CSVError.self) { try readCSV(text, Self.schema, CSVReadOptions(maxRecordBytes: 1000)) }
        // A header beyond the limit.
        #expect(throws: CSVError.self) { try readCSV(long + "\n1\n", Self.schema, CSVReadOptions(maxRecordBytes: 100)) }
    }

    @Test func skipPolicyReportsEveryBadLineAndKeepsTheInvariant() throws {
        let text = """
        id,day,amount,who
        1,2024-01-01,1,a
        x,2024-01-01,1,a
        3,2024-02-30,1,a
        4,2024-01-01,1

        5,2024-01-01,"1",b
        6,2024-01-01,1,"c
        d"
        7,2024-01-01,NaN?,e
        8,2024-01-01,2,"unterminated

        """
        let r = try readCSV(text, Self.schema, Self.skip)
        #expect(try r.table.integers("id").values == [1, 5, 6])
        #expect(r.rejected.map(\.line) == [3, 4, 5, 10, 11])
        #expect(r.rejected.map(\.column) == ["id", "day", nil, "amount", nil])
        // 8 data records (the blank line 6 is not a record): 3 read + 5 rejected.
        #expect(r.dataRows == 8)
    }

    @Test func headerProblems() throws {
        #expect(throws: CSVError.duplicateHeader(file: "t.csv", header: "id")) {
            try readCSV("id,day,id,amount,who\n", Self.schema)
        }
        let bytes = Array("id,day,amount,".utf8) + [0xFF] + Array("\n".utf8)
        let headerError = try #require(#expect(throws: CSVError.self) {
            try CSVReader.read(data: bytes, name: "h.csv", schema: Self.schema)
        })
        #expect(headerError.description.hasPrefix("h.csv:1: column \"#4\": \"\u{FFFD}\" is not valid UTF-8"))
        // Headers are matched after trimming blanks, then case-insensitively.
        let r = try readCSV(" ID ;Day;AMOUNT;who\n1;2024-01-01;2;x\n", Self.schema)
        #expect(try r.table.integers("id").values == [1])
    }

    @Test func recordErrorDescriptions() {
        let e = CSVError.invalidRecord(file: "o.csv", line: 7, text: "1,2", problem: .wrongFieldCount(expected: 4, found: 2))
        #expect(e.description == "o.csv:7: expected 4 fields, found 2: \"1,2\"")
        #expect(RejectedRow(e).column == nil && RejectedRow(e).line == 7)
    }
}
