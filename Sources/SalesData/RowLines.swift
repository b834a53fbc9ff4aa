/// The file line (header = line 1) where each row of a read table starts, recorded by the
/// tokenizer as it splits records — blank lines, records that span lines (quoted newlines) and
/// rejected records are counted where they are, so no second pass over the file is needed.
///
/// Stored as one segment per parsed chunk, each holding 32-bit offsets from the chunk's first
/// line (a chunk is at most `Int32.max` bytes, so an offset always fits): four bytes per row.
public struct RowLines: Sendable, Equatable {
    struct Segment: Sendable, Equatable {
        /// The table row of the segment's first entry.
        var firstRow: Int
        /// The line the offsets count from.
        var baseLine: Int
        var offsets: [Int32]
    }

    var segments: [Segment]

    /// No rows.
    public init() { segments = [] }

    init(segments: [Segment]) { self.segments = segments.filter { !$0.offsets.isEmpty } }

    /// Lines given explicitly (tests, tables built in code).
    /// - Parameter lines: One line per row (each ≥ 1).
    /// - Complexity: O(rows).
    public init(_ lines: [Int]) {
        guard let first = lines.first else { self.init(segments: []); return }
        var segments: [Segment] = []
        var current = Segment(firstRow: 0, baseLine: first, offsets: [])
        for (row, line) in lines.enumerated() {
            let offset = line - current.baseLine
            if offset < 0 || offset > Int(Int32.max) {
                segments.append(current)
                current = Segment(firstRow: row, baseLine: line, offsets: [])
            }
            current.offsets.append(Int32(truncatingIfNeeded: line - current.baseLine))
        }
        segments.append(current)
        self.init(segments: segments)
    }

    /// The number of rows.
    public var count: Int { segments.last.map { $0.firstRow + $0.offsets.count } ?? 0 }

    /// The line of row `row` (0-based table row).
    /// - Complexity: O(log segments).
    public subscript(row: Int) -> Int {
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].firstRow <= row { lo = mid } else { hi = mid - 1 }
        }
        let segment = segments[lo]
        return segment.baseLine + Int(segment.offsets[row - segment.firstRow])
    }

    /// Every row's line, in row order.
    /// - Complexity: O(rows).
    public var all: [Int] {
        var out: [Int] = []
        out.reserveCapacity(count)
        for segment in segments { for offset in segment.offsets { out.append(segment.baseLine + Int(offset)) } }
        return out
    }

    /// The lines of the rows where `keep` is true (the rows of `Table.filtered(keep)`).
    /// - Parameter keep: One flag per row.
    /// - Returns: The kept rows' lines.
    /// - Complexity: O(rows).
    public func filtered(_ keep: [Bool]) -> RowLines {
        var out: [Segment] = []
        var row = 0
        for segment in segments {
            var kept = Segment(firstRow: row, baseLine: segment.baseLine, offsets: [])
            for (k, offset) in segment.offsets.enumerated() where keep[segment.firstRow + k] {
                kept.offsets.append(offset)
            }
            row += kept.offsets.count
            out.append(kept)
        }
        return RowLines(segments: out)
    }

    /// These rows followed by `other`'s.
    /// - Parameter other: Rows after these.
    /// - Returns: The concatenation.
    public func appending(_ other: RowLines) -> RowLines {
        let shift = count
        return RowLines(segments: segments + other.segments.map {
            Segment(firstRow: $0.firstRow + shift, baseLine: $0.baseLine, offsets: $0.offsets)
        })
    }
}
