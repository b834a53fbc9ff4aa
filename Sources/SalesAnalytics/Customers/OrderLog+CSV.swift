#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        throws(CSVError) -> (log: OrderLog, rejected: [RejectedRow]) {
        var readOptions = options
        readOptions.policy = policy
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: readOptions)
        var rejected = result.rejected
        let (table, dropped) = try dropNonFiniteAmounts(result.table, file: path, mapping: mapping, policy: policy,
                                                        keptRowsBefore: 0, rejectedLines: Set(rejected.map(\.line)))
        if !dropped.isEmpty {
            rejected.append(contentsOf: dropped)
            rejected.sort { $0.line < $1.line }
        }
        do {
            return (try OrderLog(table: table), rejected)
        } catch {
            preconditionFailure("the reader's table satisfies the order schema: \(error)")
        }
    }

    /// The rows of `table` whose amount is finite; the others are thrown (`.strict`, as
    /// `CSVError.invalidField` at their line) or returned as rejections.
    /// - Parameters:
    ///   - keptRowsBefore: Rows the reader kept before this table's first row (streaming).
    ///   - rejectedLines: Lines the reader rejected so far (they are not rows of any table).
    static func dropNonFiniteAmounts(_ table: Table, file path: String, mapping: [String: String], policy: CSVErrorPolicy,
                                     keptRowsBefore: Int, rejectedLines: Set<Int>) throws(CSVError) -> (Table, [RejectedRow]) {
        let amounts: [Double]
        do { amounts = try table.doubles("amount").values } catch { preconditionFailure("schema column: \(error)") }
        let bad = amounts.indices.filter { !amounts[$0].isFinite }
        guard !bad.isEmpty else { return (table, []) }
        let lines = dataRowLines(file: path, rows: bad.map { $0 + keptRowsBefore }, rejectedLines: rejectedLines)
        let header = mapping["amount"] ?? "amount"
        let errors = zip(bad, lines).map { row, line in
            CSVError.invalidField(file: path, line: line, column: header, text: "\(amounts[row])", problem: .notANumber)
        }
        if policy == .strict, let error = errors.first { throw error }
        let rejected = zip(zip(bad, lines), errors).map { rowLine, error in
            RejectedRow(line: rowLine.1, column: "amount", reason: "\(CSVFieldProblem.notANumber) (not finite)",
                        text: "\(amounts[rowLine.0])", error: error)
        }
        var keep = [Bool](repeating: true, count: amounts.count)
        for row in bad { keep[row] = false }
        do { return (try table.filtered(keep), rejected) } catch { preconditionFailure("mask length: \(error)") }
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
