/// Bounds-checked reading of the flatbuffers Arrow IPC metadata is written in (Message, Schema,
/// RecordBatch): little-endian scalars, tables through their vtables, strings, vectors.
/// Every read checks its bounds and throws `ArrowIPCError` (never traps on bad bytes).
struct FlatBuffer {
    let bytes: [UInt8]
    /// The offset of `bytes[0]` in the stream, for error messages.
    let base: Int

    func error(_ kind: ArrowIPCError.Kind, _ at: Int, _ detail: String) -> ArrowIPCError {
        ArrowIPCError(kind, offset: base + max(0, at), detail)
    }

    /// Little-endian unsigned integer of `width` bytes at `at`.
    func unsigned(_ at: Int, width: Int) throws -> UInt64 {
        guard at >= 0, width <= bytes.count, at <= bytes.count - width else {
            throw error(.outOfBounds, at, "a \(width)-byte value past the end of the \(bytes.count)-byte metadata")
        }
        var value: UInt64 = 0
        for k in 0..<width { value |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        return value
    }

    func u8(_ at: Int) throws -> UInt8 { UInt8(truncatingIfNeeded: try unsigned(at, width: 1)) }
    func i16(_ at: Int) throws -> Int16 { Int16(truncatingIfNeeded: try unsigned(at, width: 2)) }
    func u16(_ at: Int) throws -> Int { Int(try unsigned(at, width: 2)) }
    func i32(_ at: Int) throws -> Int32 { Int32(truncatingIfNeeded: try unsigned(at, width: 4)) }
    func u32(_ at: Int) throws -> Int { Int(try unsigned(at, width: 4)) }
    func i64(_ at: Int) throws -> Int64 { Int64(bitPattern: try unsigned(at, width: 8)) }

    /// The root table (a `uoffset` at byte 0).
    func root() throws -> FlatTable { try table(at: 0 + (try u32(0))) }

    /// The table whose start (its `soffset` to the vtable) is at `position`.
    func table(at position: Int) throws -> FlatTable {
        let soffset = Int(try i32(position))
        let vtable = position - soffset
        let vtableSize = try u16(vtable)
        guard vtableSize >= 4, vtableSize % 2 == 0, vtable + vtableSize <= bytes.count else {
            throw error(.malformed, vtable, "a flatbuffer vtable of size \(vtableSize)")
        }
        return FlatTable(buffer: self, position: position, vtable: vtable, fieldCount: (vtableSize - 4) / 2)
    }

    /// The target of the `uoffset` stored at `at`.
    func follow(_ at: Int) throws -> Int {
        let target = at + (try u32(at))
        guard target < bytes.count else { throw error(.outOfBounds, at, "an offset to \(target) past the metadata's end") }
        return target
    }
}

/// One flatbuffer table: fields by their index in the schema's declaration order.
struct FlatTable {
    let buffer: FlatBuffer
    let position: Int
    let vtable: Int
    let fieldCount: Int

    /// The absolute position of field `index`, nil when absent (default value).
    func field(_ index: Int) throws -> Int? {
        guard index < fieldCount else { return nil }
        let offset = try buffer.u16(vtable + 4 + 2 * index)
        return offset == 0 ? nil : position + offset
    }

    /// A scalar field read by `read` at its position, or `value` when absent.
    private func scalar<T>(_ index: Int, _ value: T, _ read: (Int) throws -> T) throws -> T {
        guard let at = try field(index) else { return value }
        return try read(at)
    }

    func int16(_ index: Int, default value: Int16) throws -> Int16 { try scalar(index, value, buffer.i16) }
    func int32(_ index: Int, default value: Int32) throws -> Int32 { try scalar(index, value, buffer.i32) }
    func int64(_ index: Int, default value: Int64) throws -> Int64 { try scalar(index, value, buffer.i64) }
    func uint8(_ index: Int, default value: UInt8) throws -> UInt8 { try scalar(index, value, buffer.u8) }
    func bool(_ index: Int, default value: Bool) throws -> Bool { try scalar(index, value) { try buffer.u8($0) != 0 } }

    /// A sub-table field (also a union's value).
    func table(_ index: Int) throws -> FlatTable? {
        guard let at = try field(index) else { return nil }
        return try buffer.table(at: try buffer.follow(at))
    }

    /// A string field (UTF-8; invalid sequences are repaired).
    func string(_ index: Int) throws -> String? {
        guard let at = try field(index) else { return nil }
        let start = try buffer.follow(at)
        let length = try buffer.u32(start)
        guard length <= buffer.bytes.count - start - 4 else {
            throw buffer.error(.outOfBounds, start, "a string of \(length) bytes past the metadata's end")
        }
        return String(decoding: buffer.bytes[(start + 4)..<(start + 4 + length)], as: UTF8.self)
    }

    /// A vector field: the position of its first element and its count; each element is
    /// `elementSize` bytes (4 for offsets to tables).
    func vector(_ index: Int, elementSize: Int) throws -> (start: Int, count: Int)? {
        guard let at = try field(index) else { return nil }
        let start = try buffer.follow(at)
        let count = try buffer.u32(start)
        guard count <= (buffer.bytes.count - start - 4) / elementSize else {
            throw buffer.error(.outOfBounds, start, "a vector of \(count) elements past the metadata's end")
        }
        return (start + 4, count)
    }

    /// A vector of tables.
    func tables(_ index: Int) throws -> [FlatTable] {
        guard let (start, count) = try vector(index, elementSize: 4) else { return [] }
        var out: [FlatTable] = []
        out.reserveCapacity(count)
        for k in 0..<count { out.append(try buffer.table(at: try buffer.follow(start + 4 * k))) }
        return out
    }
}
