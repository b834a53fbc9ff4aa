import Testing
@testable import SalesData
import SalesNumerics

/// `ByteDictionary` against a reference: a Swift `Dictionary` that numbers keys in order of first
/// appearance. The numeric-suffix index and the hash table must give exactly those codes whatever
/// mix of key shapes, batch sizes and index retirements occurs.
@Suite struct ByteDictionaryTests {
    /// Encodes `keys` in batches of the given sizes (cycled); returns the codes.
    private func encode(_ keys: [String], batches: [Int], into dictionary: inout ByteDictionary) -> [Int32] {
        var codes = [Int32](repeating: -2, count: keys.count)
        var start = 0, b = 0
        while start < keys.count {
            let size = min(batches[b % batches.count], keys.count - start)
            b += 1
            var bytes: [UInt8] = []
            var offsets = [0]
            for key in keys[start..<(start + size)] {
                bytes.append(contentsOf: Array(key.utf8))
                offsets.append(bytes.count)
            }
            bytes.append(0)  // never an empty buffer
            let rows = Array(start..<(start + size))
            bytes.withUnsafeBufferPointer { raw in
                codes.withUnsafeMutableBufferPointer { out in
                    dictionary.encode(batch: raw.baseAddress!, offsets: offsets, rows: rows, into: out.baseAddress!)
                }
            }
            start += size
        }
        return codes
    }

    /// Codes in order of first appearance, and the distinct keys in that order.
    private func reference(_ keys: [String]) -> (codes: [Int32], levels: [String]) {
        var seen: [String: Int32] = [:]
        var levels: [String] = []
        let codes = keys.map { key -> Int32 in
            if let code = seen[key] { return code }
            let code = Int32(levels.count)
            seen[key] = code
            levels.append(key)
            return code
        }
        return (codes, levels)
    }

    private func check(_ keys: [String], expectedRows: Int = 0, batches: [Int] = [32]) -> ByteDictionary {
        var dictionary = ByteDictionary(expectedRows: expectedRows)
        let codes = encode(keys, batches: batches, into: &dictionary)
        let expected = reference(keys)
        #expect(codes == expected.codes)
        #expect(dictionary.strings() == expected.levels)
        #expect(dictionary.count == expected.levels.count)
        return dictionary
    }

    @Test func prefixedIdsUseTheSuffixIndexAndMatchTheReference() {
        var rng = SeededGenerator(seed: 3)
        let keys = (0..<50_000).map { _ in "C\(1 + rng.nextInt(below: 20_000))" }
        let dictionary = check(["C1"] + keys, batches: [1, 7, 32, 100])
        #expect(dictionary.usesNumericSuffixIndex)
    }

    @Test func otherShapesGoToTheHashTableWithConsistentCodes() {
        var generator = SeededGenerator(seed: 7)
        let shapes: [(Int) -> String] = [
            { "C\($0)" },            // the index's shape
            { "C0\($0)" },           // leading zero: not the variable-width shape
            { "X\($0)" },            // other prefix
            { "C\($0)000000000" },   // more than nine digits
            { "c\($0)x" },           // no numeric suffix
            { _ in "" },             // empty key
            { "顧客\($0)" },          // multi-byte prefix
        ]
        let keys = ["C5"] + (0..<40_000).map { _ in
            shapes[generator.nextInt(below: shapes.count)](generator.nextInt(below: 3_000))
        }
        let dictionary = check(keys, batches: [3, 32, 257])
        #expect(dictionary.usesNumericSuffixIndex)
    }

    @Test func zeroPaddedIdsKeepTheirWidth() {
        let keys = ["ORD-000123", "ORD-123", "ORD-000124", "ORD-000123", "ORD-0123", "ORD-123", "ORD-999999", "ORD-1000000"]
        let dictionary = check(keys, batches: [1, 2])
        #expect(dictionary.usesNumericSuffixIndex)
    }

    @Test func plainNumbersWithoutPrefix() {
        let keys = ["4711", "12", "4711", "0", "00", "012", "12", "999999999", "1000000000"]
        _ = check(keys, batches: [4])
    }

    @Test func sparseNumbersRetireTheIndexWithoutChangingCodes() {
        var generator = SeededGenerator(seed: 11)
        var keys = (0..<30_000).map { _ in "N\(100_000_000 + generator.nextInt(below: 899_999_999))" }
        keys += keys.prefix(5_000)  // repeats of keys inserted before the retirement
        let dictionary = check(keys, expectedRows: 1_000, batches: [32, 5])
        #expect(!dictionary.usesNumericSuffixIndex)
    }

    @Test func singleKeyCalls() {
        var dictionary = ByteDictionary()
        let keys = ["A10", "A11", "B", "A10", "A011", "B", "A11"]
        let codes = keys.map { key in
            Array(key.utf8).withUnsafeBufferPointer { dictionary.code($0.baseAddress!, $0.count) }
        }
        #expect(codes == reference(keys).codes)
        #expect(dictionary.strings() == reference(keys).levels)
    }
}
