import Foundation
import SalesKit

/// Reads a design file (compare/WORKLOADS.md layout: little-endian Float64, column-major x1…xp,
/// then y) into a `Matrix` and a label array the way numpy's `fromfile` does: one `read(2)` pass
/// into uninitialized storage that is first advised as transparent-huge-page memory.
///
/// Why the advice matters: on this machine THP is `madvise`-only, numpy advises every large array
/// (`MADV_HUGEPAGE`), and a fresh 480 MB array otherwise costs 120,000 4 KB page faults, each
/// zeroing its page in the kernel before the read overwrites it — most of the load time. With
/// 2 MB pages the faults drop 512-fold (and the fit's passes over X miss the TLB less).
public enum LogisticDesignFile {
    /// Reads `rows × features` features and `rows` labels.
    /// - Parameters:
    ///   - path: The design file.
    ///   - rows: Rows `n`.
    ///   - features: Feature columns `m`.
    /// - Returns: The `n × m` features and the `n` responses.
    /// - Throws: `BenchmarkError.io` when the file cannot be opened or read, `.malformedInput`
    ///   when its size is not `n·(m + 1)·8` bytes.
    /// - Complexity: O(n·m) bytes read once.
    public static func read(path: String, rows: Int, features: Int) throws -> (x: Matrix, y: [Double]) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchmarkError.io(path: path, reason: "cannot open (errno \(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw BenchmarkError.io(path: path, reason: "cannot stat (errno \(errno))") }
        let expectedBytes = rows * (features + 1) * MemoryLayout<Double>.size
        guard Int(status.st_size) == expectedBytes else {
            throw BenchmarkError.malformedInput(path: path, reason: "size is not \(expectedBytes) bytes (\(rows) × \(features + 1) Float64)")
        }
        var failure: BenchmarkError?
        func readArray(_ count: Int) -> [Double] {
            [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = 0
                guard let base = buffer.baseAddress, count > 0 else { return }
                adviseHugePages(UnsafeMutableRawPointer(base), bytes: count * MemoryLayout<Double>.size)
                let bytes = count * MemoryLayout<Double>.size
                var done = 0
                while done < bytes {
                    let got = Foundation.read(descriptor, UnsafeMutableRawPointer(base) + done, Swift.min(bytes - done, 1 << 30))
                    if got < 0 && errno == EINTR { continue }
                    guard got > 0 else {
                        failure = .io(path: path, reason: got == 0 ? "short read" : "read failed (errno \(errno))")
                        return
                    }
                    done += got
                }
                initialized = count
            }
        }
        let x = readArray(rows * features)
        if let failure { throw failure }
        let y = readArray(rows)
        if let failure { throw failure }
        return (try Matrix(rows: rows, columns: features, columnMajor: x), y)
    }

    /// `madvise(MADV_HUGEPAGE)` on the 2 MB-aligned part of a fresh, untouched allocation. Advice
    /// only: a kernel without THP ignores it, and the read works the same.
    private static func adviseHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
    }
}
