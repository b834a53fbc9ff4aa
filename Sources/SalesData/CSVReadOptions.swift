/// What the CSV reader does with a row it cannot read.
public enum CSVErrorPolicy: Sendable, Equatable {
    /// The first bad row throws its `CSVError` (default).
    case strict
    /// Bad rows are left out and listed in `CSVReadResult.rejected`; rows read + rows rejected =
    /// data rows in the file.
    case skipInvalidRows
}

/// Options of the CSV reader.
///
/// Besides the limits and the error policy, these say how the file is written when it is not
/// the data contract's plain UTF-8, comma, ISO-date CSV: `delimiter`, `encoding` (transcoded to
/// UTF-8 while reading; gzip input is recognised by its magic bytes), `dateFormat` and `timeZone`
/// for date and timestamp columns, and `numberFormat` for number columns. A path of `-` reads
/// standard input. `notices` receives what the reader decided on its own (a sniffed delimiter, a
/// UTF-16 byte-order mark).
public struct CSVReadOptions: Sendable, Equatable {
    /// The field delimiter: `,`, `\t`, `;`, `|` or another ASCII byte (`nil`: detected from the header
    /// line — the most frequent of `,` `\t` `;` `|` outside quotes, comma on a tie or when none
    /// occurs; a detected delimiter other than comma is posted to `notices`).
    public var delimiter: UInt8?
    /// The file's text encoding (default UTF-8; a UTF-16 byte-order mark is honoured in any case).
    public var encoding: CSVEncoding
    /// An explicit date layout for date and timestamp columns, tried before ISO 8601 (`nil`: ISO only).
    public var dateFormat: CSVDateFormat?
    /// The zone in which calendar dates of timestamps are taken and offset-less timestamps are
    /// read (default UTC).
    public var timeZone: CSVTimeZone
    /// How numbers are written (default: plain `1234.5`).
    public var numberFormat: CSVNumberFormat
    /// Where the reader posts what it decided on its own, or `nil`.
    public var notices: CSVNotices?
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
    /// Which tokenizer splits records into fields (default `.scalar`, the byte-at-a-time
    /// reference). Both give the same table, row lines, rejected rows and errors (tested);
    /// `.structural` splits 1.3× faster alone but the whole read (fields parsed) is not yet
    /// measurably faster (BENCHMARKS.md, 2026-12-07), so it is opt-in.
    public var tokenizer: CSVTokenizer

    /// Options with the defaults above, overridable per argument.
    /// - Parameters:
    ///   - delimiter: `,`, `\t`, `;`, `|` or `nil` to detect.
    ///   - missingValues: Texts meaning "missing".
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - maxRecordBytes: Longest record in bytes (≥ 1).
    ///   - chunkBytes: Largest piece per thread in bytes (≥ 1).
    ///   - blockBytes: Streaming block size in bytes (≥ 1).
    ///   - encoding: The file's text encoding.
    ///   - dateFormat: An explicit date layout, or `nil` for ISO 8601 only.
    ///   - timeZone: The zone for calendar dates of timestamps and offset-less timestamps.
    ///   - numberFormat: How numbers are written.
    ///   - notices: Where the reader's own decisions are posted.
    ///   - tokenizer: The tokenizer (`.structural` or the `.scalar` reference).
    public init(delimiter: UInt8? = nil, missingValues: [String] = ["", "NA", "null", "NULL"],
                policy: CSVErrorPolicy = .strict, maxRecordBytes: Int = 1 << 20,
                chunkBytes: Int = 1 << 30,
                blockBytes: Int = 32 << 20, encoding: CSVEncoding = .utf8, dateFormat: CSVDateFormat? = nil,
                timeZone: CSVTimeZone = .utc, numberFormat: CSVNumberFormat = .plain, notices: CSVNotices? = nil,
                tokenizer: CSVTokenizer = .scalar) {
        self.tokenizer = tokenizer
        self.delimiter = delimiter
        self.encoding = encoding
        self.dateFormat = dateFormat
        self.timeZone = timeZone
        self.numberFormat = numberFormat
        self.notices = notices
        self.missingValues = missingValues
        self.policy = policy
        self.maxRecordBytes = max(1, maxRecordBytes)
        // A chunk's row lines are 32-bit offsets from its first line: at most Int32.max bytes per chunk.
        self.chunkBytes = min(max(1, chunkBytes), Int(Int32.max))
        self.blockBytes = max(1, blockBytes)
    }
}

/// Receives the reader's notices: what it decided on its own and the user may want to know
/// (`orders.csv: delimiter ";" detected from the header`). Called synchronously from the reading
/// thread; two handlers are equal only when they are the same object.
public final class CSVNotices: Sendable, Equatable {
    private let handler: @Sendable (String) -> Void

    /// A notice handler.
    /// - Parameter handler: Called with each notice.
    public init(_ handler: @escaping @Sendable (String) -> Void) {
        self.handler = handler
    }

    /// Posts a notice.
    /// - Parameter message: The notice.
    public func post(_ message: String) { handler(message) }

    /// Identity.
    public static func == (a: CSVNotices, b: CSVNotices) -> Bool { a === b }
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
