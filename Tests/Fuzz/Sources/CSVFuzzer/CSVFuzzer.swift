import SalesData

/// One schema touching every column type, so every field parser sees fuzzed bytes.
private let schema = CSVSchema([
    .init("id", .integer, required: false, allowsThousandsSeparator: true, allowsCurrencySymbol: true),
    .init("note", .string, required: false),
    .init("who", .category, required: false),
    .init("amount", .double, required: false, allowsThousandsSeparator: true, allowsCurrencySymbol: true),
    .init("day", .date, required: false),
    .init("at", .timestamp, required: false),
    .init("flag", .boolean, required: false),
    .init("month", .month, required: false),
])

/// The outcome of one read, comparable across tokenizers: the table as written, its row lines and
/// rejected rows, or the error.
private enum Outcome: Equatable {
    case read(written: [UInt8], lines: [Int], rejected: [RejectedRow])
    case failed(CSVError)
}

private func outcome(_ bytes: [UInt8], _ options: CSVReadOptions) -> Outcome {
    do {
        let r = try CSVReader.read(data: bytes, name: "fuzz.csv", schema: schema, options: options)
        return .read(written: CSVWriter.bytes(of: r.table), lines: r.rowLines.all, rejected: r.rejected)
    } catch let error as CSVError {
        return .failed(error)
    } catch {
        fatalError("not a CSVError: \(error)")
    }
}

/// libFuzzer entry: reads the input as a CSV file under both policies, serially and in small
/// parallel chunks, with the structural tokenizer and the scalar reference, writes the table back
/// and reads that again. Any outcome but a table or a `CSVError` (a trap, a sanitizer report) is
/// a finding; so is a parallel/serial or structural/scalar mismatch (table, row lines, rejected
/// rows, error) or a writer round trip that does not reproduce the table.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    for policy in [CSVErrorPolicy.strict, .skipInvalidRows] {
        let reference = outcome(bytes, CSVReadOptions(policy: policy, maxRecordBytes: 4096, tokenizer: .scalar))
        let structural = outcome(bytes, CSVReadOptions(policy: policy, maxRecordBytes: 4096, tokenizer: .structural))
        guard structural == reference else { fatalError("structural and scalar tokenizers differ") }
        let shortRecords = outcome(bytes, CSVReadOptions(policy: policy, maxRecordBytes: 40, tokenizer: .structural))
        guard shortRecords == outcome(bytes, CSVReadOptions(policy: policy, maxRecordBytes: 40, tokenizer: .scalar)) else {
            fatalError("structural and scalar tokenizers differ on the record limit")
        }
        let serial = try? CSVReader.read(data: bytes, name: "fuzz.csv", schema: schema,
                                         options: CSVReadOptions(policy: policy, maxRecordBytes: 4096))
        let parallel = try? CSVReader.read(data: bytes, name: "fuzz.csv", schema: schema,
                                           options: CSVReadOptions(policy: policy, maxRecordBytes: 4096, chunkBytes: 64))
        switch (serial, parallel) {
        case (nil, nil): break
        case let (s?, p?):
            let written = CSVWriter.bytes(of: s.table)
            guard written == CSVWriter.bytes(of: p.table), s.rejected == p.rejected else {
                fatalError("parallel and serial reads differ")
            }
            if let back = try? CSVReader.read(data: written, name: "back.csv", schema: schema,
                                              options: CSVReadOptions(maxRecordBytes: 1 << 20)) {
                guard CSVWriter.bytes(of: back.table) == written else { fatalError("writer round trip differs") }
            } else if s.table.columns.count > 0 && s.table.rowCount > 0 {
                fatalError("written table does not read back")
            }
        default:
            fatalError("parallel and serial reads disagree on success")
        }
    }
    return 0
}
