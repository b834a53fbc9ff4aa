/// Reads an Arrow IPC *stream* (the format of Spark Connect's `ExecutePlanResponse.arrow_batch`
/// and of pyarrow's `ipc.new_stream`): a `Schema` message, then `RecordBatch` messages, then an
/// optional end-of-stream marker. Messages are framed as `0xFFFFFFFF`, a 32-bit metadata length,
/// the flatbuffer `Message`, then its body (the pre-0.15 framing without the marker is accepted).
///
/// Decodes int32, int64, double, date32, timestamp (every unit, with or without a time zone),
/// string, large_string, decimal128 and bool columns with their null bitmaps; any other type,
/// dictionary batches and compressed bodies throw `.unsupported`. Every offset and length is
/// checked against the bytes present: malformed or truncated input throws, never traps.
public enum ArrowIPCStreamReader {
    /// Decodes a whole stream.
    /// - Parameter bytes: The stream.
    /// - Returns: The schema and the record batches.
    /// - Throws: `ArrowIPCError` (`.truncated`, `.outOfBounds`, `.malformed`, `.unsupported`,
    ///   `.schemaMismatch`), with the byte offset.
    /// - Complexity: O(n) in the stream's size.
    public static func read(_ bytes: [UInt8]) throws -> ArrowIPCStream {
        var position = 0
        var schema: ArrowSchema?
        var batches: [ArrowRecordBatch] = []
        while position < bytes.count {
            guard let message = try nextMessage(bytes, at: &position) else {
                guard let schema else { throw ArrowIPCError(.malformed, offset: position, "end of stream before the schema") }
                return ArrowIPCStream(schema: schema, batches: batches, sawEndMarker: true)
            }
            switch message.headerType {
            case 1:
                guard schema == nil else { throw ArrowIPCError(.malformed, offset: message.start, "a second schema message") }
                schema = try ArrowSchema.decode(message.header)
            case 3:
                guard let schema else { throw ArrowIPCError(.malformed, offset: message.start, "a record batch before the schema") }
                batches.append(try RecordBatchDecoder.decode(message, schema: schema, stream: bytes))
            case 2:
                throw ArrowIPCError(.unsupported, offset: message.start, "a dictionary batch (dictionary-encoded columns)")
            default:
                throw ArrowIPCError(.unsupported, offset: message.start, "message type \(message.headerType) (tensor or sparse tensor)")
            }
        }
        guard let schema else { throw ArrowIPCError(.truncated, offset: position, "no schema message (empty stream)") }
        return ArrowIPCStream(schema: schema, batches: batches, sawEndMarker: false)
    }

    /// One framed message: its flatbuffer header and where its body lies in the stream.
    struct Message {
        let start: Int
        let headerType: UInt8
        let header: FlatTable
        let bodyStart: Int
        let bodyLength: Int
    }

    /// Reads the message at `position` and moves past its body; nil at the end-of-stream marker.
    static func nextMessage(_ bytes: [UInt8], at position: inout Int) throws -> Message? {
        let start = position
        func int32(_ at: Int) throws -> Int32 {
            guard at <= bytes.count - 4 else { throw ArrowIPCError(.truncated, offset: at, "the stream ends inside a message prefix") }
            return Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        var length = try int32(position)
        position += 4
        if length == -1 {
            length = try int32(position)
            position += 4
        }
        if length == 0 { return nil }
        guard length > 0 else { throw ArrowIPCError(.malformed, offset: start, "metadata length \(length)") }
        let metadataLength = Int(length)
        guard metadataLength <= bytes.count - position else {
            throw ArrowIPCError(.truncated, offset: start, "a \(metadataLength)-byte message header with \(bytes.count - position) bytes left")
        }
        let metadata = FlatBuffer(bytes: Array(bytes[position..<(position + metadataLength)]), base: position)
        position += metadataLength
        let message = try metadata.root()
        let version = try message.int16(0, default: 0)
        guard version >= 3 else {
            throw metadata.error(.unsupported, message.position, "metadata version V\(version + 1) (V4 or later is read)")
        }
        let headerType = try message.uint8(1, default: 0)
        guard let header = try message.table(2) else { throw metadata.error(.malformed, message.position, "a message without a header") }
        let bodyLength64 = try message.int64(3, default: 0)
        guard bodyLength64 >= 0, bodyLength64 <= Int64(bytes.count - position) else {
            throw ArrowIPCError(bodyLength64 < 0 ? .malformed : .truncated, offset: position,
                                "a \(bodyLength64)-byte message body with \(bytes.count - position) bytes left")
        }
        let bodyLength = Int(bodyLength64)
        defer { position += bodyLength }
        return Message(start: start, headerType: headerType, header: header, bodyStart: position, bodyLength: bodyLength)
    }
}
