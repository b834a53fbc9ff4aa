import CZlib

/// Decompresses a gzip stream (one or more members, as `gzip` and `cat a.gz b.gz` write) from
/// another source with zlib, block by block.
final class GzipSource: ByteSource {
    private let upstream: ByteSource
    private let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 18
    private var upstreamEnded = false
    private var finished = false
    private var compressedBytes = 0

    /// - Throws: `CSVError.cannotRead` when zlib cannot start.
    init(_ upstream: ByteSource, name: String) throws {
        self.upstream = upstream
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: inputCapacity)
        // 15 + 16: a gzip wrapper (not raw deflate or zlib), the largest window.
        let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw CSVError.cannotRead(file: name, reason: "zlib cannot start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    private func refill() throws {
        guard !upstreamEnded else { return }
        let got = try upstream.read(input, inputCapacity)
        if got == 0 { upstreamEnded = true }
        compressedBytes += got
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(got)
    }

    func read(_ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> Int {
        guard !finished, count > 0 else { return 0 }
        let want = UInt32(min(count, Int(UInt32.max)))
        stream.pointee.next_out = buffer
        stream.pointee.avail_out = want
        while stream.pointee.avail_out == want {
            if stream.pointee.avail_in == 0 {
                try refill()
                if stream.pointee.avail_in == 0 {
                    throw ByteSourceFailure(reason: "the gzip data ends early: the file is truncated after "
                                            + "\(compressedBytes) compressed bytes (download or compress it again)")
                }
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow (concatenated .gz files); anything else ends the data.
                if stream.pointee.avail_in == 0 { try refill() }
                if stream.pointee.avail_in >= 2, stream.pointee.next_in[0] == 0x1F, stream.pointee.next_in[1] == 0x8B {
                    inflateReset(stream)
                    continue
                }
                finished = true
                return Int(want - stream.pointee.avail_out)
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ByteSourceFailure(reason: "the gzip data is corrupt (\(message)) after \(compressedBytes) "
                                        + "compressed bytes")
            }
        }
        return Int(want - stream.pointee.avail_out)
    }
}
