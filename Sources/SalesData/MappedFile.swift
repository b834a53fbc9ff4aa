#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory (`mmap`), unmapped when released. Not `Sendable`:
/// the reader shares the bytes with its workers as a `SharedBuffer` while it keeps the mapping alive.
final class MappedFile {
    let bytes: UnsafePointer<UInt8>?
    let count: Int

    /// Maps `path`.
    /// - Throws: `CSVError.cannotRead` when the file cannot be opened, inspected or mapped.
    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVError.cannotRead(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVError.cannotRead(file: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw CSVError.cannotRead(file: path, reason: "not a regular file") }
        count = Int(info.st_size)
        if count == 0 {
            bytes = nil
            return
        }
        guard let raw = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw CSVError.cannotRead(file: path, reason: String(cString: strerror(errno)))
        }
        _ = madvise(raw, count, MADV_SEQUENTIAL)
        bytes = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `path` is a regular file (not a pipe, a device or missing).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    deinit {
        if let bytes { munmap(UnsafeMutableRawPointer(mutating: bytes), count) }
    }
}
