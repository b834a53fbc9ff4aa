/// What the CSV reader does with a row it cannot read.
public enum CSVErrorPolicy: Sendable, Equatable {
    /// The first bad row throws its `CSVError` (default).
    case strict
    /// Bad rows are left out and listed in `CSVReadResult.rejected`; rows read + rows rejected =
    /// data rows in the file.
    case skipInvalidRows
}

/// Options of the CSV reader.
public struct CSVReadOptions: Sendable, Equatable {
    /// The field delimiter: `,`, `\t` or `;` (`nil`: detected from the header line — the most
    /// frequent of the three outside quotes, comma on a tie or when none occurs).
    public var delimiter: UInt8?
    /// Field texts that mean "missing" (compared byte for byte). Default: empty, `NA`, `null`, `NULL`.
    /// A quoted field in a string or category column is always a value, never missing.
    public var missingValues: [String]
    /// Strict (default) or skip-invalid-rows.
    public var policy: CSVErrorPolicy
    /// The longest record accepted, in bytes (default 1 MiB); longer records are errors, so a
    /// runaway quote cannot make the reader buffer a whole file.
    public var maxRecordBytes: Int
    /// The largest piece one thread parses at once (default 1 GiB): a file is cut into
    /// `max(Parallelism.workers, size / chunkBytes)` pieces at record boundaries (files of 1 MiB
    /// or more; smaller ones into `size / chunkBytes`), parsed on `Parallelism.workers` threads.
    public var chunkBytes: Int
    /// Bytes read per block by `CSVReader.forEachChunk` (default 32 MiB).
    public var blockBytes: Int

    /// Options with the defaults above, overridable per argument.
    /// - Parameters:
    ///   - delimiter: `,`, `\t`, `;` or `nil` to detect.
    ///   - missingValues: Texts meaning "missing".
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - maxRecordBytes: Longest record in bytes (≥ 1).
    ///   - chunkBytes: Largest piece per thread in bytes (≥ 1).
    ///   - blockBytes: Streaming block size in bytes (≥ 1).
    public init(delimiter: UInt8? = nil, missingValues: [String] = ["", "NA", "null", "NULL"],
                policy: CSVErrorPolicy = .strict, maxRecordBytes: Int = 1 << 20,
                chunkBytes: Int = 1 << 30,
                blockBytes: Int = 32 << 20) {
        self.delimiter = delimiter
        self.missingValues = missingValues
        self.policy = policy
        self.maxRecordBytes = max(1, maxRecordBytes)
        // A chunk's row lines are 32-bit offsets from its first line: at most Int32.max bytes per chunk.
        self.chunkBytes = min(max(1, chunkBytes), Int(Int32.max))
        self.blockBytes = max(1, blockBytes)
    }
}

/// What `CSVReader.read` returns: the table, and the rows it skipped under `.skipInvalidRows`.
public struct CSVReadResult: Sendable {
    /// The rows read, as typed columns in schema order (absent optional columns left out).
    public let table: Table
    /// The file line of each row of `table` (header = line 1), as the tokenizer counted it.
    public let rowLines: RowLines
    /// Every skipped row with its line and reason, in file order (empty under `.strict`).
    public let rejected: [RejectedRow]
    /// The header as it appears in the file (after BOM removal).
    public let header: [String]

    /// Data records in the file: `table.rowCount + rejected.count` (blank lines are not records).
    public var dataRows: Int { table.rowCount + rejected.count }
}
