/// Arrow record batches → `WarehouseRows` in the kinds a `WarehouseQuery` declares, by position:
/// an integer column takes int32, int64, date32 (the day number) and scale-0 decimal128 values
/// that fit 64 bits; a double column takes double, the integers and decimal128 (unscaled / 10^scale);
/// a text column takes string and large_string. A null, or another type, is a
/// `WarehouseError.wrongResultType` naming the column — nothing is guessed.
enum ArrowIPCRows {
    static func rows(_ streams: [ArrowIPCStream], columns: [WarehouseColumn], purpose: String, source: String,
                     bytesReceived: Int) throws -> WarehouseRows {
        func bad(_ detail: String) -> WarehouseError {
            WarehouseError(.wrongResultType, source: source, detail: "\(purpose): \(detail)",
                           hint: "the relation's column types; the response was discarded")
        }
        var builder = WarehouseRowsBuilder(columns: columns)
        builder.bytesReceived = bytesReceived
        for stream in streams {
            guard stream.schema.fields.count == columns.count else {
                throw bad("\(stream.schema.fields.count) columns, expected \(columns.count)")
            }
            for batch in stream.batches {
                for (index, (column, arrow)) in zip(columns, batch.columns).enumerated() {
                    if arrow.nullCount > 0 { throw bad("column \(column.name) is null in \(arrow.nullCount) rows") }
                    let mismatch = bad("column \(column.name) has type \(arrow.field.type), expected \(column.kind.rawValue)")
                    switch (column.kind, arrow.values) {
                    case let (.integer, .int64(v)): for x in v { builder.append(integer: x, at: index) }
                    case let (.integer, .int32(v)), let (.integer, .date32(v)):
                        for x in v { builder.append(integer: Int64(x), at: index) }
                    case let (.integer, .decimal128(v)):
                        guard case .decimal128(_, 0) = arrow.field.type else { throw mismatch }
                        for x in v {
                            guard let y = Int64(exactly: x) else { throw bad("column \(column.name): \(x) does not fit 64 bits") }
                            builder.append(integer: y, at: index)
                        }
                    case let (.double, .float64(v)): for x in v { builder.append(double: x, at: index) }
                    case let (.double, .int64(v)): for x in v { builder.append(double: Double(x), at: index) }
                    case let (.double, .int32(v)): for x in v { builder.append(double: Double(x), at: index) }
                    case let (.double, .decimal128(v)):
                        guard case let .decimal128(_, scale) = arrow.field.type else { throw mismatch }
                        let divisor = Self.powerOfTen(scale)
                        for x in v { builder.append(double: Double(x) / divisor, at: index) }
                    case let (.text, .text(v)): for x in v { builder.append(text: x, at: index) }
                    default: throw mismatch
                    }
                }
            }
        }
        return builder.finish()
    }

    /// 10^n exactly for n ≤ 22, by repeated multiplication beyond (decimal128 scales are ≤ 38).
    static func powerOfTen(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<n { value *= 10 }
        return value
    }
}
