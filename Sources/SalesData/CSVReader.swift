/// A strict, fast CSV reader into typed `Table` columns.
///
/// RFC 4180 quoting (delimiters, newlines and doubled quotes inside quoted fields), LF or CRLF,
/// UTF-8 with or without BOM, delimiter `,` `\t` `;` `|` (detected from the header unless given).
/// Other encodings (`CSVReadOptions.encoding`), gzip files and standard input (`-`) are decoded to
/// UTF-8 while reading; dates and numbers follow `CSVReadOptions.dateFormat`, `timeZone` and
/// `numberFormat`.
/// Columns are chosen and typed by a `CSVSchema`; other columns are ignored. Fields are parsed
/// from the UTF-8 bytes in place; files are memory-mapped, cut at record boundaries (quote
/// parity) and parsed on all cores, then the chunks are concatenated in order — the result is
/// identical to a single-threaded read.
///
/// Errors are `CSVError`s with file, line (header = 1), column and text. Under `.strict` the first
/// bad row throws; under `.skipInvalidRows` bad rows are listed in `CSVReadResult.rejected`.
/// Blank lines are not records and are skipped. The tokenizer records each row's line as it
/// splits records (`CSVReadResult.rowLines`), and the schema's value rules (`CSVSchema.ValueRule`,
/// `CSVSchema.RowRule`) are applied with those lines: a row breaking one is a bad row. Under
/// `.strict`, a malformed row anywhere in the file is reported before a rule violation.
public enum CSVReader {
    /// Reads a whole CSV file.
    /// - Parameters:
    ///   - path: The file (also the name used in error messages).
    ///   - schema: The wanted columns.
    ///   - options: Delimiter, missing tokens, policy, limits, chunk sizes.
    /// - Returns: The table, the rejected rows and the header.
    /// - Throws: `CSVError` — unreadable or empty file, missing required columns, and under
    ///   `.strict` the first bad row.
    /// - Complexity: O(file bytes), parallel over `Parallelism.workers` threads.
    public static func read(file path: String, schema: CSVSchema,
                            options: CSVReadOptions = CSVReadOptions()) throws -> CSVReadResult {
        // Plain UTF-8 files are mapped and parsed in place; standard input, pipes, gzip and other
        // encodings are decoded into memory first.
        try CSVSource(file: path, options: options).read(schema: schema, options: options)
    }

    /// Reads CSV text held in memory.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - name: The name used in error messages.
    ///   - schema: The wanted columns.
    ///   - options: Reader options.
    /// - Returns: The table, the rejected rows and the header.
    /// - Throws: `CSVError` as `read(file:schema:options:)`.
    /// - Complexity: O(bytes).
    public static func read(data: [UInt8], name: String, schema: CSVSchema,
                            options: CSVReadOptions = CSVReadOptions()) throws -> CSVReadResult {
        try data.withUnsafeBufferPointer { (buffer) throws -> CSVReadResult in
            guard let base = buffer.baseAddress, buffer.count > 0 else { throw CSVError.emptyFile(file: name) }
            return try read(bytes: base, count: buffer.count, name: name, schema: schema, options: options)
        }
    }

    static func read(bytes: UnsafePointer<UInt8>, count: Int, name: String, schema: CSVSchema,
                     options: CSVReadOptions) throws -> CSVReadResult {
        let header = try Header.parse(bytes: bytes, count: count, name: name, schema: schema, options: options)
        let dataStart = header.endOffset
        let outputs = ParallelParser.parse(layout: header.layout, base: bytes + dataStart,
                                           count: count - dataStart, options: options)
        let assembled: (table: Table, lines: RowLines, rejected: [RejectedRow], newlines: Int)
        do {
            assembled = try ParallelParser.assemble(consume outputs, layout: header.layout, firstLine: header.dataFirstLine)
        } catch let error as CSVError {
            throw DateFormatHints.refine(error, bytes: bytes, count: count, name: name, schema: schema, options: options)
        }
        return CSVReadResult(table: assembled.table, rowLines: assembled.lines, rejected: assembled.rejected,
                             header: header.names)
    }
}

/// The parsed header row: names, detected delimiter, and the mapping of file columns to schema fields.
struct Header {
    var names: [String]
    var layout: RecordLayout
    /// Byte offset where the data records start.
    var endOffset: Int
    /// The line number of the first data record (2 unless the header itself spans lines).
    var dataFirstLine: Int

    static func parse(bytes: UnsafePointer<UInt8>, count: Int, name: String, schema: CSVSchema,
                      options: CSVReadOptions) throws -> Header {
        var start = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // Leading blank lines are skipped (they are not the header).
        var lines = 0
        while start < count, bytes[start] == 10 || bytes[start] == 13 {
            if bytes[start] == 10 { lines += 1 }
            start += 1
        }
        guard start < count else { throw CSVError.emptyFile(file: name) }
        let (recordEnd, newlines) = ChunkParser.recordEnd(from: bytes + start, to: bytes + count)
        var length = recordEnd - (bytes + start)
        while length > 0, bytes[start + length - 1] == 10 || bytes[start + length - 1] == 13 { length -= 1 }
        guard length <= options.maxRecordBytes else {
            throw CSVError.invalidRecord(file: name, line: lines + 1, text: ChunkParser.text(bytes + start, min(length, 200)),
                                 problem: .recordTooLong(limit: options.maxRecordBytes))
        }
        let line = UnsafeBufferPointer(start: bytes + start, count: length)
        let delimiter = options.delimiter ?? detectDelimiter(line)
        if options.delimiter == nil, delimiter != 44 {
            let shown = delimiter == 9 ? "tab" : "\"\(Character(Unicode.Scalar(delimiter)))\""
            options.notices?.post("\(name): delimiter \(shown) detected from the header (give --delimiter to choose another)")
        }
        let raw = try splitHeader(line, delimiter: delimiter, name: name, lineNumber: lines + 1, encoding: options.encoding)
        let names = raw.map { trimmed($0) }

        var present: [CSVSchema.Field] = []
        var targets = [Int](repeating: -1, count: names.count)
        var missing: [String] = []
        var mappedAbsent: [CSVError.MappedColumn] = []
        for field in schema.fields {
            var matches = names.indices.filter { names[$0] == field.header }
            if matches.isEmpty {
                let wanted = field.header.lowercased()
                matches = names.indices.filter { names[$0].lowercased() == wanted }
            }
            if matches.count > 1 { throw CSVError.duplicateHeader(file: name, header: field.header) }
            guard let index = matches.first else {
                // A column the user mapped by name must be there, even an optional one.
                if field.header != field.name {
                    mappedAbsent.append(.init(contractName: field.name, header: field.header))
                } else if field.required {
                    missing.append(field.name)
                }
                continue
            }
            guard targets[index] < 0 else { throw CSVError.duplicateHeader(file: name, header: names[index]) }
            targets[index] = present.count
            present.append(field)
        }
        guard mappedAbsent.isEmpty else {
            throw CSVError.mappedColumnsAbsent(file: name, mapped: mappedAbsent, available: names)
        }
        guard missing.isEmpty else { throw CSVError.missingColumns(file: name, missing: missing, available: names) }
        let layout = RecordLayout(file: name, delimiter: delimiter, targets: targets, fields: present,
                                  rowRules: schema.rowRules, options: options)
        return Header(names: names, layout: layout, endOffset: recordEnd - bytes, dataFirstLine: lines + newlines + 1)
    }

    /// The most frequent of `,` `\t` `;` `|` outside quotes (comma on a tie or when none occurs;
    /// among the others, the earlier in that list).
    static func detectDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [44: 0, 9: 0, 59: 0, 124: 0]
        var inQuotes = false
        for b in line {
            if b == 34 { inQuotes.toggle() } else if !inQuotes, counts[b] != nil { counts[b, default: 0] += 1 }
        }
        var best: UInt8 = 44
        for candidate: UInt8 in [9, 59, 124] where (counts[candidate] ?? 0) > (counts[best] ?? 0) { best = candidate }
        return best
    }

    /// The header's fields (RFC 4180 quoting), decoded as UTF-8.
    static func splitHeader(_ line: UnsafeBufferPointer<UInt8>, delimiter: UInt8, name: String,
                            lineNumber: Int, encoding: CSVEncoding = .utf8) throws -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var i = 0
        let n = line.count
        func finish() throws {
            guard let text = String(validating: current, as: UTF8.self) else {
                let problem = current.withUnsafeBufferPointer { b in
                    b.baseAddress.map { EncodingHints.problem($0, b.count, encoding: encoding) } ?? .invalidUTF8
                }
                throw CSVError.invalidField(file: name, line: lineNumber, column: "#\(fields.count + 1)",
                                    text: String(decoding: current, as: UTF8.self), problem: problem)
            }
            fields.append(text)
            current.removeAll()
        }
        while true {
            if i < n, line[i] == 34 {
                i += 1
                var closed = false
                while i < n {
                    if line[i] == 34 {
                        if i + 1 < n, line[i + 1] == 34 { current.append(34); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    current.append(line[i])
                    i += 1
                }
                guard closed else {
                    throw CSVError.invalidRecord(file: name, line: lineNumber, text: String(decoding: line, as: UTF8.self),
                                         problem: .unterminatedQuote)
                }
                guard i == n || line[i] == delimiter else {
                    throw CSVError.invalidRecord(file: name, line: lineNumber, text: String(decoding: line, as: UTF8.self),
                                         problem: .unexpectedQuote)
                }
            } else {
                while i < n, line[i] != delimiter {
                    if line[i] == 34 {
                        throw CSVError.invalidRecord(file: name, line: lineNumber, text: String(decoding: line, as: UTF8.self),
                                             problem: .unexpectedQuote)
                    }
                    current.append(line[i])
                    i += 1
                }
            }
            try finish()
            if i < n { i += 1 } else { break }
        }
        return fields
    }

    static func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
