import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input stream could not deliver its bytes (a truncated gzip stream, a read error).
struct ByteSourceFailure: Error {
    var reason: String
}

/// A pull source of bytes: a file, standard input, or a decoder over another source.
protocol ByteSource: AnyObject {
    /// Reads up to `count` bytes into `buffer`.
    /// - Returns: The bytes read; 0 only at the end of the input.
    /// - Throws: `ByteSourceFailure`.
    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int
}

extension ByteSource {
    /// Reads until `count` bytes or the end of the input.
    func readFully(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        var total = 0
        while total < count {
            let got = try read(buffer + total, count - total)
            if got == 0 { break }
            total += got
        }
        return total
    }
}

/// An open file descriptor (closed when released).
final class FileDescriptorSource: ByteSource {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        while true {
            #if canImport(Glibc)
            let got = Glibc.read(fd, buffer, count)
            #else
            let got = Darwin.read(fd, buffer, count)
            #endif
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw ByteSourceFailure(reason: "cannot read: " + String(cString: strerror(errno)))
        }
    }
}

/// Bytes already in memory (standard input, a peeked prefix), then optionally another source.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let next: ByteSource?

    init(_ bytes: [UInt8], then next: ByteSource? = nil) {
        self.bytes = bytes
        self.next = next
    }

    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        if offset < bytes.count {
            let n = min(count, bytes.count - offset)
            bytes.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { buffer.update(from: base + offset, count: n) }
            }
            offset += n
            return n
        }
        return try next?.read(buffer, count) ?? 0
    }
}

/// The process's standard input, read once and kept: every reader of `-` in one process sees the
/// same bytes (a command may read its input twice).
final class StandardInput: Sendable {
    static let shared = StandardInput()
    private let bytes = Mutex<[UInt8]?>(nil)

    /// All of standard input (read on the first call, under the lock, so concurrent callers wait).
    func contents() throws -> [UInt8] {
        try bytes.withLock { stored in
            if let stored { return stored }
            var all: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 1 << 20)
            let source = FileDescriptorSource(fd: dup(0))
            while true {
                let got = try block.withUnsafeMutableBufferPointer { b -> Int in
                    guard let base = b.baseAddress else { return 0 }
                    return try source.read(base, b.count)
                }
                if got == 0 { break }
                all.append(contentsOf: block[0..<got])
            }
            stored = all
            return all
        }
    }
}

/// Opens an input for the reader: the file (or `-`, standard input), gunzipped when it starts
/// with gzip's magic bytes, transcoded to UTF-8 when its encoding is not UTF-8 (or it starts with
/// a UTF-16 byte-order mark).
enum InputSource {
    /// The name errors use for a path (`<stdin>` for `-`).
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Whether the first bytes of a file say it needs the decoding chain (gzip, UTF-16 BOM) or the
    /// options do (an encoding other than UTF-8).
    static func needsDecoding(prefix: UnsafeBufferPointer<UInt8>, options: CSVReadOptions) -> Bool {
        if options.encoding != .utf8 { return true }
        return isGzip(prefix) || utf16BOM(prefix)
    }

    static func isGzip(_ p: UnsafeBufferPointer<UInt8>) -> Bool { p.count >= 2 && p[0] == 0x1F && p[1] == 0x8B }
    static func utf16BOM(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))
    }

    /// The decoded byte stream of `path`.
    /// - Throws: `CSVError.cannotRead` when the file cannot be opened or its encoding is not
    ///   available; `ByteSourceFailure` from the first read.
    static func open(_ path: String, options: CSVReadOptions) throws -> ByteSource {
        let name = displayName(path)
        var source: ByteSource
        if path == "-" {
            do {
                source = MemorySource(try StandardInput.shared.contents())
            } catch let failure as ByteSourceFailure {
                throw CSVError.cannotRead(file: name, reason: failure.reason)
            }
        } else {
            let fd = openReadOnly(path)
            guard fd >= 0 else { throw CSVError.cannotRead(file: name, reason: String(cString: strerror(errno))) }
            source = FileDescriptorSource(fd: fd)
        }
        var head = try peek(&source, name: name)
        if head.withUnsafeBufferPointer({ isGzip($0) }) {
            source = try GzipSource(source, name: name)
            head = try peek(&source, name: name)
        }
        var encoding = options.encoding
        if encoding == .utf8, head.withUnsafeBufferPointer({ utf16BOM($0) }) {
            encoding = .utf16
            options.notices?.post("\(name): UTF-16 byte-order mark found: reading it as UTF-16")
        }
        if encoding != .utf8 {
            source = try IconvSource(source, from: encoding, name: name)
        }
        return source
    }

    /// The first bytes of `source`, with `source` replaced by one that still yields them.
    private static func peek(_ source: inout ByteSource, name: String) throws -> [UInt8] {
        var head = [UInt8](repeating: 0, count: 4)
        let got: Int
        do {
            got = try head.withUnsafeMutableBufferPointer { b in try source.readFully(b.baseAddress!, 4) }
        } catch let failure as ByteSourceFailure {
            throw CSVError.unreadableInput(file: name, line: 1, reason: failure.reason)
        }
        head.removeLast(4 - got)
        source = MemorySource(head, then: source)
        return head
    }

    /// All decoded bytes of `path` in memory.
    /// - Throws: `CSVError.cannotRead`, or `CSVError.unreadableInput` with the line where the
    ///   input broke off.
    static func readAll(_ path: String, options: CSVReadOptions) throws -> [UInt8] {
        let source = try open(path, options: options)
        var all: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got: Int
            do {
                got = try block.withUnsafeMutableBufferPointer { b in try source.read(b.baseAddress!, b.count) }
            } catch let failure as ByteSourceFailure {
                let line = all.withUnsafeBufferPointer { b in
                    b.baseAddress.map { ChunkParser.countNewlines($0, $0 + b.count) } ?? 0
                }
                throw CSVError.unreadableInput(file: displayName(path), line: line + 1, reason: failure.reason)
            }
            if got == 0 { break }
            all.append(contentsOf: block[0..<got])
        }
        return all
    }
}

/// `open(path, O_RDONLY)`.
private func openReadOnly(_ path: String) -> Int32 {
    open(path, O_RDONLY)
}
