import Foundation
import Testing
import SalesNumerics
@testable import SalesData

@Suite("CSV reader: parallel chunks, streaming, writer round trip, mutations")
struct CSVReaderParallelTests {
    static let schema = CSVSchema([
        .init("id", .integer), .init("note", .string), .init("who", .category), .init("amount", .double),
        .init("day", .date), .init("at", .timestamp), .init("flag", .boolean), .init("month", .month),
    ])

    /// A seeded file whose notes hold quotes, delimiters and newlines (so chunk cuts land inside
    /// quoted fields), Chinese text, missing values, and every few rows a bad one.
    static func makeFile(rows: Int, bad: Bool, seed: UInt64 = 7) -> String {
        var g = SeededGenerator(seed: seed)
        let notes = ["plain", "has,comma", "say \"\"hi\"\"", "two\nlines", "三\r\n行\n文本", "", "NA"]
        var text = "id,note,who,amount,day,at,flag,month\n"
        for i in 0..<rows {
            let note = notes[g.nextInt(below: notes.count)]
            let quoted = note.isEmpty || note.contains(where: { ",\"\n\r".contains($0) }) || note == "NA" ? "\"\(note)\"" : note
            let amount = g.nextUnitDouble() < 0.1 ? "" : String((g.nextUnitDouble() - 0.3) * 1000)
            var day = "2024-0\(1 + g.nextInt(below: 9))-1\(g.nextInt(below: 10))"
            if bad, i % 37 == 5 { day = "2024-02-30" }
            let id = bad && i % 53 == 7 ? "12x" : String(i)
            let flag = g.nextInt(below: 2) == 0 ? "true" : "0"
            let line = "\(id),\(quoted),客户\(g.nextInt(below: 50)),\(amount),\(day),2024-03-05T10:11:12.5+08:00,\(flag),2023-1\(g.nextInt(below: 3))"
            text += bad && i % 61 == 3 ? line + ",extra\n" : line + "\n"
        }
        return text
    }

    @Test(arguments: [false, true])
    func parallelEqualsSingleThreaded(bad: Bool) throws {
        let data = Array(Self.makeFile(rows: 3000, bad: bad).utf8)
        let policy: CSVErrorPolicy = bad ? .skipInvalidRows : .strict
        let single = try Parallelism.withWorkers(1) {
            try CSVReader.read(data: data, name: "p.csv", schema: Self.schema,
                               options: CSVReadOptions(policy: policy, chunkBytes: 1 << 30))
        }
        for chunk in [97, 1000, 4096] {
            let parallel = try Parallelism.withWorkers(2) {
                try CSVReader.read(data: data, name: "p.csv", schema: Self.schema,
                                   options: CSVReadOptions(policy: policy, chunkBytes: chunk))
            }
            #expect(parallel.table == single.table)
            #expect(parallel.rejected == single.rejected)
        }
        #expect(single.dataRows == 3000)
        #expect(bad == !single.rejected.isEmpty)
    }

    @Test func strictParallelThrowsTheFirstErrorOfTheFile() throws {
        let data = Array(Self.makeFile(rows: 2000, bad: true).utf8)
        let single = #expect(throws: CSVError.self) {
            try CSVReader.read(data: data, name: "p.csv", schema: Self.schema, options: CSVReadOptions())
        }
        let parallel = #expect(throws: CSVError.self) {
            try CSVReader.read(data: data, name: "p.csv", schema: Self.schema, options: CSVReadOptions(chunkBytes: 500))
        }
        #expect(single == parallel)
        #expect(single?.line != nil)
    }

    @Test func streamingEqualsWholeFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.makeFile(rows: 2000, bad: true).utf8).write(to: url)
        let options = CSVReadOptions(policy: .skipInvalidRows, blockBytes: 3000)
        let whole = try CSVReader.read(file: url.path, schema: Self.schema, options: options)
        var ids: [Int64] = [], amounts: [Double] = [], who: [String] = [], rejected: [RejectedRow] = []
        var chunks = 0
        let summary = try CSVReader.forEachChunk(file: url.path, schema: Self.schema, options: options) { chunk in
            chunks += 1
            ids += try chunk.table.integers("id").values
            amounts += try chunk.table.doubles("amount").values
            who += try chunk.table.strings("who").values
            rejected += chunk.rejected
        }
        #expect(chunks > 10)
        #expect(ids == (try whole.table.integers("id").values))
        #expect(amounts == (try whole.table.doubles("amount").values))
        #expect(who == (try whole.table.strings("who").values))
        #expect(rejected == whole.rejected)
        #expect(summary.rows + summary.rejectedRows == 2000)
    }

    @Test func writerRoundTrips() throws {
        let original = try CSVReader.read(data: Array(Self.makeFile(rows: 500, bad: false).utf8), name: "w.csv", schema: Self.schema)
        let written = CSVWriter.bytes(of: original.table)
        let back = try CSVReader.read(data: written, name: "w2.csv", schema: Self.schema)
        #expect(back.table == original.table)
        // Doubles that need all 17 digits, extremes and specials survive.
        let values: [Double] = [0.1, 1.0 / 3, -2.5e-300, 1.7976931348623157e308, Double.leastNonzeroMagnitude, 123_456_789_012_345_680, .infinity]
        let table = try Table(columns: [Column(name: "x", values: .double(values))])
        let read = try CSVReader.read(data: CSVWriter.bytes(of: table), name: "d.csv", schema: CSVSchema([.init("x", .double)]))
        #expect(try read.table.doubles("x").values == values)
    }

    @Test func oneColumnTableWithMissingValuesRoundTrips() throws {
        // Found by the fuzzer: an empty field alone on its line is a blank line, which readers skip.
        for values in [ColumnValues.integer([1, 0, 3]), .string(["a", "", "NA"])] {
            let table = try Table(columns: [Column(name: "x", values: values, valid: [true, false, true])])
            let back = try CSVReader.read(data: CSVWriter.bytes(of: table), name: "one.csv",
                                          schema: CSVSchema([.init("x", values.type)]))
            #expect(back.table == table)
        }
    }

    @Test func timestampsConvertOffsetsToUTC() throws {
        let schema = CSVSchema([.init("at", .timestamp)])
        let r = try readCSV("at\n2024-03-05T10:11:12Z\n2024-03-05 18:11:12.999+08:00\n2024-03-05T05:41:12-0430\n2024-03-05\n", schema)
        // 2024-03-05T10:11:12Z = 1709633472 (`date -u -d 2024-03-05T10:11:12Z +%s`).
        #expect(try r.table.timestamps("at").values == [1_709_633_472, 1_709_633_472, 1_709_633_472, 1_709_596_800])
        #expect(CSVWriter.isoTimestamp(1_709_633_472) == "2024-03-05T10:11:12Z")
        #expect(CSVWriter.isoTimestamp(-1) == "1969-12-31T23:59:59Z")
        for bad in ["2024-03-05T24:00:00Z", "2024-03-05T10:61:00", "2024-03-05T10:11:12+25:00", "2024-03-05X"] {
            #expect(throws: CSVError.self) { try readCSV("at\n\(bad)\n", schema) }
        }
    }

    @Test func doublesAreCorrectlyRounded() throws {
        // Reference: Swift's own `Double(String)` (strtod, correctly rounded).
        var g = SeededGenerator(seed: 11)
        var texts: [String] = []
        for _ in 0..<2000 {
            let mantissa = String(g.next() % 10_000_000_000_000_000)
            let exponent = Int(g.nextInt(below: 60)) - 30
            let point = g.nextInt(below: max(1, mantissa.count))
            texts.append(String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point)) + "e\(exponent)")
        }
        let r = try readCSV("x\n" + texts.joined(separator: "\n") + "\n", CSVSchema([.init("x", .double)]))
        let parsed = try r.table.doubles("x").values
        for (text, value) in zip(texts, parsed) {
            #expect(value == Double(text), "\(text)")
        }
    }

    @Test func formattedNumbersOnlyWhenAllowed() throws {
        let plain = CSVSchema([.init("x", .double), .init("n", .integer)])
        let formatted = plain.allowingFormattedNumbers()
        let r = try readCSV("x,n\n\"¥1,234.5\",\"$1,000\"\n-€3,-£4\n￥0.5,\"1,234,567\"\n", formatted)
        #expect(try r.table.doubles("x").values == [1234.5, -3, 0.5])
        #expect(try r.table.integers("n").values == [1000, -4, 1_234_567])
        #expect(throws: CSVError.self) { try readCSV("x,n\n\"1,234.5\",1\n", plain) }
        #expect(throws: CSVError.self) { try readCSV("x,n\n\"1,23.5\",1\n", formatted) }
    }

    /// Seeded mutations of valid files: every outcome is a table or a `CSVError`, never a crash.
    @Test func mutatedInputsOnlyThrowTypedErrors() throws {
        var g = SeededGenerator(seed: 2024)
        let base = Array(Self.makeFile(rows: 40, bad: false).utf8)
        let alphabet: [UInt8] = Array("\",;\n\r\t 0123456789.-eE:TZ+NA年月日".utf8) + [0xFF, 0xC3, 0xE4, 0x00]
        var outcomes = (tables: 0, errors: 0)
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0...(g.nextInt(below: 6)) {
                let position = g.nextInt(below: max(1, bytes.count))
                switch g.nextInt(below: 4) {
                case 0: if !bytes.isEmpty { bytes[position] = alphabet[g.nextInt(below: alphabet.count)] }
                case 1: bytes.insert(alphabet[g.nextInt(below: alphabet.count)], at: position)
                case 2: if !bytes.isEmpty { bytes.remove(at: position) }
                default: bytes = Array(bytes.prefix(position))
                }
            }
            for policy in [CSVErrorPolicy.strict, .skipInvalidRows] {
                let options = CSVReadOptions(policy: policy, maxRecordBytes: 400, chunkBytes: 256)
                do {
                    let r = try CSVReader.read(data: bytes, name: "m.csv", schema: Self.schema, options: options)
                    outcomes.tables += 1
                    let single = try CSVReader.read(data: bytes, name: "m.csv", schema: Self.schema,
                                                    options: CSVReadOptions(policy: policy, maxRecordBytes: 400))
                    // Compared through the writer: NaN (`NAN` can be formed) is not equal to itself.
                    #expect(CSVWriter.bytes(of: single.table) == CSVWriter.bytes(of: r.table))
                    #expect(single.rejected == r.rejected)
                } catch {  // typed throws: only a CSVError can arrive here

                    outcomes.errors += 1
                }
            }
        }
        #expect(outcomes.tables > 100 && outcomes.errors > 100)
    }
}

/// Chunked reads where only some chunks hold missing values: the validity mask of the joined
/// column (materialized per chunk only when a missing value arrives) equals a one-piece read's.
@Suite struct CSVReaderChunkMaskTests {
    @Test(arguments: [0, 1, 2])
    func missingValuesInSomeChunksOnly(where region: Int) throws {
        var text = "id,amount,day,customer\n"
        let rows = 4_000
        for i in 0..<rows {
            let inRegion = region == 0 ? i < 200 : (region == 1 ? i >= rows - 200 : (i / 500) % 3 == 1)
            let amount = inRegion && i % 7 == 0 ? "NA" : "\(i).5"
            let customer = inRegion && i % 11 == 0 ? "" : "C\(i % 613)"
            text += "\(i),\(amount),2024-01-\(String(format: "%02d", 1 + i % 28)),\(customer)\n"
        }
        let schema = CSVSchema([.init("id", .integer), .init("amount", .double), .init("day", .date), .init("customer", .category)])
        let whole = try CSVReader.read(data: Array(text.utf8), name: "t.csv", schema: schema,
                                       options: CSVReadOptions(chunkBytes: 1 << 30))
        let chunked = try CSVReader.read(data: Array(text.utf8), name: "t.csv", schema: schema,
                                         options: CSVReadOptions(chunkBytes: 4_096))
        for name in ["id", "amount", "day", "customer"] {
            let a = try whole.table.column(name), b = try chunked.table.column(name)
            #expect(a.valid == b.valid, "column \(name)")
            #expect(a.values == b.values, "column \(name)")
        }
        #expect(try chunked.table.column("amount").valid.filter { !$0 }.count > 0)
    }
}
