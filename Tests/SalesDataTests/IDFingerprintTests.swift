import Foundation
import Testing
import SalesData
import SalesNumerics

@Suite("Id fingerprints")
struct IDFingerprintTests {
    /// Ids equal as written or after `IDNormalization` share a fingerprint; others almost never do.
    @Test func equalIdsAfterNormalizationShareAFingerprint() {
        #expect(IDFingerprint.of("17850") == IDFingerprint.of(" 17850"))
        #expect(IDFingerprint.of("17850") == IDFingerprint.of("17850.0"))
        #expect(IDFingerprint.of("17850") == IDFingerprint.of("17850.000 "))
        #expect(IDFingerprint.of("-7") == IDFingerprint.of("-7.0"))
        #expect(IDFingerprint.of("17850") != IDFingerprint.of("17851"))
        #expect(IDFingerprint.of("1.5") != IDFingerprint.of("1"))
        #expect(IDFingerprint.of("1.") != IDFingerprint.of("1"))  // not a float-formatted integer
        #expect(IDFingerprint.of("O-1") != IDFingerprint.of("O-10"))
        #expect(IDFingerprint.of("") == IDFingerprint.of("  "))
        // Long keys use every byte.
        let long = String(repeating: "x", count: 40)
        #expect(IDFingerprint.of(long + "a") != IDFingerprint.of(long + "b"))
    }

    @Test func findsARepeatAnywhereAndIgnoresInvalidRows() {
        var random = SystemRandomNumberGenerator()
        let n = 200_000
        var values = (0..<n).map { _ in Int64(bitPattern: random.next()) }
        #expect(!IDFingerprint.containsRepeat(values))
        for position in [1, n / 2, n - 1] {
            var copy = values
            copy[position] = copy[Int.random(in: 0..<position)]
            #expect(IDFingerprint.containsRepeat(copy))
        }
        // A repeat on an invalid row does not count.
        values[7] = values[3]
        var valid = [Bool](repeating: true, count: n)
        #expect(IDFingerprint.containsRepeat(values, valid: valid))
        valid[7] = false
        #expect(!IDFingerprint.containsRepeat(values, valid: valid))
        // Equal keys that all fall in one bucket (the same top bits) are still found.
        let clustered: [Int64] = (0..<500).map { Int64($0 / 2) }
        #expect(IDFingerprint.containsRepeat(clustered))
        #expect(!IDFingerprint.containsRepeat((0..<500).map { Int64($0) }))
        #expect(!IDFingerprint.containsRepeat([]) && !IDFingerprint.containsRepeat([5]))
        #expect(IDFingerprint.containsRepeat([5, 5]))
        // The same answers on one thread and on many.
        var late = values
        late[n - 2] = late[n - 1]
        for workers in [1, 2, 7] {
            Parallelism.withWorkers(workers) {
                #expect(IDFingerprint.containsRepeat(late))
                #expect(!IDFingerprint.containsRepeat(values, valid: valid))
            }
        }
    }

    /// A fingerprint field reads as integers equal to `IDFingerprint.of` of each field, with missing
    /// rows invalid, on one thread and in many chunks alike.
    @Test func aFingerprintFieldReadsTheFingerprintOfEachValue() throws {
        var text = "order_id,amount\n"
        var ids: [String?] = []
        for i in 0..<5_000 {
            let id: String? = i % 97 == 0 ? nil : (i % 5 == 0 ? " O\(i)" : "O\(i)")
            ids.append(id)
            text += "\(id.map { "\"\($0)\"" } ?? ""),\(i)\n"
        }
        let schema = CSVSchema([.init("order_id", .category), .init("amount", .double)]).fingerprinting("order_id")
        for chunkBytes in [1 << 30, 4_096] {
            var options = CSVReadOptions()
            options.chunkBytes = chunkBytes
            let table = try CSVReader.read(data: Array(text.utf8), name: "t.csv", schema: schema, options: options).table
            let column = try table.integers("order_id")
            #expect(column.values.count == ids.count)
            for (i, id) in ids.enumerated() {
                if let id {
                    #expect(column.valid.isEmpty || column.valid[i])
                    #expect(column.values[i] == IDFingerprint.of(id))
                } else {
                    #expect(!column.valid[i])
                }
            }
            #expect(!IDFingerprint.containsRepeat(column.values, valid: column.valid))
        }
    }

    /// Unquoted ids of every shape — 1 to 40 bytes, spaces at either end, dots (float-formatted
    /// integers and others), missing tokens, non-ASCII bytes, the last field of the file with no
    /// newline after it — read as `IDFingerprint.of` of each, in any column position, with the
    /// scalar tokenizer (which hashes short plain ids itself) and the structural one (which does not).
    @Test func unquotedIdsOfEveryShapeReadAsTheirFingerprint() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ0123456789-_.: ")
        var ids: [String?] = []
        for i in 0..<4_000 {
            switch i % 11 {
            case 0: ids.append(nil)
            case 1: ids.append("NA")
            case 2: ids.append("\(i).0")
            case 3: ids.append(" \(i)")
            case 4: ids.append("O\(i) ")
            case 5: ids.append("é\(i)")
            default:
                let length = Int.random(in: 1...40, using: &random)
                var id = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
                if id.contains(",") || id.isEmpty { id = "x" }
                ids.append(id)
            }
        }
        for idFirst in [true, false] {
            var text = idFirst ? "order_id,amount\n" : "amount,order_id\n"
            for (i, id) in ids.enumerated() {
                let field = id ?? ""
                text += idFirst ? "\(field),\(i)" : "\(i),\(field)"
                if i + 1 < ids.count { text += "\n" }
            }
            let schema = CSVSchema([.init("order_id", .category, allowsMissing: true), .init("amount", .double)])
                .fingerprinting("order_id")
            for tokenizer in [CSVTokenizer.scalar, .structural] {
                for chunkBytes in [1 << 30, 1_024] {
                    var options = CSVReadOptions()
                    options.chunkBytes = chunkBytes
                    options.tokenizer = tokenizer
                    let table = try CSVReader.read(data: Array(text.utf8), name: "t.csv", schema: schema, options: options).table
                    let column = try table.integers("order_id")
                    try #require(column.values.count == ids.count)
                    for (i, id) in ids.enumerated() {
                        if let id, id != "NA" {
                            #expect(column.valid.isEmpty || column.valid[i], "row \(i) \(id)")
                            #expect(column.values[i] == IDFingerprint.of(id), "row \(i) \(id) (\(tokenizer), \(chunkBytes))")
                        } else {
                            #expect(!column.valid.isEmpty && !column.valid[i], "row \(i)")
                        }
                    }
                }
            }
        }
    }

    /// A source decoded from standard input or gzip can be parsed twice, with the same result.
    @Test func aSourceParsesTwice() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("o.csv").path
        try "order_id,amount\nA,1\nB,2.5\n".write(toFile: plain, atomically: true, encoding: .utf8)
        let schema = CSVSchema([.init("order_id", .category), .init("amount", .double)])
        let source = try CSVSource(file: plain)
        let first = try source.read(schema: schema).table
        let second = try source.read(schema: schema.fingerprinting("order_id")).table
        #expect(try first.doubles("amount").values == [1, 2.5])
        #expect(try second.integers("order_id").values == [IDFingerprint.of("A"), IDFingerprint.of("B")])
        // A gzip file is decoded once into memory and parsed twice.
        let gzip = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/exports/orders_plain.csv.gz").path
        let zipped = try CSVSource(file: gzip)
        let orders = CSVSchema([.init("customer_id", .category), .init("amount", .double)])
        let once = try zipped.read(schema: orders).table
        let twice = try zipped.read(schema: orders).table
        #expect(once.rowCount > 0 && once == twice)
        #expect(try once == CSVReader.read(file: gzip, schema: orders).table)
        let empty = directory.appendingPathComponent("empty.csv").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: CSVError.self) { _ = try CSVSource(file: empty) }
        #expect(throws: CSVError.self) { _ = try CSVSource(file: directory.appendingPathComponent("none.csv").path) }
    }
}
