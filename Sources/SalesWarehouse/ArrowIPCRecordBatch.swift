/// Decodes a `RecordBatch` message's body against the schema: per column one field node
/// (length, null count) and its buffers — validity, then values (or offsets and data).
enum RecordBatchDecoder {
    static func decode(_ message: ArrowIPCStreamReader.Message, schema: ArrowSchema, stream: [UInt8]) throws -> ArrowRecordBatch {
        let batch = message.header
        let metadata = batch.buffer
        if try batch.field(3) != nil { throw metadata.error(.unsupported, batch.position, "a compressed record batch body") }
        let length64 = try batch.int64(0, default: 0)
        guard length64 >= 0, length64 <= Int64(Int32.max) else {
            throw metadata.error(.malformed, batch.position, "record batch length \(length64)")
        }
        let length = Int(length64)
        let nodes = try batch.vector(1, elementSize: 16) ?? (0, 0)
        let buffers = try batch.vector(2, elementSize: 16) ?? (0, 0)
        guard nodes.count == schema.fields.count else {
            throw ArrowIPCError(.schemaMismatch, offset: message.start, "\(nodes.count) field nodes for \(schema.fields.count) columns")
        }
        var body = BodyReader(stream: stream, start: message.bodyStart, length: message.bodyLength)
        var bufferIndex = 0
        /// The next buffer's (offset, length) within the body, checked.
        func nextBuffer() throws -> (Int, Int) {
            guard bufferIndex < buffers.count else {
                throw ArrowIPCError(.schemaMismatch, offset: message.start, "\(buffers.count) buffers are too few for the schema")
            }
            let at = buffers.start + 16 * bufferIndex
            bufferIndex += 1
            let offset = try metadata.i64(at), size = try metadata.i64(at + 8)
            guard offset >= 0, size >= 0, offset <= Int64(message.bodyLength), size <= Int64(message.bodyLength) - offset else {
                throw ArrowIPCError(.outOfBounds, offset: message.bodyStart, "buffer \(bufferIndex - 1) at \(offset)+\(size) outside the \(message.bodyLength)-byte body")
            }
            return (Int(offset), Int(size))
        }
        var columns: [ArrowColumn] = []
        columns.reserveCapacity(schema.fields.count)
        for (k, field) in schema.fields.enumerated() {
            let nodeAt = nodes.start + 16 * k
            let count64 = try metadata.i64(nodeAt), nulls64 = try metadata.i64(nodeAt + 8)
            guard count64 == length64, nulls64 >= 0, nulls64 <= count64 else {
                throw ArrowIPCError(.schemaMismatch, offset: message.start,
                                    "column \"\(field.name)\" has \(count64) rows (\(nulls64) null) in a batch of \(length)")
            }
            let validityBuffer = try nextBuffer()
            let validity = nulls64 == 0 ? nil : try body.bits(validityBuffer, count: length, what: "\(field.name) validity")
            let values: ArrowColumn.Values
            switch field.type {
            case .int32: values = .int32(try body.fixed(try nextBuffer(), count: length, what: field.name))
            case .int64: values = .int64(try body.fixed(try nextBuffer(), count: length, what: field.name))
            case .float64: values = .float64(try body.fixed(try nextBuffer(), count: length, what: field.name))
            case .date32: values = .date32(try body.fixed(try nextBuffer(), count: length, what: field.name))
            case .timestamp: values = .timestamp(try body.fixed(try nextBuffer(), count: length, what: field.name))
            case .bool: values = .bool(try body.bits(try nextBuffer(), count: length, what: field.name))
            case .decimal128: values = .decimal128(try body.decimals(try nextBuffer(), count: length, what: field.name))
            case .utf8:
                let offsets = try nextBuffer()
                values = .text(try body.strings(offsets: offsets, data: try nextBuffer(), count: length, wide: false, what: field.name))
            case .largeUTF8:
                let offsets = try nextBuffer()
                values = .text(try body.strings(offsets: offsets, data: try nextBuffer(), count: length, wide: true, what: field.name))
            }
            columns.append(ArrowColumn(field: field, values: values, validity: validity))
        }
        return ArrowRecordBatch(length: length, columns: columns)
    }
}

/// Reads typed values out of a message body (little-endian, unaligned loads, bounds checked
/// by the caller's buffer descriptors and again here against the counts).
struct BodyReader {
    let stream: [UInt8]
    let start: Int
    let length: Int

    func short(_ what: String, _ need: Int, _ have: Int) -> ArrowIPCError {
        ArrowIPCError(.outOfBounds, offset: start, "\(what): buffer of \(have) bytes, \(need) needed")
    }

    /// `count` fixed-width values (`T` is Int32, Int64 or Double).
    func fixed<T: FixedWidthInteger>(_ buffer: (Int, Int), count: Int, what: String) throws -> [T] {
        let need = count * MemoryLayout<T>.size
        guard buffer.1 >= need else { throw short(what, need, buffer.1) }
        let base = start + buffer.0
        return stream.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: base + $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }

    func fixed(_ buffer: (Int, Int), count: Int, what: String) throws -> [Double] {
        let bits: [UInt64] = try fixed(buffer, count: count, what: what)
        return bits.map { Double(bitPattern: $0) }
    }

    /// `count` bits, least significant first.
    func bits(_ buffer: (Int, Int), count: Int, what: String) throws -> [Bool] {
        let need = (count + 7) / 8
        guard buffer.1 >= need else { throw short(what, need, buffer.1) }
        let base = start + buffer.0
        return (0..<count).map { stream[base + ($0 >> 3)] & (1 << UInt8($0 & 7)) != 0 }
    }

    /// `count` 16-byte two's-complement decimals (low word first).
    func decimals(_ buffer: (Int, Int), count: Int, what: String) throws -> [Int128] {
        let need = count * 16
        guard buffer.1 >= need else { throw short(what, need, buffer.1) }
        let base = start + buffer.0
        return stream.withUnsafeBytes { raw in
            (0..<count).map {
                let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16 * $0, as: UInt64.self))
                let high = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16 * $0 + 8, as: Int64.self))
                return Int128(high) << 64 | Int128(low)
            }
        }
    }

    /// `count` strings from an offsets buffer (32- or 64-bit) and a data buffer.
    func strings(offsets: (Int, Int), data: (Int, Int), count: Int, wide: Bool, what: String) throws -> [String] {
        let width = wide ? 8 : 4
        if count == 0 { return [] }
        let need = (count + 1) * width
        guard offsets.1 >= need else { throw short("\(what) offsets", need, offsets.1) }
        let base = start + offsets.0, dataBase = start + data.0
        return try stream.withUnsafeBytes { raw in
            func offset(_ i: Int) -> Int64 {
                wide ? Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * i, as: Int64.self))
                    : Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: Int32.self)))
            }
            var out: [String] = []
            out.reserveCapacity(count)
            var previous = offset(0)
            guard previous >= 0, previous <= Int64(data.1) else {
                throw ArrowIPCError(.outOfBounds, offset: base, "\(what): string offset \(previous) outside \(data.1) data bytes")
            }
            for i in 1...count {
                let next = offset(i)
                guard next >= previous, next <= Int64(data.1) else {
                    throw ArrowIPCError(.outOfBounds, offset: base + width * i,
                                        "\(what): string offsets \(previous)…\(next) outside \(data.1) data bytes")
                }
                let bytes = UnsafeRawBufferPointer(rebasing: raw[(dataBase + Int(previous))..<(dataBase + Int(next))])
                out.append(String(decoding: bytes, as: UTF8.self))
                previous = next
            }
            return out
        }
    }
}
