#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One block of records handed to the `CSVReader.forEachChunk` closure.
public struct CSVChunk: Sendable {
    /// The block's rows as typed columns (category levels are this chunk's own dictionary).
    public let table: Table
    /// The file line of each row of `table`.
    public let rowLines: RowLines
    /// Rows of this block skipped under `.skipInvalidRows`.
    public let rejected: [RejectedRow]
    /// The line number of the block's first record.
    public let firstLine: Int
}

/// Totals of a streamed read.
public struct CSVStreamSummary: Sendable {
    /// The header as it appears in the file.
    public let header: [String]
    /// Rows handed to the closure in all chunks.
    public let rows: Int
    /// Rows skipped in all chunks.
    public let rejectedRows: Int
}

extension CSVReader {
    /// The name errors use for an input path (`<stdin>` for `-`, else the path).
    /// - Parameter path: A path as given to the reader.
    /// - Returns: The display name.
    public static func displayName(ofInput path: String) -> String { InputSource.displayName(path) }

    /// Reads a CSV file block by block (about `options.blockBytes` each, cut at record boundaries)
    /// and hands each block's table to `body` — memory stays bounded by the block size plus the
    /// longest record, so aggregations can run over files larger than memory.
    ///
    /// Concatenating the chunks' rows gives the rows of `read(file:schema:options:)`.
    /// - Parameters:
    ///   - path: The file.
    ///   - schema: The wanted columns.
    ///   - options: Reader options (`blockBytes` is the block size).
    ///   - body: Called once per non-empty block, in file order.
    /// - Returns: Header and totals.
    /// - Throws: `CSVError` as `read(file:schema:options:)`, or what `body` throws.
    /// - Complexity: O(file bytes); memory O(blockBytes + maxRecordBytes).
    public static func forEachChunk(file path: String, schema: CSVSchema, options: CSVReadOptions = CSVReadOptions(),
                                    _ body: (CSVChunk) throws -> Void) throws -> CSVStreamSummary {
        let name = InputSource.displayName(path)
        let source = try InputSource.open(path, options: options)
        var buffer: [UInt8] = []
        var eof = false
        var line = 0
        // One block read per fill into a reused buffer, then appended with a single copy (growing
        // `buffer` element by element is slow in unoptimized builds: seconds per 32 MiB block).
        var block = [UInt8](repeating: 0, count: options.blockBytes)
        func fill() throws {
            let want = block.count
            let got: Int
            do {
                got = try block.withUnsafeMutableBufferPointer { b -> Int in
                    guard let base = b.baseAddress else { return 0 }
                    return try source.readFully(base, want)
                }
            } catch let failure as ByteSourceFailure {
                let pending = buffer.withUnsafeBufferPointer { b in
                    b.baseAddress.map { ChunkParser.countNewlines($0, $0 + b.count) } ?? 0
                }
                throw CSVError.unreadableInput(file: name, line: max(1, line) + pending, reason: failure.reason)
            }
            block.withUnsafeBufferPointer { b in buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<got])) }
            if got < want { eof = true }
        }
        // The header: read until its record is complete.
        var header: Header?
        while header == nil {
            try fill()
            let complete = buffer.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return false }
                return ChunkParser.recordEnd(from: base, to: base + b.count).0 < base + b.count
            }
            if complete || eof || buffer.count > options.maxRecordBytes + 3 {
                header = try buffer.withUnsafeBufferPointer { (b) throws -> Header in
                    guard let base = b.baseAddress, b.count > 0 else { throw CSVError.emptyFile(file: name) }
                    return try Header.parse(bytes: base, count: b.count, name: name, schema: schema, options: options)
                }
            }
        }
        guard let header else { throw CSVError.emptyFile(file: name) }
        buffer.removeFirst(header.endOffset)
        line = header.dataFirstLine
        var rows = 0, rejectedRows = 0
        var pendingRejections: [RejectedRow] = []
        while true {
            if !eof { try fill() }
            let boundary = eof ? buffer.count : lastRecordBoundary(buffer)
            if boundary == 0 {
                if eof { break }
                if buffer.count > options.maxRecordBytes {
                    let error = CSVError.invalidRecord(file: name, line: line,
                                                       text: String(decoding: buffer.prefix(200), as: UTF8.self),
                                                       problem: .recordTooLong(limit: options.maxRecordBytes))
                    guard options.policy == .skipInvalidRows else { throw error }
                    pendingRejections.append(RejectedRow(error))
                    rejectedRows += 1
                    line += try discardRecord(&buffer, source: source, name: name, eof: &eof, options: options)
                }
                continue
            }
            let (table, rowLines, rejected, newlines) = try buffer.withUnsafeBufferPointer { (b) throws in
                guard let base = b.baseAddress else { throw CSVError.emptyFile(file: name) }
                let outputs = ParallelParser.parse(layout: header.layout, base: base, count: boundary, options: options)
                return try ParallelParser.assemble(consume outputs, layout: header.layout, firstLine: line)
            }
            let chunk = CSVChunk(table: table, rowLines: rowLines, rejected: pendingRejections + rejected, firstLine: line)
            pendingRejections = []
            rows += table.rowCount
            rejectedRows += rejected.count
            line += newlines
            buffer.removeFirst(boundary)
            if table.rowCount > 0 || !chunk.rejected.isEmpty { try body(chunk) }
            if eof && buffer.isEmpty { break }
        }
        if !pendingRejections.isEmpty {
            try body(CSVChunk(table: try emptyTable(header.layout), rowLines: RowLines(), rejected: pendingRejections,
                              firstLine: line))
        }
        return CSVStreamSummary(header: header.names, rows: rows, rejectedRows: rejectedRows)
    }

    private static func emptyTable(_ layout: RecordLayout) throws -> Table {
        let outputs = [ChunkOutput(builders: layout.fields.map { ColumnBuilder(field: $0, reserve: 0, formats: layout.formats) })]
        return try ParallelParser.assemble(consume outputs, layout: layout, firstLine: 0).table
    }

    /// The offset just after the last `\n` at even quote parity (0 when there is none).
    static func lastRecordBoundary(_ buffer: [UInt8]) -> Int {
        buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return 0 }
            let end = base + b.count
            var boundary = 0
            var segment = base
            var inQuotes = false
            while segment < end {
                let quote = memchr(segment, 34, end - segment).map {
                    UnsafePointer($0.assumingMemoryBound(to: UInt8.self))
                } ?? end
                if !inQuotes {
                    var q = quote
                    while q > segment {
                        q -= 1
                        if q[0] == 10 { boundary = q - base + 1; break }
                    }
                }
                inQuotes.toggle()
                segment = quote + 1
            }
            return boundary
        }
    }

    /// Drops a too-long record (buffer starts at it) up to its parity boundary, reading on as
    /// needed; returns the newlines dropped.
    private static func discardRecord(_ buffer: inout [UInt8], source: ByteSource, name: String, eof: inout Bool,
                                      options: CSVReadOptions) throws -> Int {
        var inQuotes = false
        var newlines = 0
        while true {
            var cut = -1
            for (i, b) in buffer.enumerated() {
                if b == 34 { inQuotes.toggle() } else if b == 10 {
                    newlines += 1
                    if !inQuotes { cut = i + 1; break }
                }
            }
            if cut >= 0 { buffer.removeFirst(cut); return newlines }
            buffer.removeAll(keepingCapacity: true)
            if eof { return newlines }
            var block = [UInt8](repeating: 0, count: options.blockBytes)
            let got: Int
            do {
                got = try block.withUnsafeMutableBufferPointer { b -> Int in
                    guard let base = b.baseAddress else { return 0 }
                    return try source.readFully(base, b.count)
                }
            } catch let failure as ByteSourceFailure {
                throw CSVError.unreadableInput(file: name, line: 0, reason: failure.reason)
            }
            if got == 0 { eof = true }
            buffer = Array(block.prefix(got))
        }
    }
}

extension CSVReader {
    /// The header of a CSV file (decoded, delimiter detected or given as in `read`), read without
    /// the rest of the file.
    /// - Parameters:
    ///   - path: The file (`-` for standard input).
    ///   - options: Reader options (delimiter, encoding, `maxRecordBytes`).
    /// - Returns: The header's names, trimmed.
    /// - Throws: `CSVError` — unreadable or empty file, a malformed header.
    /// - Complexity: O(header bytes) beyond the first block.
    public static func header(file path: String, options: CSVReadOptions = CSVReadOptions()) throws -> [String] {
        let name = InputSource.displayName(path)
        let source = try InputSource.open(path, options: options)
        var buffer: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got: Int
            do {
                got = try block.withUnsafeMutableBufferPointer { b in try source.readFully(b.baseAddress!, b.count) }
            } catch let failure as ByteSourceFailure {
                throw CSVError.unreadableInput(file: name, line: 1, reason: failure.reason)
            }
            buffer.append(contentsOf: block[0..<got])
            let complete = buffer.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return false }
                var start = 0
                while start < b.count, b[start] == 10 || b[start] == 13 { start += 1 }
                return ChunkParser.recordEnd(from: base + start, to: base + b.count).0 < base + b.count
            }
            if complete || got < block.count || buffer.count > options.maxRecordBytes + 3 { break }
        }
        var quiet = options
        quiet.notices = nil
        return try buffer.withUnsafeBufferPointer { (b) throws -> [String] in
            guard let base = b.baseAddress, b.count > 0 else { throw CSVError.emptyFile(file: name) }
            return try Header.parse(bytes: base, count: b.count, name: name, schema: CSVSchema([]), options: quiet).names
        }
    }
}
