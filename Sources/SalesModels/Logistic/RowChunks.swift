import SalesNumerics

/// Row-parallel loops for the elementwise work of the logistic fit (internal support): `0..<n`
/// is cut into a fixed number of contiguous chunks that depends on `n` only (never on the core
/// count), so every sum is added in the same order on every machine and results are reproducible.
/// The chunks run on SalesNumerics' `Parallel`.
enum RowChunks {
    /// Rows per chunk below which a loop stays serial (thread hand-off costs more than it saves).
    static let minimumRows = 65_536
    /// The most chunks a loop is cut into.
    static let maximumChunks = 4

    /// The chunk count for `n` rows: 1 below `2·minimumRows`, at most `maximumChunks`.
    static func chunkCount(_ n: Int) -> Int {
        Parallel.chunkCount(n, minimumPerChunk: minimumRows, maximumChunks: maximumChunks)
    }

    /// `Σ_chunks body(range)`, the chunks' partial sums added in chunk order.
    /// - Parameters:
    ///   - n: Number of rows.
    ///   - body: The partial sum over one contiguous range of rows.
    /// - Returns: The total.
    /// - Complexity: O(n) work spread over up to `maximumChunks` threads.
    static func sum(rows n: Int, _ body: @Sendable (Range<Int>) -> Double) -> Double {
        let chunks = chunkCount(n)
        guard chunks > 1 else { return body(0..<n) }
        return Parallel.mapChunks(count: n, minimumPerChunk: minimumRows, maximumChunks: maximumChunks) { _, range in
            body(range)
        }.reduce(0, +)
    }

    /// `[f(values[0]), …, f(values[n−1])]`, the chunks computed concurrently.
    /// - Parameters:
    ///   - values: The inputs.
    ///   - transform: The elementwise function.
    /// - Returns: The outputs, in order.
    /// - Complexity: O(n) work spread over up to `maximumChunks` threads.
    static func map(_ values: [Double], _ transform: @Sendable (Double) -> Double) -> [Double] {
        let n = values.count, chunks = chunkCount(n)
        guard chunks > 1 else { return values.map(transform) }
        return [Double](unsafeUninitializedCapacity: n) { output, initialized in
            let slots = SharedBuffer(output)
            values.withUnsafeBufferPointer { input in
                let source = SharedBuffer(readOnly: input)
                Parallel.forEach(chunks) { c in
                    let out = slots.buffer, inp = source.buffer
                    for i in (c * n / chunks)..<((c + 1) * n / chunks) { out[i] = transform(inp[i]) }
                }
            }
            initialized = n
        }
    }
}
