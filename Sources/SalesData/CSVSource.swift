/// A CSV input opened once, so that it can be parsed more than once without reading its source
/// again: a plain UTF-8 regular file is memory-mapped; standard input (`-`), pipes, gzip and other
/// encodings (`CSVReadOptions.encoding`) are decoded to UTF-8 in memory.
///
/// `CSVReader.read(file:schema:options:)` is `CSVSource(file:options:).read(schema:options:)`; a
/// caller that needs a second pass with another schema (the orders reader reads `order_id` as
/// fingerprints first, and the ids themselves only when they repeat) keeps the source.
/// Not `Sendable`: one reader parses it at a time (the parse itself runs on all cores).
public final class CSVSource {
    /// The name used in error messages (`<stdin>` for `-`).
    public let name: String
    private let mapped: MappedFile?
    private let decoded: [UInt8]

    /// Opens `path`.
    /// - Parameters:
    ///   - path: A file, or `-` for standard input.
    ///   - options: The reader options; their encoding decides the decoding.
    /// - Throws: `CSVError.cannotRead` (missing, unreadable, undecodable), `.emptyFile`.
    /// - Complexity: O(1) for a mapped file; O(bytes) to decode anything else.
    public init(file path: String, options: CSVReadOptions = CSVReadOptions()) throws {
        if path != "-", MappedFile.isRegularFile(path) {
            let file = try MappedFile(path: path)
            guard let bytes = file.bytes else { throw CSVError.emptyFile(file: path) }
            let prefix = UnsafeBufferPointer(start: bytes, count: min(file.count, 4))
            if !InputSource.needsDecoding(prefix: prefix, options: options) {
                name = path
                mapped = file
                decoded = []
                return
            }
        }
        name = InputSource.displayName(path)
        mapped = nil
        decoded = try InputSource.readAll(path, options: options)
        guard !decoded.isEmpty else { throw CSVError.emptyFile(file: name) }
    }

    /// Parses the source with `schema` (`CSVReader.read(file:schema:options:)`).
    /// - Parameters:
    ///   - schema: The wanted columns.
    ///   - options: Reader options (the source is already decoded: only their parsing options apply).
    /// - Returns: The table, the rejected rows and the header.
    /// - Throws: `CSVError` — missing required columns, and under `.strict` the first bad row.
    /// - Complexity: O(bytes), parallel over `Parallelism.workers` threads.
    public func read(schema: CSVSchema, options: CSVReadOptions = CSVReadOptions()) throws -> CSVReadResult {
        if let mapped, let bytes = mapped.bytes {
            return try withExtendedLifetime(mapped) {
                try CSVReader.read(bytes: bytes, count: mapped.count, name: name, schema: schema, options: options)
            }
        }
        return try CSVReader.read(data: decoded, name: name, schema: schema, options: options)
    }
}
