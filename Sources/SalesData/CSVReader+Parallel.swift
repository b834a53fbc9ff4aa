#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SalesNumerics

/// Cuts a byte range into chunks at record boundaries, parses them on ``Parallelism/workers``
/// threads and concatenates the results in order.
///
/// Boundaries follow quote parity (the rule `ChunkParser` uses): pass 1 counts `"` bytes per
/// nominal block in parallel, giving the parity at every nominal cut; each cut then moves forward
/// to the first `\n` at even parity. A quoted field holding newlines therefore never straddles
/// two chunks, and the chunks parse to exactly the records a single-threaded pass finds.
enum ParallelParser {
    /// Parses `count` bytes at `base` (starting at a record boundary).
    static func parse(layout: RecordLayout, base: UnsafePointer<UInt8>, count: Int,
                      options: CSVReadOptions) -> [ChunkOutput] {
        let cuts = cutPoints(base: base, count: count, options: options)
        let pieces = cuts.count - 1
        let reserve = estimatedRows(base: base, count: count, pieces: pieces)
        if pieces == 1 {
            var parser = ChunkParser(layout: layout, base: base, count: count)
            return [parser.run(reserve: reserve)]
        }
        let results = UnsafeMutablePointer<ChunkOutput?>.allocate(capacity: pieces)
        results.initialize(repeating: nil, count: pieces)
        defer { results.deinitialize(count: pieces); results.deallocate() }
        let shared = SharedBuffer(results, count: pieces), bytes = SharedBuffer(readOnly: base, count: count)
        Parallel.forEach(pieces) { i in
            var parser = ChunkParser(layout: layout, base: bytes.base + cuts[i], count: cuts[i + 1] - cuts[i])
            // The first chunk reserves room for every chunk's rows: the others are appended to its
            // columns in place at the merge (untouched reserved pages cost no memory).
            shared[i] = parser.run(reserve: i == 0 ? reserve * pieces : reserve)
        }
        return (0..<pieces).compactMap { results[$0] }
    }

    /// Chunk boundaries (byte offsets, first 0, last `count`), each just after a record's `\n`.
    static func cutPoints(base: UnsafePointer<UInt8>, count: Int, options: CSVReadOptions) -> [Int] {
        // One piece per worker (each piece's category dictionary is merged afterwards, so fewer,
        // larger pieces are cheaper), more only when a piece would exceed `chunkBytes`.
        var pieces = (count + options.chunkBytes - 1) / options.chunkBytes
        if count >= 1 << 20 { pieces = max(pieces, Parallelism.workers) }
        pieces = max(1, min(pieces, count))
        if pieces == 1 { return [0, count] }
        let nominal = (0...pieces).map { Int((Double($0) / Double(pieces) * Double(count)).rounded(.down)) }
        // Pass 1: quotes per nominal block.
        let quoteCounts = UnsafeMutablePointer<Int>.allocate(capacity: pieces)
        quoteCounts.initialize(repeating: 0, count: pieces)
        defer { quoteCounts.deallocate() }
        let shared = SharedBuffer(quoteCounts, count: pieces), bytes = SharedBuffer(readOnly: base, count: count)
        Parallel.forEach(pieces) { i in
            shared[i] = countQuotes(bytes.base + nominal[i], bytes.base + nominal[i + 1])
        }
        // Pass 2: move each nominal cut to the next newline at even parity.
        var cuts = [0]
        var quotesBefore = 0
        for i in 1..<pieces {
            quotesBefore += quoteCounts[i - 1]
            var inQuotes = quotesBefore % 2 == 1
            var q = nominal[i]
            while q < count {
                let b = base[q]
                q += 1
                if b == 34 { inQuotes.toggle() } else if b == 10, !inQuotes { break }
            }
            cuts.append(max(q, cuts[cuts.count - 1]))
        }
        cuts.append(count)
        return cuts
    }

    static func countQuotes(_ from: UnsafePointer<UInt8>, _ to: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var q = from
        while q < to, let raw = memchr(q, 34, to - q) {
            count += 1
            q = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// Rows per chunk to reserve, from the average line length of the first 64 KiB.
    static func estimatedRows(base: UnsafePointer<UInt8>, count: Int, pieces: Int) -> Int {
        let sample = min(count, 1 << 16)
        guard sample > 0 else { return 0 }
        let lines = max(1, ChunkParser.countNewlines(base, base + sample))
        let perChunk = Double(count) / Double(pieces) / (Double(sample) / Double(lines))
        return Int(min(perChunk * 1.05 + 16, 1e9))
    }

    /// The chunks' columns concatenated in order, rejected rows with absolute line numbers; under
    /// `.strict` the earliest error is thrown. Then the schema's value rules are applied to the
    /// rows (`SchemaRules`), with each row's line as the tokenizer recorded it.
    /// - Parameter firstLine: The line number of the region's first byte.
    /// - Returns: The table, its rows' lines, the rejected rows, and the newlines the region held.
    static func assemble(_ outputs: consuming [ChunkOutput], layout: RecordLayout, firstLine: Int)
        throws -> (table: Table, lines: RowLines, rejected: [RejectedRow], newlines: Int) {
        var chunks = outputs
        var rejected: [RejectedRow] = []
        var segments: [RowLines.Segment] = []
        var line = firstLine, rows = 0
        for i in chunks.indices {
            for problem in chunks[i].errors {
                let error = problem.error.atLine(line + problem.relativeLine)
                if layout.policy == .strict { throw error }
                rejected.append(RejectedRow(error))
            }
            var offsets: [Int32] = []
            swap(&offsets, &chunks[i].rowLines)
            segments.append(RowLines.Segment(firstRow: rows, baseLine: line, offsets: offsets))
            rows += chunks[i].rows
            line += chunks[i].newlines
        }
        let columns = concatenate(consume chunks, layout: layout)
        let table: Table
        do {
            table = try Table(columns: columns, rowCount: rows)
        } catch {
            preconditionFailure("chunk builders out of step: \(error)")
        }
        let checked = try SchemaRules.apply((layout.fields, layout.rowRules), file: layout.file, policy: layout.policy,
                                            table: table, lines: RowLines(segments: segments), rejected: rejected)
        return (checked.table, checked.lines, checked.rejected, line - firstLine)
    }
}

extension ParallelParser {
    /// Every field's chunks joined into one column; with several chunks the columns are joined
    /// concurrently (the category merge overlaps the plain copies).
    ///
    /// The builders are moved out of `outputs` so each field's parts have a single owner: the
    /// first chunk's arrays then grow in place instead of being copied.
    static func concatenate(_ outputs: consuming [ChunkOutput], layout: RecordLayout) -> [Column] {
        let count = layout.fields.count
        var outputs = outputs
        var perField = [[ColumnBuilder]](repeating: [], count: count)
        for i in outputs.indices {
            var builders: [ColumnBuilder] = []
            swap(&builders, &outputs[i].builders)
            for f in 0..<count { perField[f].append(builders[f]) }
        }
        let parts = UnsafeMutablePointer<[ColumnBuilder]>.allocate(capacity: max(1, count))
        for f in 0..<count { (parts + f).initialize(to: perField[f]) }
        perField = []
        defer { parts.deallocate() }
        guard outputs.count > 1, count > 1 else {
            return layout.fields.indices.map { f in ColumnBuilder.concatenate((parts + f).move(), field: layout.fields[f]) }
        }
        let results = UnsafeMutablePointer<Column?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer { results.deinitialize(count: count); results.deallocate() }
        let shared = SharedBuffer(results, count: count), source = SharedBuffer(parts, count: count)
        Parallel.forEach(count) { f in
            shared[f] = ColumnBuilder.concatenate((source.base + f).move(), field: layout.fields[f])
        }
        return (0..<count).compactMap { results[$0] }
    }
}

extension CSVError {
    /// The same error at an absolute line (chunks count lines from 0).
    func atLine(_ line: Int) -> CSVError {
        switch self {
        case let .invalidField(file, _, column, text, problem):
            return .invalidField(file: file, line: line, column: column, text: text, problem: problem)
        case let .invalidRecord(file, _, text, problem):
            return .invalidRecord(file: file, line: line, text: text, problem: problem)
        default:
            return self
        }
    }
}
