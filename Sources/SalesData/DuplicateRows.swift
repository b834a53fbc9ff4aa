/// Exact duplicate rows of a table: rows whose every field (parsed value, and whether it is
/// missing) equals an earlier row's — a row exported twice. `saleskit validate` counts and lists them.
public struct DuplicateRows: Sendable, Equatable {
    /// One duplicate row and the earlier row it repeats, at their file lines.
    public struct Example: Sendable, Equatable, Codable {
        /// The duplicate's line (header = line 1).
        public let line: Int
        /// The line of the first row with the same values.
        public let firstLine: Int
    }

    /// Rows identical to an earlier row (the first occurrence is not counted).
    public let count: Int
    /// The first duplicates in file order (at most the `examples` asked for).
    public let examples: [Example]

    /// Finds the duplicates.
    /// - Parameters:
    ///   - table: The rows read.
    ///   - rowLines: The file line of each row.
    ///   - examples: How many duplicates to list (default 5).
    /// - Returns: The count and the first `examples` duplicates.
    /// - Complexity: O(rows × columns) expected.
    public static func find(in table: Table, rowLines: RowLines, examples: Int = 5) -> DuplicateRows {
        let n = table.rowCount
        guard n > 1 else { return DuplicateRows(count: 0, examples: []) }
        let width = table.columns.count
        var keys = [UInt64](repeating: 0, count: n * width)
        for (j, column) in table.columns.enumerated() {
            func put(_ row: Int, _ value: UInt64) { keys[row * width + j] = column.valid[row] ? value : 0x8000_0000_0000_0001 }
            switch column.values {
            case let .integer(v): for r in 0..<n { put(r, UInt64(bitPattern: v[r])) }
            case let .double(v): for r in 0..<n { put(r, (v[r] == 0 ? 0 : v[r]).bitPattern) }
            case let .boolean(v): for r in 0..<n { put(r, v[r] ? 1 : 0) }
            case let .date(v): for r in 0..<n { put(r, UInt64(bitPattern: Int64(v[r]))) }
            case let .timestamp(v): for r in 0..<n { put(r, UInt64(bitPattern: v[r])) }
            case let .month(v): for r in 0..<n { put(r, UInt64(bitPattern: Int64(v[r]))) }
            case let .category(_, codes): for r in 0..<n { put(r, UInt64(bitPattern: Int64(codes[r]))) }
            case let .string(v):
                // Strings are interned so equal strings get equal codes (exact, no hash collisions).
                var interner = IDInterner()
                for r in 0..<n { put(r, UInt64(bitPattern: Int64(interner.intern(v[r])))) }
            }
        }
        var first: [ArraySlice<UInt64>: Int] = [:]
        first.reserveCapacity(n)
        var count = 0
        var listed: [Example] = []
        for r in 0..<n {
            let key = keys[(r * width)..<((r + 1) * width)]
            if let earlier = first[key] {
                count += 1
                if listed.count < examples { listed.append(Example(line: rowLines[r], firstLine: rowLines[earlier])) }
            } else {
                first[key] = r
            }
        }
        return DuplicateRows(count: count, examples: listed)
    }
}
