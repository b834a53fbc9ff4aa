#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One orders row left out by `OrderLog.read(file:mapping:policy:options:)` under
/// `.skipInvalidRows`: where it is and why.
public struct OrderRowRejection: Sendable, Equatable {
    /// The line where the record starts (header = line 1).
    public let line: Int
    /// The column that failed (contract name), or `nil` when the whole record was malformed.
    public let column: String?
    /// The reason in words.
    public let reason: String
    /// The offending text.
    public let text: String
}

extension OrderLog {
    /// Reads an orders file (`customer_id`, `order_date`, `amount`; other columns ignored) with the
    /// parallel CSV reader.
    ///
    /// Stand-in for the data contract's orders reader: it checks presence and types, and rejects
    /// amounts that are not finite (`nan`, `inf`), which the number parser accepts.
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: Contract column name → the file's header (`["customer_id": "客户ID"]`).
    ///   - policy: `.strict` (the first bad row throws) or `.skipInvalidRows`.
    ///   - options: Further reader options (delimiter, parallelism); its `policy` is replaced by `policy`.
    /// - Returns: The order log and every skipped row in file order (empty under `.strict`).
    /// - Throws: `CSVError` with file, line, column and text: unreadable file, missing columns, and
    ///   under `.strict` the first bad row.
    /// - Complexity: O(file bytes), parallel over the reader's threads.
    public static func read(file path: String, mapping: [String: String] = [:], policy: CSVErrorPolicy = .strict,
                            options: CSVReadOptions = CSVReadOptions())
        throws(CSVError) -> (log: OrderLog, rejected: [OrderRowRejection]) {
        var readOptions = options
        readOptions.policy = policy
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: readOptions)
        var rejected = result.rejected.map {
            OrderRowRejection(line: $0.line, column: $0.column, reason: $0.reason, text: $0.text)
        }
        var table = result.table
        let amounts: [Double]
        do { amounts = try table.doubles("amount").values } catch { preconditionFailure("schema column: \(error)") }
        let bad = amounts.indices.filter { !amounts[$0].isFinite }
        if !bad.isEmpty {
            let lines = dataRowLines(file: path, rows: bad, rejectedLines: Set(rejected.map(\.line)))
            let header = mapping["amount"] ?? "amount"
            let problems = zip(bad, lines).map { row, line in
                CSVError.invalidField(file: path, line: line, column: header, text: "\(amounts[row])", problem: .notANumber)
            }
            if policy == .strict, let first = problems.first { throw first }
            for case let .invalidField(_, line, _, text, problem) in problems {
                rejected.append(OrderRowRejection(line: line, column: "amount", reason: "\(problem) (not finite)", text: text))
            }
            rejected.sort { $0.line < $1.line }
            var keep = [Bool](repeating: true, count: amounts.count)
            for row in bad { keep[row] = false }
            do { table = try table.filtered(keep) } catch { preconditionFailure("mask length: \(error)") }
        }
        do {
            return (try OrderLog(table: table), rejected)
        } catch {
            preconditionFailure("the reader's table satisfies the order schema: \(error)")
        }
    }

    /// The file lines of data records `rows` (0-based among the records kept by the reader):
    /// counts records the way the reader does (quote-aware, blank lines skipped, header first,
    /// records on `rejectedLines` not counted). Cold path, used only to report non-finite amounts.
    static func dataRowLines(file path: String, rows: [Int], rejectedLines: Set<Int>) -> [Int] {
        guard let handle = fopen(path, "rb") else { return rows.map { $0 + 2 } }
        defer { fclose(handle) }
        var wanted = rows.sorted()[...]
        var result: [Int: Int] = [:]
        var line = 1, recordStart = 1, kept = -1, inQuotes = false, recordHasBytes = false, seenHeader = false
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        func endRecord() {
            defer { recordHasBytes = false }
            guard recordHasBytes else { return }
            if !seenHeader { seenHeader = true; return }
            if rejectedLines.contains(recordStart) { return }
            kept += 1
            while let next = wanted.first, next == kept { result[next] = recordStart; wanted.removeFirst() }
        }
        while !wanted.isEmpty {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if n == 0 { break }
            for i in 0..<n {
                let b = buffer[i]
                if b == 34 { inQuotes.toggle() }
                if b == 10 {
                    line += 1
                    if !inQuotes { endRecord(); recordStart = line }
                } else if b != 13 {
                    recordHasBytes = true
                }
            }
        }
        endRecord()
        return rows.map { result[$0] ?? $0 + 2 }
    }
}
