import Testing
@testable import SalesData

/// Reads `text` (UTF-8) with `schema`.
func readCSV(_ text: String, _ schema: CSVSchema, _ options: CSVReadOptions = CSVReadOptions(),
             name: String = "t.csv") throws -> CSVReadResult {
    try CSVReader.read(data: Array(text.utf8), name: name, schema: schema, options: options)
}

@Suite("CSV reader: RFC 4180, encodings, schema")
struct CSVReaderTests {
    static let orders = CSVSchema([
        .init("order_id", .integer, required: false),
        .init("customer_id", .category),
        .init("order_date", .date),
        .init("amount", .double),
    ])

    @Test func plainFileWithTypes() throws {
        let r = try readCSV("order_id,customer_id,order_date,amount\n1,C1,2024-03-05,12.5\n2,C2,2024/03/06,-3\n3,C1,2024年3月7日,1e3\n", Self.orders)
        #expect(r.table.rowCount == 3)
        #expect(try r.table.integers("order_id").values == [1, 2, 3])
        #expect(try r.table.categories("customer_id").levels == ["C1", "C2"])
        #expect(try r.table.categories("customer_id").codes == [0, 1, 0])
        // 2024-03-05 = day 19787 (`date -d 2024-03-05 +%s` / 86400).
        #expect(try r.table.dates("order_date").values == [19_787, 19_788, 19_789])
        #expect(try r.table.doubles("amount").values == [12.5, -3, 1000])
        #expect(r.rejected.isEmpty)
    }

    @Test func quotedDelimitersNewlinesAndDoubledQuotes() throws {
        let schema = CSVSchema([.init("a", .string), .init("b", .category), .init("c", .integer)])
        let text = "a,b,c\n\"x,y\",\"he said \"\"hi\"\"\",1\n\"two\nlines\",\"\",2\r\n\"\",plain,3\n"
        let r = try readCSV(text, schema)
        #expect(try r.table.strings("a").values == ["x,y", "two\nlines", ""])
        #expect(try r.table.strings("a").valid == [true, true, true])  // quoted empty is a value
        #expect(try r.table.categories("b").levels == ["he said \"hi\"", "", "plain"])
        #expect(try r.table.integers("c").values == [1, 2, 3])
    }

    @Test func crlfBomAndNoTrailingNewline() throws {
        let schema = CSVSchema([.init("a", .integer), .init("b", .string)])
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,x\r\n2,y".utf8)
        let r = try CSVReader.read(data: bytes, name: "bom.csv", schema: schema)
        #expect(r.header == ["a", "b"])
        #expect(try r.table.integers("a").values == [1, 2])
        #expect(try r.table.strings("b").values == ["x", "y"])
    }

    @Test(arguments: [(",", nil), ("\t", nil), (";", nil), (";", UInt8(59))] as [(String, UInt8?)])
    func delimiters(_ d: String, _ explicit: UInt8?) throws {
        let schema = CSVSchema([.init("a", .integer), .init("b", .double)])
        let text = ["a", "b"].joined(separator: d) + "\n" + ["1", "2.5"].joined(separator: d) + "\n"
        let r = try readCSV(text, schema, CSVReadOptions(delimiter: explicit))
        #expect(try r.table.doubles("b").values == [2.5])
    }

    @Test func chineseHeadersMappedAndExtraColumnsIgnored() throws {
        let schema = Self.orders.mapped(["customer_id": "客户ID", "amount": "金额", "order_date": "下单日期"])
        let text = "备注,客户ID,下单日期,金额\n第一单,张三,2024-01-02,\"¥1,234.50\"\n,李四,2024-01-03,99\n"
        let r = try readCSV(text, schema.allowingFormattedNumbers())
        #expect(r.table.columnNames == ["customer_id", "order_date", "amount"])  // order_id absent: optional
        #expect(try r.table.categories("customer_id").levels == ["张三", "李四"])
        #expect(try r.table.doubles("amount").values == [1234.5, 99])
    }

    @Test func missingRequiredColumnListsTheHeader() throws {
        let error = #expect(throws: CSVError.self) { try readCSV("id,amount\n1,2\n", Self.orders) }
        #expect(error == .missingColumns(file: "t.csv", missing: ["customer_id", "order_date"], available: ["id", "amount"]))
        #expect(error?.description == "t.csv:1: missing required columns \"customer_id\", \"order_date\"; the file has: \"id\", \"amount\"")
    }

    @Test func mappedHeaderAbsentIsItsOwnErrorEvenForAnOptionalColumn() throws {
        let schema = Self.orders.mapped(["order_id": "Invoice", "amount": "Total"])
        let error = #expect(throws: CSVError.self) { try readCSV("customer_id,order_date,amount\nC1,2024-01-02,3\n", schema) }
        #expect(error == .mappedColumnsAbsent(file: "t.csv", mapped: [.init(contractName: "order_id", header: "Invoice"),
                                                                      .init(contractName: "amount", header: "Total")],
                                              available: ["customer_id", "order_date", "amount"]))
        #expect(error?.file == "t.csv" && error?.line == nil)
    }

    @Test func missingTokensConfigurable() throws {
        let schema = CSVSchema([.init("a", .integer), .init("b", .double), .init("c", .category)])
        let r = try readCSV("a,b,c\n,NA,null\nNULL,1,\"NA\"\n", schema)
        #expect(try r.table.integers("a").valid == [false, false])
        #expect(try r.table.doubles("b").valid == [false, true])
        #expect(try r.table.categories("c").codes == [-1, 0])   // a quoted "NA" is a value
        let custom = try readCSV("a,b,c\n-,1,x\n", schema, CSVReadOptions(missingValues: ["-"]))
        #expect(try custom.table.integers("a").valid == [false])
        #expect(throws: CSVError.self) { try readCSV("a,b,c\nNA,1,x\n", schema, CSVReadOptions(missingValues: ["-"])) }
        let strictSchema = CSVSchema([.init("a", .integer, allowsMissing: false)])
        #expect(throws: CSVError.invalidField(file: "t.csv", line: 2, column: "a", text: "", problem: .missingValue)) {
            try readCSV("a,b\n,1\n", strictSchema)
        }
    }

    @Test func headerOnlyIsAnEmptyTable() throws {
        let r = try readCSV("order_id,customer_id,order_date,amount\n", Self.orders)
        #expect(r.table.rowCount == 0)
        #expect(r.table.columnNames == ["order_id", "customer_id", "order_date", "amount"])
        #expect(try r.table.categories("customer_id").levels.isEmpty)
    }
}
