import Foundation
import Testing
import SalesNumerics
@testable import SalesData

/// The structural (SIMD) tokenizer against the scalar reference: the same table, row lines,
/// rejected rows and errors (file, line, column, text) on the fuzz corpus and on random mutations
/// of real-shaped files, under both error policies, serially and in parallel chunks.
@Suite("CSV reader: the structural tokenizer equals the scalar reference")
struct CSVStructuralTokenizerTests {
    /// What one read produced, comparable across tokenizers.
    enum Outcome: Equatable, CustomStringConvertible {
        case read(table: Table, written: [UInt8], lines: [Int], rejected: [RejectedRow], header: [String])
        case failed(CSVError)
        case other(String)

        var description: String {
            switch self {
            case let .read(table, _, lines, rejected, _):
                return "table \(table.rowCount) rows, lines \(lines.prefix(8))…, rejected \(rejected.prefix(3))"
            case let .failed(error): return "error \(error)"
            case let .other(text): return "other \(text)"
            }
        }
    }

    struct Setting: CustomStringConvertible {
        var policy: CSVErrorPolicy
        var maxRecordBytes = 1 << 20
        var chunkBytes = 1 << 30
        var workers = 1
        var description: String { "\(policy) max \(maxRecordBytes) chunk \(chunkBytes) workers \(workers)" }
    }

    static let settings: [Setting] = [
        Setting(policy: .strict), Setting(policy: .skipInvalidRows),
        Setting(policy: .skipInvalidRows, maxRecordBytes: 60),
        Setting(policy: .strict, chunkBytes: 97, workers: 2),
        Setting(policy: .skipInvalidRows, chunkBytes: 251, workers: 2),
    ]

    static func outcome(_ data: [UInt8], schema: CSVSchema, tokenizer: CSVTokenizer, _ setting: Setting) -> Outcome {
        do {
            let result = try Parallelism.withWorkers(setting.workers) {
                try CSVReader.read(data: data, name: "m.csv", schema: schema,
                                   options: CSVReadOptions(policy: setting.policy, maxRecordBytes: setting.maxRecordBytes,
                                                           chunkBytes: setting.chunkBytes, tokenizer: tokenizer))
            }
            return .read(table: result.table, written: CSVWriter.bytes(of: result.table), lines: result.rowLines.all,
                         rejected: result.rejected, header: result.header)
        } catch let error as CSVError {
            return .failed(error)
        } catch {
            return .other("\(error)")
        }
    }

    /// Checks every setting; returns the number of differences (each recorded as an issue).
    @discardableResult
    static func compare(_ data: [UInt8], schema: CSVSchema, label: String) -> Int {
        var differences = 0
        for setting in settings {
            let reference = outcome(data, schema: schema, tokenizer: .scalar, setting)
            let structural = outcome(data, schema: schema, tokenizer: .structural, setting)
            if structural != reference {
                differences += 1
                let shown = String(decoding: data.prefix(400), as: UTF8.self).debugDescription
                Issue.record("\(label) [\(setting)]: structural \(structural) ≠ scalar \(reference); input \(shown)")
            }
        }
        return differences
    }

    // MARK: Schemas

    /// The fuzzer's schema: every column type, all optional.
    static let fuzzSchema = CSVSchema([
        .init("id", .integer, required: false, allowsThousandsSeparator: true, allowsCurrencySymbol: true),
        .init("note", .string, required: false),
        .init("who", .category, required: false),
        .init("amount", .double, required: false, allowsThousandsSeparator: true, allowsCurrencySymbol: true),
        .init("day", .date, required: false),
        .init("at", .timestamp, required: false),
        .init("flag", .boolean, required: false),
        .init("month", .month, required: false),
    ])
    /// Two columns of the eight-column files: the others are ignored (but still UTF-8-checked).
    static let partialSchema = CSVSchema([.init("who", .category), .init("amount", .double, required: false)])
    /// The orders contract as the order log reads it (order ids as fingerprints).
    static let ordersSchema = ContractFile.orders.schema.fingerprinting("order_id")

    // MARK: Inputs

    /// The committed fuzz seeds (Tests/Fuzz/Corpus), which `make fuzz` starts from.
    static func corpus() throws -> [(String, [UInt8])] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fuzz/Corpus").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    /// An orders-shaped file: ids, customers, dates, amounts, with quoted and missing fields.
    static func ordersFile(rows: Int, seed: UInt64, crlf: Bool) -> String {
        var g = SeededGenerator(seed: seed)
        let eol = crlf ? "\r\n" : "\n"
        var text = "order_id,customer_id,order_date,amount" + eol
        for i in 0..<rows {
            let customer = g.nextInt(below: 4) == 0 ? "\"C\(g.nextInt(below: 90))\"" : "C\(g.nextInt(below: 90))"
            let amount = g.nextInt(below: 15) == 0 ? "" : String(format: "%.2f", g.nextUnitDouble() * 500 - 50)
            text += "O\(i + 1),\(customer),2023-0\(1 + g.nextInt(below: 9))-2\(g.nextInt(below: 8)),\(amount)" + eol
            if g.nextInt(below: 40) == 0 { text += eol }
        }
        return text
    }

    /// The parallel suite's eight-column file with long notes (fields spanning several 64-byte
    /// blocks, with quotes, delimiters and newlines inside).
    static func longFieldFile(rows: Int, seed: UInt64) -> String {
        var g = SeededGenerator(seed: seed)
        var text = "id,note,who,amount,day,at,flag,month\n"
        for i in 0..<rows {
            var note = ""
            for _ in 0..<g.nextInt(below: 300) {
                note += ["a", "b", ",", "\"\"", "\n", "\r\n", "é", "客", " ", "x"][g.nextInt(below: 10)]
            }
            text += "\(i),\"\(note)\",w\(g.nextInt(below: 5)),\(g.nextInt(below: 1000)).5,2024-01-0\(1 + g.nextInt(below: 9)),"
                + "2024-03-05T10:11:12Z,true,2023-1\(g.nextInt(below: 3))\n"
        }
        return text
    }

    /// A random mutation of `bytes`: bytes replaced, inserted, deleted or duplicated, chosen among
    /// the structural ones (quotes, delimiters, CR, LF), non-ASCII and invalid UTF-8 bytes.
    static func mutate(_ bytes: [UInt8], _ g: inout SeededGenerator) -> [UInt8] {
        let alphabet: [UInt8] = [34, 34, 44, 44, 10, 13, 59, 9, 0xFF, 0xC3, 0xE4, 0xB8, 32, 120, 48, 53, 0]
        var b = bytes
        for _ in 0..<(1 + g.nextInt(below: 4)) {
            guard !b.isEmpty else { b = [34]; continue }
            let at = g.nextInt(below: b.count)
            switch g.nextInt(below: 9) {
            case 0, 1: b[at] = alphabet[g.nextInt(below: alphabet.count)]
            case 2, 3: b.insert(alphabet[g.nextInt(below: alphabet.count)], at: at)
            case 4: b.remove(at: at)
            case 5: b.insert(contentsOf: [34, 34], at: at)
            case 6: b.insert(contentsOf: [13, 10], at: at)
            case 7:
                let length = min(b.count - at, 1 + g.nextInt(below: 80))
                b.insert(contentsOf: Array(b[at..<(at + length)]), at: at)
            default: b.removeLast(g.nextInt(below: min(b.count, 40)))
            }
        }
        if g.nextInt(below: 12) == 0 { b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
        return b
    }

    // MARK: Tests

    @Test func corpusReadsTheSameWithBothTokenizers() throws {
        let files = try Self.corpus()
        #expect(files.count >= 5)
        for (name, data) in files {
            Self.compare(data, schema: Self.fuzzSchema, label: name)
            Self.compare(data, schema: Self.partialSchema, label: name + " (partial schema)")
        }
    }

    @Test func cleanFilesReadTheSameAndTakeTheStructuralPath() throws {
        let inputs: [(String, [UInt8], CSVSchema)] = [
            ("orders LF", Array(Self.ordersFile(rows: 400, seed: 1, crlf: false).utf8), Self.ordersSchema),
            ("orders CRLF", Array(Self.ordersFile(rows: 400, seed: 2, crlf: true).utf8), Self.ordersSchema),
            ("orders BOM", [0xEF, 0xBB, 0xBF] + Array(Self.ordersFile(rows: 50, seed: 3, crlf: false).utf8), Self.ordersSchema),
            ("eight columns", Array(CSVReaderParallelTests.makeFile(rows: 400, bad: false).utf8), Self.fuzzSchema),
            ("eight columns, bad rows", Array(CSVReaderParallelTests.makeFile(rows: 400, bad: true).utf8), Self.fuzzSchema),
            ("long fields", Array(Self.longFieldFile(rows: 120, seed: 4).utf8), Self.fuzzSchema),
            ("long fields, partial", Array(Self.longFieldFile(rows: 60, seed: 5).utf8), Self.partialSchema),
        ]
        for (label, data, schema) in inputs {
            #expect(Self.compare(data, schema: schema, label: label) == 0)
        }
        // Clean files take the structural path for every record (no scalar fallback).
        for (label, data, schema) in inputs where !label.contains("bad") {
            #expect(try Self.fallbacks(data, schema: schema) == 0, "\(label)")
        }
        // Odd records go to the scalar tokenizer, one by one, and still match.
        let stray = Array("id,note\n1,ab\"c\n2,\"x\"y\n3,\"ok\"\r\n5,x\n4,\"open\n".utf8)
        let strict = CSVSchema([.init("id", .integer), .init("note", .string)])
        #expect(Self.compare(stray, schema: strict, label: "stray quotes") == 0)
        #expect(try Self.fallbacks(stray, schema: strict) >= 1)
    }

    /// Records the structural pass handed to the scalar tokenizer when reading `data` in one chunk.
    static func fallbacks(_ data: [UInt8], schema: CSVSchema) throws -> Int {
        let options = CSVReadOptions(policy: .skipInvalidRows, tokenizer: .structural)
        return try data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            let header = try Header.parse(bytes: base, count: buffer.count, name: "f.csv", schema: schema, options: options)
            var parser = ChunkParser(layout: header.layout, base: base + header.endOffset, count: buffer.count - header.endOffset)
            return parser.run(reserve: 16).scalarFallbacks
        }
    }

    @Test(arguments: 0..<6)
    func mutationsReadTheSame(seed: Int) throws {
        var g = SeededGenerator(seed: UInt64(1000 + seed))
        let bases: [([UInt8], CSVSchema)] = [
            (Array(Self.ordersFile(rows: 60, seed: UInt64(seed), crlf: seed % 2 == 1).utf8), Self.ordersSchema),
            (Array(CSVReaderParallelTests.makeFile(rows: 60, bad: seed % 2 == 0, seed: UInt64(seed)).utf8), Self.fuzzSchema),
            (Array(CSVReaderParallelTests.makeFile(rows: 60, bad: true, seed: UInt64(seed + 50)).utf8), Self.partialSchema),
            (Array(Self.longFieldFile(rows: 12, seed: UInt64(seed)).utf8), Self.fuzzSchema),
        ]
        var differences = 0
        for round in 0..<40 {
            for (k, (data, schema)) in bases.enumerated() {
                let mutated = Self.mutate(data, &g)
                differences += Self.compare(mutated, schema: schema, label: "seed \(seed) round \(round) base \(k)")
                if differences > 3 { return }
            }
        }
        #expect(differences == 0)
    }

    @Test(arguments: [false, true])
    func errorsNameFileLineAndColumn(crlf: Bool) throws {
        // Field errors found on the structural path (not handed to the scalar tokenizer) name the
        // file, the record's first line (counting the newlines inside quoted fields before it)
        // and the column; a malformed record names the file and line. Serially and in chunks.
        let eol = crlf ? "\r\n" : "\n"
        let lines = ["id,note,who,amount", "1,\"multi" + eol + "line, with a comma\",w1,3.5", "2,ok,w2,abc",
                     "3,\"a\"\"b\",w3,2x", "4,x,w4", "5,x,w\u{FFFD}\u{FFFD},1", "6,\"fine\",w6,7.25"]
        var bytes = Array(lines.joined(separator: eol).utf8) + Array(eol.utf8)
        // Line 7's "who" holds invalid UTF-8 (0xFF 0xFE) instead of the two U+FFFD placeholders.
        let placeholder = Array("\u{FFFD}\u{FFFD}".utf8)
        if let at = (0...(bytes.count - placeholder.count)).first(where: { Array(bytes[$0..<($0 + placeholder.count)]) == placeholder }) {
            bytes.replaceSubrange(at..<(at + placeholder.count), with: [0xFF, 0xFE])
        }
        let schema = CSVSchema([.init("id", .integer), .init("note", .string), .init("who", .category),
                                .init("amount", .double)])
        for (chunkBytes, workers) in [(1 << 30, 1), (23, 2)] {
            let strict = CSVReadOptions(policy: .strict, chunkBytes: chunkBytes, tokenizer: .structural)
            do {
                _ = try Parallelism.withWorkers(workers) {
                    try CSVReader.read(data: bytes, name: "e.csv", schema: schema, options: strict)
                }
                Issue.record("strict read of a bad file succeeded")
            } catch let error as CSVError {
                #expect(error == .invalidField(file: "e.csv", line: 4, column: "amount", text: "abc", problem: .notANumber))
                #expect(error.description == "e.csv:4: column \"amount\": \"abc\" is not a number")
            }
            let skip = CSVReadOptions(policy: .skipInvalidRows, chunkBytes: chunkBytes, tokenizer: .structural)
            let result = try Parallelism.withWorkers(workers) {
                try CSVReader.read(data: bytes, name: "e.csv", schema: schema, options: skip)
            }
            #expect(result.table.rowCount == 2)
            #expect(result.rowLines.all == [2, 8])
            #expect(result.rejected.map(\.file) == ["e.csv", "e.csv", "e.csv", "e.csv"])
            #expect(result.rejected.map(\.line) == [4, 5, 6, 7])
            #expect(result.rejected.map(\.column) == ["amount", "amount", nil, "who"])
            #expect(result.rejected.map(\.text).prefix(2) == ["abc", "2x"])
            #expect(result.rejected[2].reason == "expected 4 fields, found 3")
        }
        // Only the short record went to the scalar tokenizer: the field errors came from the
        // structural path itself.
        #expect(try Self.fallbacks(bytes, schema: schema) == 1)
        #expect(Self.compare(bytes, schema: schema, label: "errors") == 0)
    }

    @Test func structuralMasksMatchAByteScan() {
        // The index itself: every delimiter/LF outside quotes, found across block boundaries and
        // in the zero-padded last block, with the quote parity carried between blocks.
        var g = SeededGenerator(seed: 99)
        for length in [0, 1, 63, 64, 65, 127, 128, 200, 1000] {
            let alphabet: [UInt8] = [34, 44, 10, 13, 97, 0xE4]
            let bytes = (0..<length).map { _ in alphabet[g.nextInt(below: alphabet.count)] }
            var expected: [Int] = []
            var inside = false
            for (i, b) in bytes.enumerated() {
                if b == 34 { inside.toggle() } else if !inside, b == 44 || b == 10 { expected.append(i) }
            }
            var found: [Int] = []
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let tail = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
                defer { tail.deallocate() }
                var index = StructuralIndex(base: base, count: length, delimiter: 44, tail: tail)
                var s = 0
                while s < length {
                    let (e, _) = index.next(from: s)
                    if e < length { found.append(e) }
                    s = e + 1
                }
            }
            #expect(found == expected, "length \(length)")
        }
        #expect(StructuralIndex.prefixXor(0b1001) == 0b0111)
        #expect(StructuralIndex.prefixXor(1 << 63) == 1 << 63)
        #expect(StructuralIndex.prefixXor(1) == UInt64.max)
    }
}
