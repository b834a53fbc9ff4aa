#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a `Table` as RFC 4180 CSV that `CSVReader` reads back to an equal table (with a schema
/// of the same names and types).
///
/// Formats: integers in decimal; doubles in Swift's shortest round-trip form (`12.5`, `1e-05`,
/// `inf`, `nan`); booleans `1`/`0`; dates `YYYY-MM-DD`; timestamps `YYYY-MM-DDTHH:MM:SSZ`;
/// months `YYYY-MM`; missing values as an empty field — except in a one-column table, where an
/// empty field would be a blank line (which readers skip), so missing values are written `NA`. Strings and category values are quoted
/// when they hold the delimiter, a quote, CR or LF, leading/trailing blanks, or when they are empty
/// or a missing token (`NA`, `null`, `NULL`), so that they stay values. Lines end with `\n`.
public enum CSVWriter {
    /// The CSV bytes of `table`.
    /// - Parameters:
    ///   - table: The table.
    ///   - delimiter: `,` (default), `\t` or `;`.
    /// - Returns: UTF-8 bytes, header first, no BOM.
    /// - Complexity: O(rows × columns).
    public static func bytes(of table: Table, delimiter: UInt8 = 44) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(table.rowCount * table.columns.count * 8 + 64)
        for (c, column) in table.columns.enumerated() {
            if c > 0 { out.append(delimiter) }
            appendText(column.name, to: &out, delimiter: delimiter)
        }
        out.append(10)
        let cachedLevels: [[[UInt8]]] = table.columns.map { column in
            guard case let .category(levels, _) = column.values else { return [] }
            return levels.map { level in
                var bytes: [UInt8] = []
                appendText(level, to: &bytes, delimiter: delimiter)
                return bytes
            }
        }
        for row in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out.append(delimiter) }
                guard column.valid[row] else {
                    if table.columns.count == 1 { out.append(contentsOf: [78, 65]) }  // "NA"
                    continue
                }
                switch column.values {
                case let .integer(v): out.append(contentsOf: String(v[row]).utf8)
                case let .double(v): out.append(contentsOf: String(v[row]).utf8)
                case let .boolean(v): out.append(v[row] ? 49 : 48)
                case let .date(v): out.append(contentsOf: CivilDate.isoString(fromDays: Int(v[row])).utf8)
                case let .timestamp(v): out.append(contentsOf: isoTimestamp(v[row]).utf8)
                case let .month(v): out.append(contentsOf: PeriodUnit.month.label(ofIndex: Int(v[row])).utf8)
                case let .category(_, codes): out.append(contentsOf: cachedLevels[c][Int(codes[row])])
                case let .string(v): appendText(v[row], to: &out, delimiter: delimiter)
                }
            }
            out.append(10)
        }
        return out
    }

    /// Writes `table` to the file at `path` (replacing it).
    /// - Parameters:
    ///   - table: The table.
    ///   - path: The destination file.
    ///   - delimiter: `,` (default), `\t` or `;`.
    /// - Throws: `CSVError.cannotRead` naming the path when the file cannot be created or written.
    /// - Complexity: O(rows × columns).
    public static func write(_ table: Table, toFile path: String, delimiter: UInt8 = 44) throws {
        let data = bytes(of: table, delimiter: delimiter)
        guard let file = fopen(path, "wb") else {
            throw CSVError.cannotRead(file: path, reason: "cannot create: " + String(cString: strerror(errno)))
        }
        let written = data.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == data.count, closed == 0 else {
            throw CSVError.cannotRead(file: path, reason: "write failed: " + String(cString: strerror(errno)))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of seconds since the epoch (UTC).
    public static func isoTimestamp(_ seconds: Int64) -> String {
        let days = Day(secondsSince1970: seconds).rawValue
        let rest = Int(seconds) - days * 86_400
        return CivilDate.isoString(fromDays: days) + "T" + two(rest / 3600) + ":" + two(rest / 60 % 60)
            + ":" + two(rest % 60) + "Z"
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    /// One text field as this writer writes it: quoted when it holds the delimiter, a quote, CR or LF,
    /// leading/trailing blanks, or when it is empty or a missing token (`NA`, `null`, `NULL`), with
    /// inner quotes doubled — so that `CSVReader` reads it back as the same string, never as missing.
    /// Every CSV the package writes (tables, command output) escapes its text fields here.
    /// - Parameters:
    ///   - text: The field's value.
    ///   - delimiter: `,` (default), `\t` or `;`.
    /// - Returns: The field as it goes between delimiters.
    /// - Complexity: O(text length).
    public static func field(_ text: String, delimiter: UInt8 = 44) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendText(text, to: &bytes, delimiter: delimiter)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendText(_ text: String, to out: inout [UInt8], delimiter: UInt8) {
        let utf8 = text.utf8
        var needsQuotes = utf8.isEmpty || text == "NA" || text == "null" || text == "NULL"
        if let first = utf8.first, first == 32 || first == 9 { needsQuotes = true }
        if let last = utf8.last, last == 32 || last == 9 { needsQuotes = true }
        if !needsQuotes {
            for b in utf8 where b == delimiter || b == 34 || b == 10 || b == 13 { needsQuotes = true; break }
        }
        guard needsQuotes else { out.append(contentsOf: utf8); return }
        out.append(34)
        for b in utf8 {
            out.append(b)
            if b == 34 { out.append(34) }
        }
        out.append(34)
    }
}
