#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading raw little-endian IEEE 754 binary64 files (numpy's `tofile`/`fromfile` format, the
/// benchmark design files) straight into `[Double]` storage.
///
/// Each array is allocated uninitialized (no zeroing pass) and filled by `read(2)` in pieces of at
/// most 1 GiB, one copy from the page cache; on Linux large arrays are advised for transparent
/// huge pages (`MADV_HUGEPAGE`, as numpy does for its large allocations), which cuts the cost of
/// faulting in fresh memory — the dominant cost of reading a 400 MB file from the page cache —
/// by two orders of magnitude in page faults.
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
    public static func read(path: String, counts: [Int]) throws(Float64FileError) -> [[Double]] {
        var total = 0
        for (index, count) in counts.enumerated() {
            let (bytes, overflowBytes) = count.multipliedReportingOverflow(by: 8)
            let (sum, overflowSum) = total.addingReportingOverflow(bytes)
            guard count >= 0, !overflowBytes, !overflowSum else {
                throw .invalidCount(path: path, index: index, count: count)
            }
            total = sum
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .cannotOpen(path: path, reason: "not a regular file") }
        guard Int(info.st_size) == total else {
            throw .sizeMismatch(path: path, expectedBytes: total, actualBytes: Int(info.st_size))
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
                guard let base = buffer.baseAddress, count > 0 else { initialized = 0; return }
                adviseHugePages(UnsafeMutableRawPointer(base), bytes: count * 8)
                let got = readFully(fd, into: UnsafeMutableRawPointer(base), bytes: count * 8)
                if let error = got.error {
                    failure = .readFailed(path: path, offset: offset + got.bytes, reason: error)
                    initialized = got.bytes / 8   // whole values read so far; the array is dropped
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

    /// `read(2)` until `bytes` bytes have arrived (pieces of at most 1 GiB; `EINTR` retried).
    /// - Returns: The bytes read, and an error text when an error or the end of the file came first.
    private static func readFully(_ fd: Int32, into base: UnsafeMutableRawPointer, bytes: Int) -> (bytes: Int, error: String?) {
        var done = 0
        while done < bytes {
            let piece = Swift.min(bytes - done, 1 << 30)
            let got = systemRead(fd, base + done, piece)
            if got < 0 {
                if errno == EINTR { continue }
                return (done, String(cString: strerror(errno)))
            }
            if got == 0 { return (done, "end of file after \(done) of \(bytes) bytes (the file shrank while being read)") }
            done += got
        }
        return (done, nil)
    }

    /// Asks for transparent huge pages on the whole pages inside `[base, base + bytes)` when the
    /// range spans at least 4 MiB (Linux only; a hint: failure changes nothing but speed).
    private static func adviseHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 4 << 20 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + bytes) / page * page
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
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

/// `read(2)` (a free function: inside `Float64File` the name `read` means the static method).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
