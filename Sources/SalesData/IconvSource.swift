#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Transcodes another source to UTF-8 with iconv, block by block.
///
/// Bytes that are not valid in the source encoding are not dropped or replaced silently: each is
/// written as the byte 0xFF, which is never valid UTF-8, so the reader reports the field that
/// holds it (`FILE:LINE: column "NAME": … is not valid GBK`).
final class IconvSource: ByteSource {
    private let upstream: ByteSource
    private let converter: iconv_t
    private let unit: Int
    private var input: [UInt8] = []
    private var start = 0
    private var upstreamEnded = false
    private var block = [UInt8](repeating: 0, count: 1 << 18)
    /// Converted bytes that did not fit the caller's buffer.
    private var spill: [UInt8] = []

    /// - Throws: `CSVError.cannotRead` when iconv has no converter for the encoding.
    init(_ upstream: ByteSource, from encoding: CSVEncoding, name: String) throws {
        self.upstream = upstream
        self.unit = encoding.unitBytes
        let cd = iconv_open("UTF-8", encoding.iconvName)
        guard let cd, Int(bitPattern: cd) != -1 else {
            throw CSVError.cannotRead(file: name, reason: "this system's iconv cannot convert \(encoding.displayName)")
        }
        converter = cd
    }

    deinit { iconv_close(converter) }

    private func refill() throws {
        if start > 0 {
            input.removeFirst(start)
            start = 0
        }
        let got = try block.withUnsafeMutableBufferPointer { b in try upstream.read(b.baseAddress!, b.count) }
        if got == 0 { upstreamEnded = true } else { input.append(contentsOf: block[0..<got]) }
    }

    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        if !spill.isEmpty {
            let n = min(count, spill.count)
            buffer.update(from: spill, count: n)
            spill.removeFirst(n)
            return n
        }
        guard count >= 8 else {
            // Less room than one character may need: convert into a small buffer and keep the rest.
            var small = [UInt8](repeating: 0, count: 8)
            let got = try small.withUnsafeMutableBufferPointer { b in try read(b.baseAddress!, 8) }
            let n = min(got, count)
            buffer.update(from: small, count: n)
            spill = Array(small[n..<got])
            return n
        }
        var produced = 0
        while produced == 0 {
            if start == input.count {
                if upstreamEnded { return 0 }
                try refill()
                continue
            }
            var outLeft = count - produced
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer + produced)
                .assumingMemoryBound(to: CChar.self)
            let available = input.count - start
            var inLeft = available
            let (status, error) = input.withUnsafeMutableBufferPointer { b -> (Int, Int32) in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(b.baseAddress! + start)
                    .assumingMemoryBound(to: CChar.self)
                let r = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (r, r == -1 ? errno : 0)
            }
            start += available - inLeft
            produced = count - outLeft
            guard status == -1 else { continue }
            switch error {
            case E2BIG:
                if produced == 0 { return 0 }
            case EILSEQ:
                // One undecodable unit: marked with 0xFF and skipped.
                if produced < count {
                    buffer[produced] = 0xFF
                    produced += 1
                    start = min(input.count, start + unit)
                }
            case EINVAL:
                // An incomplete character at the end of the input read so far.
                if upstreamEnded {
                    if produced < count {
                        buffer[produced] = 0xFF
                        produced += 1
                        start = input.count
                    }
                } else if produced == 0 {
                    try refill()
                }
            default:
                throw ByteSourceFailure(reason: "iconv failed: " + String(cString: strerror(error)))
            }
        }
        return produced
    }
}

/// Guesses, for the error message only, which encoding reads bytes that are not UTF-8.
enum EncodingHints {
    /// `bytes` decoded from `encoding`, or `nil` when they are not valid in it.
    static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, from encoding: CSVEncoding) -> String? {
        let cd = iconv_open("UTF-8", encoding.iconvName)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: n * 4 + 4)
        var input = Array(UnsafeBufferPointer(start: p, count: n))
        var inLeft = n, outLeft = output.count
        let status = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(i.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                return iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard status != -1, inLeft == 0 else { return nil }
        return String(decoding: output[0..<(output.count - outLeft)], as: UTF8.self)
    }

    /// The problem for a field that is not valid in the file's encoding, naming an encoding that
    /// reads it when the file was read as UTF-8.
    static func problem(_ p: UnsafePointer<UInt8>, _ n: Int, encoding: CSVEncoding) -> CSVFieldProblem {
        guard encoding == .utf8 else {
            return .undecodable(encoding: encoding.displayName, hint: "check the file's encoding: --encoding "
                                + CSVEncoding.allCases.map(\.rawValue).joined(separator: "|"))
        }
        // Chinese text in GBK/GB18030 is runs of two-byte characters (high bytes in even runs);
        // Western text in Windows-1252 has single high bytes between ASCII letters.
        var evenRuns = true, run = 0
        for k in 0...n {
            if k < n, p[k] >= 0x80 { run += 1; continue }
            if run % 2 == 1 { evenRuns = false; break }
            run = 0
        }
        if evenRuns, let text = decode(p, n, from: .gb18030),
           text.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
            return .undecodable(encoding: "UTF-8", hint: "it reads as GB18030 \"\(CSVError.excerpt(text))\": give --encoding gb18030")
        }
        if let text = decode(p, n, from: .windows1252) {
            return .undecodable(encoding: "UTF-8", hint: "it reads as Windows-1252 \"\(CSVError.excerpt(text))\": give --encoding windows-1252")
        }
        return .invalidUTF8
    }
}
