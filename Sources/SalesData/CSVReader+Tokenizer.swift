#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row error found inside a chunk, with its line counted from the chunk's first line (0-based).
struct ChunkRowError {
    var relativeLine: Int
    var error: CSVError
}

/// What parsing one chunk of records produced.
struct ChunkOutput {
    var builders: [ColumnBuilder]
    var rows = 0
    /// The line of each accepted row, counted from the chunk's first line (0-based; a chunk is at
    /// most `Int32.max` bytes, so it fits).
    var rowLines: [Int32] = []
    /// Newlines consumed (including those inside quoted fields and blank lines).
    var newlines = 0
    /// Rows skipped (skip policy), or the single error that stopped the chunk (strict policy).
    var errors: [ChunkRowError] = []
    /// Records the structural tokenizer handed to the scalar one (not plain RFC 4180, or bad).
    var scalarFallbacks = 0
}

/// The shared, read-only description of how records map onto the schema's columns.
struct RecordLayout: Sendable {
    let file: String
    let delimiter: UInt8
    /// `targets[i]` is the schema field index fed by file column `i`, or -1 when ignored.
    let targets: [Int]
    let fields: [CSVSchema.Field]
    /// The schema's rules across fields, applied after each chunk is assembled.
    let rowRules: [CSVSchema.RowRule]
    let missingTokens: [[UInt8]]
    /// Missing tokens of up to 8 bytes packed little-endian, with their lengths (the fast check).
    let shortTokenWords: [UInt64]
    let shortTokenLengths: [Int]
    let maxMissingLength: Int
    let policy: CSVErrorPolicy
    let maxRecordBytes: Int
    /// Which tokenizer splits the records (`CSVReadOptions.tokenizer`).
    let tokenizer: CSVTokenizer
    /// The file's encoding before transcoding (for the message of an undecodable field).
    let encoding: CSVEncoding
    /// How dates, timestamps and numbers are read.
    let formats: FieldFormats
    /// Byte classes for unquoted scanning: 1 for delimiter, `\n`, `\r`, `"`, and bytes ≥ 0x80.
    let stopBytes: [Bool]
    /// The file column read as fingerprints (`CSVSchema.Field.readsFingerprints`), or -1: the
    /// tokenizer hashes its short plain fields itself (`IDFingerprint.ofShortPlain`) instead of
    /// going through `deliver`.
    let fingerprintColumn: Int

    init(file: String, delimiter: UInt8, targets: [Int], fields: [CSVSchema.Field], rowRules: [CSVSchema.RowRule] = [],
         options: CSVReadOptions) {
        self.file = file
        self.rowRules = rowRules
        self.delimiter = delimiter
        self.targets = targets
        self.fields = fields
        self.missingTokens = options.missingValues.map { Array($0.utf8) }
        self.maxMissingLength = missingTokens.map(\.count).max() ?? -1
        let short = missingTokens.filter { $0.count <= 8 }
        self.shortTokenWords = short.map { token in
            token.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        self.shortTokenLengths = short.map(\.count)
        self.policy = options.policy
        self.maxRecordBytes = options.maxRecordBytes
        self.tokenizer = options.tokenizer
        self.encoding = options.encoding
        self.formats = FieldFormats(dateFormat: options.dateFormat, zone: options.timeZone, numbers: options.numberFormat)
        var stop = [Bool](repeating: false, count: 256)
        for b in [delimiter, 10, 13, 34] { stop[Int(b)] = true }
        for b in 0x80...0xFF { stop[b] = true }
        self.stopBytes = stop
        let fingerprinted = fields.indices.filter { fields[$0].readsFingerprints }
        self.fingerprintColumn = fingerprinted.count == 1 ? (targets.firstIndex(of: fingerprinted[0]) ?? -1) : -1
    }

    @inline(__always)
    func isMissing(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n > maxMissingLength { return false }
        if n <= 8 {
            var word: UInt64 = 0
            for k in 0..<n { word |= UInt64(p[k]) << (8 * UInt64(k)) }
            return shortTokenWords.withUnsafeBufferPointer { words in
                shortTokenLengths.withUnsafeBufferPointer { lengths in
                    for t in 0..<words.count where lengths[t] == n && words[t] == word { return true }
                    return false
                }
            }
        }
        for token in missingTokens where token.count == n {
            if n == 0 { return true }
            var same = true
            for k in 0..<n where token[k] != p[k] { same = false; break }
            if same { return true }
        }
        return false
    }
}

/// The RFC 4180 tokenizer fused with field parsing: runs over one chunk's bytes (which start at
/// a record boundary), splits records into fields in place and feeds the mapped fields to the
/// column builders.
///
/// Record boundaries follow quote parity: a record ends at the first `\n` after an even number of
/// `"` bytes since its start. The parallel splitter uses the same rule, so a file cut anywhere
/// parses into the same records; a malformed record (stray quote) is resynchronised by that rule.
struct ChunkParser {
    let layout: RecordLayout
    let base: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    private var scratch: [UInt8] = []

    init(layout: RecordLayout, base: UnsafePointer<UInt8>, count: Int) {
        self.layout = layout
        self.base = base
        self.end = base + count
    }

    /// Parses every record of the chunk, with the structural indexer (`CSVStructuralIndex.swift`)
    /// when the layout asks for it and the delimiter allows it, else byte by byte.
    /// - Parameter reserve: Rows to reserve per column (an estimate).
    mutating func run(reserve: Int) -> ChunkOutput {
        var output = ChunkOutput(builders: [])
        output.rowLines.reserveCapacity(reserve)
        let builderCount = layout.fields.count
        let builders = UnsafeMutablePointer<ColumnBuilder>.allocate(capacity: max(1, builderCount))
        for (i, field) in layout.fields.enumerated() { (builders + i).initialize(to: ColumnBuilder(field: field, reserve: reserve, formats: layout.formats)) }
        let categoryBuilders = layout.fields.indices.filter { layout.fields[$0].type == .category }
        let end = self.end
        layout.stopBytes.withUnsafeBufferPointer { stop in
            if layout.tokenizer == .structural, StructuralIndex.supports(delimiter: layout.delimiter) {
                runStructural(output: &output, builders: builders, categoryBuilders: categoryBuilders, stop: stop)
                return
            }
            var p = base
            while p < end {
                // Blank lines are not records.
                if p[0] == 10 { output.newlines += 1; p += 1; continue }
                if p[0] == 13, p + 1 < end, p[1] == 10 { output.newlines += 1; p += 2; continue }
                let recordLine = output.newlines
                let problem = scalarRecord(&p, output: &output, builders: builders, stop: stop)
                if !finishRecord(problem, line: recordLine, output: &output, builders: builders,
                                 categoryBuilders: categoryBuilders) { return }
            }
        }
        for b in categoryBuilders { builders[b].flushCategories() }
        output.builders = (0..<builderCount).map { (builders + $0).move() }
        builders.deallocate()
        return output
    }

    /// Counts a parsed record: a row when `problem` is nil (its line recorded, full category
    /// batches flushed), else its error, with the builders truncated back to the accepted rows.
    /// - Returns: `false` when parsing must stop (the strict policy's first error).
    @inline(__always)
    func finishRecord(_ problem: CSVError?, line recordLine: Int, output: inout ChunkOutput,
                      builders: UnsafeMutablePointer<ColumnBuilder>, categoryBuilders: [Int]) -> Bool {
        if let problem {
            for b in 0..<layout.fields.count { builders[b].truncate(to: output.rows) }
            output.errors.append(ChunkRowError(relativeLine: recordLine, error: problem))
            return layout.policy != .strict
        }
        output.rows += 1
        output.rowLines.append(Int32(truncatingIfNeeded: recordLine))
        for b in categoryBuilders where builders[b].pendingRows.count >= ColumnBuilder.batchSize {
            builders[b].flushCategories()
        }
        return true
    }

    /// The scalar tokenizer for one record starting at `p` (not a blank line): splits it into
    /// fields, delivers the mapped fields to the builders, advances `p` past the record (by quote
    /// parity after a malformed one) and counts its newlines into `output.newlines`.
    /// - Returns: The record's error (a record problem before the first field problem), or nil.
    @inline(__always)
    mutating func scalarRecord(_ p: inout UnsafePointer<UInt8>, output: inout ChunkOutput,
                               builders: UnsafeMutablePointer<ColumnBuilder>, stop: UnsafeBufferPointer<Bool>) -> CSVError? {
        let fieldCount = layout.targets.count
        let delimiter = layout.delimiter
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let end = self.end
        let recordStart = p
        let recordLine = output.newlines
        var field = 0
        var recordProblem: CSVRecordProblem?
        var fieldError: CSVError?
        var hasFieldError = false
        var recordDone = false
        while !recordDone {
            var contentStart = p, contentLength = 0
            var quoted = false, highBytes = false
            var escaped = false
            if p < end, p[0] == 34 {
                quoted = true
                var q = p + 1
                var closing: UnsafePointer<UInt8>?
                while q < end {
                    guard let raw = memchr(q, 34, end - q) else { break }
                    let found = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self))
                    if found + 1 < end, found[1] == 34 { escaped = true; q = found + 2; continue }
                    closing = found
                    break
                }
                guard let closing else {
                    output.newlines += Self.countNewlines(p, end)
                    recordProblem = .unterminatedQuote
                    p = end
                    break
                }
                output.newlines += Self.countNewlines(p + 1, closing)
                contentStart = p + 1
                contentLength = closing - contentStart
                highBytes = true  // quoted content is always UTF-8-checked
                p = closing + 1
                if p < end, p[0] != delimiter, p[0] != 10, !(p[0] == 13 && (p + 1 == end || p[1] == 10)) {
                    recordProblem = .unexpectedQuote
                    break
                }
            } else {
                var q = p
                // Eight bytes at a time until a word holds a stop byte (SWAR).
                while q + 8 <= end {
                    let w = UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)
                    let hits = Self.zeroBytes(w ^ delimiterWord) | Self.zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
                        | Self.zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D) | Self.zeroBytes(w ^ 0x2222_2222_2222_2222)
                        | (w & 0x8080_8080_8080_8080)
                    if hits != 0 { q += hits.trailingZeroBitCount >> 3; break }
                    q += 8
                }
                while q < end {
                    let b = q[0]
                    if !stop[Int(b)] { q += 1; continue }
                    if b >= 0x80 { highBytes = true; q += 1; continue }
                    if b == 13, q + 1 < end, q[1] != 10 { q += 1; continue }
                    break
                }
                if q < end, q[0] == 34 { recordProblem = .unexpectedQuote; p = q; break }
                contentStart = p
                contentLength = q - p
                p = q
            }
            // p is at a delimiter, a line end (\n or \r\n) or the end of the chunk.
            if field == layout.fingerprintColumn, !hasFieldError, !quoted, !highBytes, contentLength > layout.maxMissingLength,
               let hash = IDFingerprint.ofShortPlain(contentStart, contentLength, readableEnd: end) {
                // The fingerprint column's common case, hashed here: the same value `deliver`
                // would store (an id that is not missing, trimmed or float-formatted).
                builders[layout.targets[field]].appendFingerprint(hash)
            } else if !hasFieldError, field < fieldCount || highBytes {
                let problem = field < fieldCount
                    ? deliver(field: field, contentStart, contentLength, quoted: quoted, escaped: escaped,
                              checkUTF8: highBytes, builders: builders)
                    : (FieldParsers.isValidUTF8(contentStart, contentLength) ? nil
                       : EncodingHints.problem(contentStart, contentLength, encoding: layout.encoding))
                if let problem {
                    hasFieldError = true
                    let target = field < fieldCount ? layout.targets[field] : -1
                    fieldError = .invalidField(file: layout.file, line: recordLine,
                                               column: target >= 0 ? layout.fields[target].name : "#\(field + 1)",
                                               text: Self.text(contentStart, contentLength), problem: problem)
                }
            }
            field += 1
            if p < end, p[0] == delimiter {
                p += 1
                continue
            }
            if p < end {
                p += (p[0] == 13 && p + 1 < end) ? 2 : 1
                output.newlines += 1
            }
            recordDone = true
        }
        if recordProblem != nil {
            // Resynchronise at the record's parity boundary.
            let (next, newlines) = Self.recordEnd(from: recordStart, to: end)
            output.newlines = recordLine + newlines
            p = next
        }
        if recordProblem == nil, p - recordStart > layout.maxRecordBytes {
            recordProblem = .recordTooLong(limit: layout.maxRecordBytes)
        }
        if recordProblem == nil, field != fieldCount {
            recordProblem = .wrongFieldCount(expected: fieldCount, found: field)
        }
        let problem: CSVError?
        if let recordProblem {
            let shown = min(p - recordStart, 200)
            var length = shown
            while length > 0, recordStart[length - 1] == 10 || recordStart[length - 1] == 13 { length -= 1 }
            problem = .invalidRecord(file: layout.file, line: recordLine,
                                     text: Self.text(recordStart, length), problem: recordProblem)
        } else {
            problem = fieldError
        }
        return problem
    }

    /// Parses one field into its builder; returns why it is not a value, if it is not.
    @inline(__always)
    mutating func deliver(field: Int, _ start: UnsafePointer<UInt8>, _ length: Int, quoted: Bool,
                                  escaped: Bool, checkUTF8: Bool, builders: UnsafeMutablePointer<ColumnBuilder>) -> CSVFieldProblem? {
        if checkUTF8, !FieldParsers.isValidUTF8(start, length) {
            return EncodingHints.problem(start, length, encoding: layout.encoding)
        }
        let target = layout.targets[field]
        guard target >= 0 else { return nil }
        let builder = builders + target
        if escaped {
            // Undo the doubled quotes into the scratch buffer, then parse from there.
            scratch.removeAll(keepingCapacity: true)
            var k = 0
            while k < length {
                scratch.append(start[k])
                k += start[k] == 34 ? 2 : 1
            }
            return scratch.withUnsafeBufferPointer { s in
                guard let b = s.baseAddress else { return nil }
                return store(builder, b, s.count, quoted: quoted)
            }
        }
        return store(builder, start, length, quoted: quoted)
    }

    @inline(__always)
    private func store(_ builder: UnsafeMutablePointer<ColumnBuilder>, _ start: UnsafePointer<UInt8>, _ length: Int,
                       quoted: Bool) -> CSVFieldProblem? {
        if !(quoted && builder.pointee.isTextual), layout.isMissing(start, length) {
            if builder.pointee.allowsMissing {
                builder.pointee.appendMissing()
                return nil
            }
            return .missingValue
        }
        return builder.pointee.append(start, length)
    }

    /// The high bit of every zero byte of `w` is set (and possibly of bytes above the first zero:
    /// only the lowest set bit is exact, which is the one the scan uses).
    @inline(__always)
    static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }

    /// The bytes as text for a message (invalid UTF-8 shows as U+FFFD).
    static func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// The number of `\n` bytes in `[from, to)`.
    static func countNewlines(_ from: UnsafePointer<UInt8>, _ to: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var q = from
        while q < to, let raw = memchr(q, 10, to - q) {
            count += 1
            q = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// The end of the record starting at `start` by quote parity: just after the first `\n` preceded
    /// by an even number of quotes (or `end`), and the newlines up to there.
    static func recordEnd(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> (UnsafePointer<UInt8>, Int) {
        var q = start
        var inQuotes = false
        var newlines = 0
        while q < end {
            let b = q[0]
            if b == 34 { inQuotes.toggle() } else if b == 10 {
                newlines += 1
                if !inQuotes { return (q + 1, newlines) }
            }
            q += 1
        }
        return (end, newlines)
    }
}
