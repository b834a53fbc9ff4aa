import Foundation
import SalesTestSupport
import SalesWarehouse
import Testing

/// ArrowIPCStreamReader against streams written by pyarrow 26 (Fixtures/arrow/arrow_fixtures.py
/// wrote the files and expected.json), and against every prefix and many corruptions of them.
@Suite("Arrow IPC stream reader")
struct ArrowIPCReaderTests {
    static let directory = WarehouseServers.packageRoot + "/Tests/SalesWarehouseTests/Fixtures/arrow/"

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + name + ".arrows")))
    }

    /// A JSON value of expected.json.
    enum Value: Decodable, Equatable {
        case null, bool(Bool), integer(Int64), double(Double), text(String)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int64.self) { self = .integer(i) } else if let d = try? c.decode(Double.self) { self = .double(d) }
            else { self = .text(try c.decode(String.self)) }
        }
    }

    struct Expected: Decodable {
        let schema: [String]
        let batches: [[String: [Value]]]
    }

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: URL(fileURLWithPath: directory + "expected.json")))
    }

    /// The column's values as expected.json writes them.
    static func plain(_ column: ArrowColumn) -> [Value] {
        let values: [Value]
        switch column.values {
        case let .int32(v): values = v.map { .integer(Int64($0)) }
        case let .int64(v): values = v.map { .integer($0) }
        case let .float64(v): values = v.map { .double($0) }
        case let .date32(v): values = v.map { .integer(Int64($0)) }
        case let .timestamp(v): values = v.map { .integer($0) }
        case let .text(v): values = v.map { .text($0) }
        case let .decimal128(v): values = v.map { .text(String($0)) }
        case let .bool(v): values = v.map { .bool($0) }
        }
        return values.indices.map { column.isNull($0) ? .null : values[$0] }
    }

    /// JSON integers that are whole doubles come back as integers; compare numerically.
    static func same(_ a: [Value], _ b: [Value]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case let (.double(p), .integer(q)), let (.integer(q), .double(p)): return p == Double(q)
            default: return x == y
            }
        }
    }

    @Test func everySupportedTypeWithNullsMatchesPyarrow() throws {
        let stream = try ArrowIPCStreamReader.read(try Self.bytes("all_types"))
        let expected = try #require(try Self.expected()["all_types"])
        #expect(stream.schema.fields.map { "\($0.name): \($0.type)" } == expected.schema.map {
            $0.replacingOccurrences(of: "date32[day]", with: "date32")
        })
        #expect(stream.sawEndMarker)
        #expect(stream.batches.count == expected.batches.count)
        #expect(stream.batches.map(\.length) == [6, 5, 1])
        for (batch, want) in zip(stream.batches, expected.batches) {
            for column in batch.columns {
                let values = try #require(want[column.field.name])
                #expect(Self.same(Self.plain(column), values), "\(column.field.name): \(Self.plain(column)) vs \(values)")
            }
        }
        let money = stream.batches[0].columns[10]
        #expect(money.field.type == .decimal128(precision: 12, scale: 2))
        #expect(stream.schema.fields[5].type == .timestamp(.millisecond, timezone: "Europe/Berlin"))
        #expect(stream.schema.fields[4].type == .timestamp(.second, timezone: nil))
    }

    @Test func emptyResultsAndTheLegacyFraming() throws {
        let schemaOnly = try ArrowIPCStreamReader.read(try Self.bytes("schema_only"))
        #expect(schemaOnly.batches.isEmpty && schemaOnly.schema.fields.map(\.name) == ["customer_id", "orders"])
        let zero = try ArrowIPCStreamReader.read(try Self.bytes("zero_rows"))
        #expect(zero.batches.count == 1 && zero.rowCount == 0)
        let legacy = try ArrowIPCStreamReader.read(try Self.bytes("legacy_framing"))
        let expected = try #require(try Self.expected()["legacy_framing"])
        #expect(legacy.batches.count == 1)
        for column in legacy.batches[0].columns {
            #expect(Self.same(Self.plain(column), try #require(expected.batches[0][column.field.name])))
        }
    }

    @Test(arguments: [("unsupported_list", "list"), ("unsupported_dictionary", "dictionary"),
                      ("unsupported_float32", "float32"), ("unsupported_compressed", "compressed")])
    func unsupportedInputIsATypedError(name: String, word: String) throws {
        let bytes = try Self.bytes(name)
        #expect { try ArrowIPCStreamReader.read(bytes) } throws: { error in
            guard let error = error as? ArrowIPCError else { return false }
            return error.kind == .unsupported && error.detail.contains(word)
        }
    }

    /// Every prefix of a stream that is not at a message boundary throws (most as `.truncated`);
    /// none traps. (A prefix ending exactly at a message boundary is a shorter valid stream.)
    @Test func everyTruncationThrowsOrIsAShorterStream() throws {
        let bytes = try Self.bytes("all_types")
        let full = try ArrowIPCStreamReader.read(bytes)
        var threw = 0, shorter = 0
        for length in 0..<bytes.count {
            do {
                let stream = try ArrowIPCStreamReader.read(Array(bytes[0..<length]))
                #expect(stream.rowCount < full.rowCount || !stream.sawEndMarker)
                #expect(!stream.sawEndMarker, "a prefix of \(length) bytes claims to be complete")
                shorter += 1
            } catch is ArrowIPCError {
                threw += 1
            }
        }
        #expect(threw > bytes.count - 10)
        #expect(shorter <= 4, "only the message boundaries parse: \(shorter)")
    }

    /// Seeded corruptions of single bytes and 32-bit words: a typed error or some decoded stream,
    /// never a trap.
    @Test func corruptedBytesNeverTrap() throws {
        var generator = SplitMix64(seed: 18)
        for name in ["all_types", "legacy_framing", "zero_rows"] {
            let bytes = try Self.bytes(name)
            for round in 0..<3000 {
                var corrupt = bytes
                let at = Int(generator.next() % UInt64(corrupt.count))
                if round % 2 == 0 {
                    corrupt[at] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                } else {
                    let word = [UInt32.max, 0x7FFF_FFFF, 0x8000_0000, UInt32(truncatingIfNeeded: generator.next())][round / 2 % 4]
                    for k in 0..<4 where at + k < corrupt.count { corrupt[at + k] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(k))) }
                }
                do { _ = try ArrowIPCStreamReader.read(corrupt) } catch is ArrowIPCError {}
            }
        }
    }

    @Test func garbageIsMalformedNotACrash() {
        for bytes: [UInt8] in [[], [0xFF], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0, 0, 0, 1, 2, 3],
                               [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], Array("not arrow at all, just text".utf8)] {
            #expect(throws: ArrowIPCError.self) { try ArrowIPCStreamReader.read(bytes) }
        }
    }
}
