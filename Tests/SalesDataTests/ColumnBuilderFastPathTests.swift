import Testing
import SalesNumerics
@testable import SalesData

/// The column builder's fast paths (the date cache, the canonical 20-byte timestamp) must accept
/// exactly what the full field parsers accept, with the same values and the same problems.
@Suite struct ColumnBuilderFastPathTests {
    /// Mutates single bytes of valid timestamps (digits, separators, `T`/`Z`, out-of-range clock
    /// and calendar fields) and compares the builder with `FieldParsers.timestamp`.
    @Test func canonicalTimestampsMatchTheFullParser() {
        var generator = SeededGenerator(seed: 2024)
        let alphabet = Array("0123456789-/:TtZz +.年".utf8)
        let bases = ["2024-02-29T23:59:59Z", "1999-12-31 00:00:00Z", "2023-03-19T23:53:54Z", "2100-01-01T12:30:45Z"]
        var cases: [String] = bases + ["2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-01-01T24:00:00Z",
                                       "2024-01-01T10:60:00Z", "2024-01-01T10:00:60Z", "2024/01/01T10:00:00Z"]
        for _ in 0..<4_000 {
            var bytes = Array(bases[generator.nextInt(below: bases.count)].utf8)
            for _ in 0..<(1 + generator.nextInt(below: 2)) {
                bytes[generator.nextInt(below: bytes.count)] = alphabet[generator.nextInt(below: alphabet.count)]
            }
            cases.append(String(decoding: bytes, as: UTF8.self))
        }
        var builder = ColumnBuilder(field: CSVSchema.Field("t", .timestamp), reserve: 0)
        var accepted = 0
        for text in cases {
            let bytes = Array(text.utf8)
            let (viaBuilder, expected) = bytes.withUnsafeBufferPointer { b -> (Int64?, FieldParse<Int64>) in
                let before = builder.count
                let problem = builder.append(b.baseAddress!, b.count)
                let value: Int64? = problem == nil && builder.count == before + 1 ? builder.int64s.last : nil
                return (value, FieldParsers.timestamp(b.baseAddress!, b.count))
            }
            switch expected {
            case let .value(v):
                accepted += 1
                #expect(viaBuilder == v, "\(text)")
            case .failure:
                #expect(viaBuilder == nil, "\(text)")
            }
        }
        #expect(accepted > 500)
    }
}
