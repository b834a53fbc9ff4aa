#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesNumerics

/// Reading raw little-endian IEEE 754 binary64 files (numpy's `tofile`/`fromfile` format, the
/// benchmark design files) straight into `[Double]` storage.
///
/// Each array is allocated uninitialized (no zeroing pass) and filled by `pread(2)`, one copy from
/// the page cache. Most of the time of reading a 400 MB file from the page cache is the kernel
/// faulting in the fresh memory, on the thread that first writes each page; so arrays of 16 MiB
/// and more are read in four pieces concurrently, each piece first prefaulted in one call
/// (`MADV_POPULATE_WRITE`, Linux ≥ 5.14, a hint). Transparent huge pages (numpy's advice for its
/// large arrays) are deliberately not requested: on this project's KVM machine they made the first
/// large allocation after other work 2–3× slower.
public enum Float64File {
    /// Reads consecutive arrays from a file that holds exactly their values, in order.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - counts: The length of each array; the file must be exactly `8 · Σ counts` bytes.
    /// - Returns: One array per count, bit-exact copies of the file's values (NaN payloads included).
    /// - Throws: `Float64FileError.invalidCount` for a negative count or a total that overflows;
    ///   `.cannotOpen` when the file cannot be opened or is not a regular file; `.sizeMismatch`
    ///   (path, expected and actual bytes) when the file has another size; `.readFailed` for an I/O
    ///   error or a file that shrank while being read.
    /// - Complexity: O(Σ counts) time, no memory beyond the returned arrays.
    public static func read(path: String, counts: [Int]) throws -> [[Double]] {
        var total = 0
        for (index, count) in counts.enumerated() {
            let (bytes, overflowBytes) = count.multipliedReportingOverflow(by: 8)
            let (sum, overflowSum) = total.addingReportingOverflow(bytes)
            guard count >= 0, !overflowBytes, !overflowSum else {
                throw Float64FileError.invalidCount(path: path, index: index, count: count)
            }
            total = sum
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Float64FileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Float64FileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Float64FileError.cannotOpen(path: path, reason: "not a regular file") }
        guard Int(info.st_size) == total else {
            throw Float64FileError.sizeMismatch(path: path, expectedBytes: total, actualBytes: Int(info.st_size))
        }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        var arrays: [[Double]] = []
        arrays.reserveCapacity(counts.count)
        var offset = 0
        for count in counts {
            var failure: Float64FileError?
            let array = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = 0
                guard let base = buffer.baseAddress, count > 0 else { return }
                if let error = readConcurrently(fd, into: UnsafeMutableRawPointer(base), bytes: count * 8, fileOffset: offset) {
                    failure = .readFailed(path: path, offset: error.offset, reason: error.reason)
                } else {
                    initialized = count
                }
            }
            if let failure { throw failure }
            #if _endian(big)
            arrays.append(array.map { Double(bitPattern: $0.bitPattern.byteSwapped) })   // the file is little-endian
            #else
            arrays.append(array)
            #endif
            offset += count * 8
        }
        return arrays
    }

    /// Arrays at least this large are read in `pieces` pieces, concurrently on `Parallelism.workers` threads.
    static let concurrentBytes = 16 << 20
    static let pieces = 4

    /// Reads `bytes` bytes at `fileOffset` into `base`; the first failure (file offset, reason), if any.
    private static func readConcurrently(_ fd: Int32, into base: UnsafeMutableRawPointer, bytes: Int,
                                         fileOffset: Int) -> (offset: Int, reason: String)? {
        let pieces = bytes >= concurrentBytes ? Self.pieces : 1
        let errors = UnsafeMutablePointer<(offset: Int, reason: String)?>.allocate(capacity: pieces)
        errors.initialize(repeating: nil, count: pieces)
        defer { errors.deinitialize(count: pieces); errors.deallocate() }
        // The destination and the per-piece errors, shared with the readers (disjoint ranges).
        let destination = SharedBuffer(base.assumingMemoryBound(to: UInt8.self), count: bytes)
        let failures = SharedBuffer(errors, count: pieces)
        Parallel.forEach(pieces) { piece in
            let lower = piece * (bytes / pieces), upper = piece == pieces - 1 ? bytes : (piece + 1) * (bytes / pieces)
            let start = UnsafeMutableRawPointer(destination.base + lower)
            prefault(start, bytes: upper - lower)
            let got = readFully(fd, into: start, bytes: upper - lower, fileOffset: fileOffset + lower)
            if let error = got.error { failures[piece] = (fileOffset + lower + got.bytes, error) }
        }
        return (0..<pieces).lazy.compactMap { errors[$0] }.first
    }

    /// Faults in the whole pages of a range with one call (`MADV_POPULATE_WRITE`, 23 in
    /// `<asm-generic/mman-common.h>`) instead of one exception per page during the read. Advice
    /// only: a kernel without it rejects the call and the read faults the pages in as usual.
    private static func prefault(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let page = 4096, origin = Int(bitPattern: start)
        let lower = (origin + page - 1) / page * page, upper = (origin + bytes) / page * page
        guard upper - lower >= 1 << 20, let aligned = UnsafeMutableRawPointer(bitPattern: lower) else { return }
        _ = madvise(aligned, upper - lower, 23)
        #endif
    }

    /// `pread(2)` until `bytes` bytes have arrived (pieces of at most 1 GiB; `EINTR` retried).
    /// - Returns: The bytes read, and an error text when an error or the end of the file came first.
    private static func readFully(_ fd: Int32, into base: UnsafeMutableRawPointer, bytes: Int,
                                  fileOffset: Int) -> (bytes: Int, error: String?) {
        var done = 0
        while done < bytes {
            let piece = Swift.min(bytes - done, 1 << 30)
            let got = pread(fd, base + done, piece, off_t(fileOffset + done))
            if got < 0 {
                if errno == EINTR { continue }
                return (done, String(cString: strerror(errno)))
            }
            if got == 0 { return (done, "end of file after \(done) of \(bytes) bytes (the file shrank while being read)") }
            done += got
        }
        return (done, nil)
    }
}

/// Why `Float64File.read` failed; every case names the file.
public enum Float64FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A requested count is negative, or the total size overflows `Int`.
    case invalidCount(path: String, index: Int, count: Int)
    /// The file cannot be opened or inspected, or is not a regular file.
    case cannotOpen(path: String, reason: String)
    /// The file's size is not the `8 · Σ counts` bytes asked for.
    case sizeMismatch(path: String, expectedBytes: Int, actualBytes: Int)
    /// An I/O error (or an early end of file) at a byte offset.
    case readFailed(path: String, offset: Int, reason: String)

    /// A one-line explanation naming the file.
    public var description: String {
        switch self {
        case let .invalidCount(path, index, count):
            return "\(path): array \(index) has an invalid length \(count) (negative, or the total size overflows)"
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .sizeMismatch(path, expected, actual):
            return "\(path): \(actual) bytes, expected \(expected) (\(expected / 8) Float64 values)"
        case let .readFailed(path, offset, reason):
            return "\(path): read failed at byte \(offset): \(reason)"
        }
    }
}
