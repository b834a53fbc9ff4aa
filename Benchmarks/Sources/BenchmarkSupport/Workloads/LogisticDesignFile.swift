import Foundation
import SalesKit

/// Reads a design file (compare/WORKLOADS.md layout: little-endian Float64, column-major x1…xp,
/// then y) into a `Matrix` and a label array: `pread(2)` straight into uninitialized storage (no
/// zero fill, no intermediate copy), in pieces read concurrently on the benchmark's two cores.
///
/// Most of the load time of a fresh 480 MB array is the kernel's page faults (zeroing each new page
/// before the read overwrites it, and on this KVM guest, whose balloon reports free 8 MB blocks to
/// the host, the host faulting the memory back in); they happen on the thread that first writes
/// a page, so concurrent pieces can spread them over both cores. The storage is deliberately *not*
/// advised as transparent huge pages (numpy does advise its arrays): measured here, huge pages
/// made the first large allocation after other work 2–3× slower (1.8–2.7 s against 0.7–1.0 s
/// with 4 KB pages), and were only faster when reusing huge pages another process had just freed.
public enum LogisticDesignFile {
    /// Reads `rows × features` features and `rows` labels.
    /// - Parameters:
    ///   - path: The design file.
    ///   - rows: Rows `n`.
    ///   - features: Feature columns `m`.
    /// - Returns: The `n × m` features and the `n` responses.
    /// - Throws: `BenchmarkError.io` when the file cannot be opened or read, `.malformedInput`
    ///   when its size is not `n·(m + 1)·8` bytes.
    /// - Complexity: O(n·m) bytes read once, in up to `pieces` concurrent reads.
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
        let x = try readArray(descriptor, path: path, count: rows * features, fileOffset: 0)
        let y = try readArray(descriptor, path: path, count: rows, fileOffset: rows * features * MemoryLayout<Double>.size)
        return (try Matrix(rows: rows, columns: features, columnMajor: x), y)
    }

    /// Pieces a large array is read in, concurrently (`pread` at disjoint offsets).
    static let pieces = 4

    /// `count` doubles from `fileOffset`, read into fresh uninitialized storage in `pieces`
    /// concurrent loops over disjoint byte ranges, each prefaulting its range, then `pread`.
    private static func readArray(_ descriptor: Int32, path: String, count: Int, fileOffset: Int) throws -> [Double] {
        let bytes = count * MemoryLayout<Double>.size
        let pieces = bytes >= 1 << 24 ? Self.pieces : 1
        let errors = ErrorSlots(buffer: .allocate(capacity: pieces))
        errors.buffer.initialize(repeating: 0)
        defer { errors.buffer.deallocate() }
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress, count > 0 else { return }
            let target = SendablePointer(address: UnsafeMutableRawPointer(base))
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                // Piece boundaries on 2 MB-aligned addresses (whole page-table leaves per piece).
                let unit = 2 << 20, origin = Int(bitPattern: target.address)
                func cut(_ k: Int) -> Int {
                    if k == 0 { return 0 }
                    if k == pieces { return bytes }
                    return Swift.min(bytes, (origin + k * (bytes / pieces) + unit - 1) / unit * unit - origin)
                }
                let lower = cut(piece), upper = cut(piece + 1)
                prefault(target.address + lower, bytes: upper - lower)
                var done = lower
                while done < upper {
                    let got = pread(descriptor, target.address + done, Swift.min(upper - done, 1 << 30), off_t(fileOffset + done))
                    if got < 0 && errno == EINTR { continue }
                    guard got > 0 else {
                        errors.buffer[piece] = got == 0 ? -1 : Int(errno)
                        return
                    }
                    done += got
                }
            }
            if errors.buffer.allSatisfy({ $0 == 0 }) { initialized = count }
        }
        if let code = errors.buffer.first(where: { $0 != 0 }) {
            throw BenchmarkError.io(path: path, reason: code == -1 ? "short read" : "read failed (errno \(code))")
        }
        return values
    }

    /// Per-piece error codes (0 = fine, −1 = short read, else errno), written by disjoint workers.
    private struct ErrorSlots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Int>
    }

    /// The destination of the concurrent reads; every piece writes its own disjoint byte range.
    private struct SendablePointer: @unchecked Sendable {
        let address: UnsafeMutableRawPointer
    }

    /// `madvise(MADV_POPULATE_WRITE)` (Linux ≥ 5.14; 23 in `<asm-generic/mman-common.h>`): faults
    /// in a whole range in one call instead of one exception per page during the read (measured
    /// about 10 % off the load here). Advice only: an older kernel rejects it and the read faults
    /// the pages in as usual.
    private static func prefault(_ start: UnsafeMutableRawPointer, bytes: Int) {
        let page = 4096, origin = Int(bitPattern: start)
        let lower = (origin + page - 1) / page * page, upper = (origin + bytes) / page * page
        guard upper > lower, let aligned = UnsafeMutableRawPointer(bitPattern: lower) else { return }
        _ = madvise(aligned, upper - lower, 23)
    }
}
