import Foundation
import Testing
import SalesData

/// `Float64File.read` against bytes written here with `Data` (independent of the reader): the
/// values come back bit for bit, split at the requested counts; every bad file is a typed error
/// naming the path.
@Suite("Float64File")
struct Float64FileTests {
    /// Writes `values` as little-endian binary64 to a fresh temporary file.
    private func write(_ values: [Double], name: String) throws -> String {
        let path = NSTemporaryDirectory() + "float64file-\(name)-\(UUID().uuidString).f64"
        var data = Data(capacity: values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func returnsTheExactBitsSplitAtTheCounts() throws {
        // Special values whose bits a lossy path would change: −0, a NaN payload, subnormals, ±∞.
        let special: [Double] = [-0.0, Double(nan: 0x1234, signaling: false), .leastNonzeroMagnitude,
                                 -.leastNormalMagnitude, .infinity, -.infinity, .pi, 1e308]
        let path = try write(special + [1, 2, 3], name: "exact")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try Float64File.read(path: path, counts: [special.count, 0, 3])
        #expect(parts.count == 3)
        #expect(parts[0].map(\.bitPattern) == special.map(\.bitPattern))
        #expect(parts[1].isEmpty)
        #expect(parts[2] == [1, 2, 3])
    }

    @Test func largeArraysAreReadInConcurrentPiecesUnchanged() throws {
        // 20.8 MB in the first array: above the 16 MiB threshold of the concurrent piecewise read.
        // Its 4 pieces are 5,200,002 bytes, so piece boundaries fall inside values; the second
        // array starts at a file offset that is not page-aligned.
        let first = 2_600_001, second = 3
        let values = (0..<(first + second)).map { Double($0) * 0.5 - 1e5 }
        let path = try write(values, name: "large")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parts = try Float64File.read(path: path, counts: [first, second])
        #expect(parts[0] == Array(values[..<first]))
        #expect(parts[1] == Array(values[first...]))
    }

    @Test func aShortOrLongFileNamesPathAndSizes() throws {
        let path = try write([1, 2, 3], name: "short")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: Float64FileError.sizeMismatch(path: path, expectedBytes: 32, actualBytes: 24)) {
            try Float64File.read(path: path, counts: [3, 1])
        }
        #expect(throws: Float64FileError.sizeMismatch(path: path, expectedBytes: 16, actualBytes: 24)) {
            try Float64File.read(path: path, counts: [2])
        }
        let message = Float64FileError.sizeMismatch(path: path, expectedBytes: 32, actualBytes: 24).description
        #expect(message.contains(path) && message.contains("24 bytes") && message.contains("expected 32"))
    }

    @Test func missingFilesDirectoriesAndBadCountsThrow() throws {
        let missing = NSTemporaryDirectory() + "float64file-missing-\(UUID().uuidString).f64"
        do {
            _ = try Float64File.read(path: missing, counts: [1])
            Issue.record("a missing file was read")
        } catch let Float64FileError.cannotOpen(path, reason) {
            #expect(path == missing && !reason.isEmpty)
        }
        do {
            _ = try Float64File.read(path: NSTemporaryDirectory(), counts: [1])
            Issue.record("a directory was read")
        } catch let Float64FileError.cannotOpen(_, reason) {
            #expect(reason == "not a regular file" || !reason.isEmpty)
        }
        #expect(throws: Float64FileError.invalidCount(path: missing, index: 1, count: -1)) {
            try Float64File.read(path: missing, counts: [2, -1])
        }
        #expect(throws: Float64FileError.invalidCount(path: missing, index: 0, count: Int.max)) {
            try Float64File.read(path: missing, counts: [Int.max])
        }
    }
}
