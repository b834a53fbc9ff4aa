import Foundation

/// Parses ClickHouse `TabSeparated` bodies: one row per line, fields separated by tabs, `\t`,
/// `\n`, `\\` (and the other backslash escapes) inside text, `\N` for null.
enum TabSeparatedParser {
    /// Parses `body` into `columns`.
    /// - Throws: `WarehouseError.wrongResultType` for a wrong field count, a null, or a field that
    ///   does not parse as its column's type (naming the row and column).
    static func parse(_ body: Data, columns: [WarehouseColumn], purpose: String, source: String) throws -> WarehouseRows {
        var rows = WarehouseRowsBuilder(columns: columns)
        rows.bytesReceived = body.count
        try body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0, line = 0
            let n = bytes.count
            var field: [UInt8] = []
            while i < n {
                line += 1
                var column = 0
                while true {
                    field.removeAll(keepingCapacity: true)
                    var isNull = false
                    while i < n, bytes[i] != 0x09, bytes[i] != 0x0A {
                        if bytes[i] == 0x5C, i + 1 < n {
                            let e = bytes[i + 1]
                            switch e {
                            case UInt8(ascii: "t"): field.append(0x09)
                            case UInt8(ascii: "n"): field.append(0x0A)
                            case UInt8(ascii: "r"): field.append(0x0D)
                            case UInt8(ascii: "0"): field.append(0)
                            case UInt8(ascii: "b"): field.append(0x08)
                            case UInt8(ascii: "f"): field.append(0x0C)
                            case UInt8(ascii: "N"): isNull = true
                            default: field.append(e)
                            }
                            i += 2
                        } else {
                            field.append(bytes[i])
                            i += 1
                        }
                    }
                    guard column < columns.count else {
                        throw bad("row \(line) has more than \(columns.count) fields", purpose, source)
                    }
                    let spec = columns[column]
                    if isNull { throw bad("row \(line), column \(spec.name) is null", purpose, source) }
                    let text = String(decoding: field, as: UTF8.self)
                    switch spec.kind {
                    case .integer:
                        guard let v = Int64(text) else { throw bad("row \(line), column \(spec.name): \"\(text)\" is not an integer", purpose, source) }
                        rows.append(integer: v, at: column)
                    case .double:
                        guard let v = Double(text) else { throw bad("row \(line), column \(spec.name): \"\(text)\" is not a number", purpose, source) }
                        rows.append(double: v, at: column)
                    case .text:
                        rows.append(text: text, at: column)
                    }
                    column += 1
                    if i < n, bytes[i] == 0x09 { i += 1; continue }
                    break
                }
                guard column == columns.count else {
                    throw bad("row \(line) has \(column) fields, expected \(columns.count)", purpose, source)
                }
                if i < n { i += 1 }  // the newline
            }
        }
        return rows.finish()
    }

    static func bad(_ detail: String, _ purpose: String, _ source: String) -> WarehouseError {
        WarehouseError(.wrongResultType, source: source, detail: "\(purpose): \(detail)",
                       hint: "the relation's column types; the response was discarded")
    }
}
