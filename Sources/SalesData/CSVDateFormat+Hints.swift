/// The formats the reader tries on a date it cannot read, to say in the error which
/// `--date-format` would read it (it never reads the field with them: day/month order is not guessed).
enum DateFormatHints {
    /// Common export layouts: US (month first), European (day first, `/`, `.` or `-`), compact,
    /// two-digit years and month names, each alone and with a clock time.
    static let candidates: [CSVDateFormat] = {
        let dates = ["%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m.%d.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y%m%d", "%Y.%m.%d",
                     "%m/%d/%y", "%d/%m/%y", "%d.%m.%y", "%d %b %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y", "%b %d, %Y"]
        let times = ["", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %H:%M:%S%z", "T%H:%M:%S"]
        var formats: [CSVDateFormat] = []
        for time in times {
            for date in dates {
                if let format = try? CSVDateFormat(date + time) { formats.append(format) }
            }
        }
        return formats
    }()

    /// The problem for an unreadable date or timestamp field: the candidate formats that read it.
    static func problem(_ p0: UnsafePointer<UInt8>, _ n0: Int, timestamp: Bool, given: CSVDateFormat?,
                        fallback: CSVFieldProblem) -> CSVFieldProblem {
        let (p, n) = FieldParsers.trimmed(p0, n0)
        let fits = candidates.filter { $0 != given && $0.parse(p, n) != nil }.map(\.pattern)
        if fits.isEmpty, given == nil { return fallback }
        return .unreadableDate(timestamp: timestamp, given: given?.pattern, fits: fits)
    }

    /// An ambiguous date error (several formats read the field) refined with the rest of the
    /// column: the formats that read every value of it, and the line that ruled the others out.
    /// Any other error is returned as it is.
    /// - Complexity: O(file bytes × candidate formats), only on this error path.
    static func refine(_ error: CSVError, bytes: UnsafePointer<UInt8>, count: Int, name: String, schema: CSVSchema,
                       options: CSVReadOptions) -> CSVError {
        guard case let .invalidField(file, line, column, text, .unreadableDate(timestamp, given, fits, nil)) = error,
              fits.count > 1, let field = schema.fields.first(where: { $0.name == column }) else { return error }
        var textOptions = options
        textOptions.policy = .skipInvalidRows
        textOptions.notices = nil
        let textSchema = CSVSchema([CSVSchema.Field(field.name, .string, header: field.header)])
        guard let read = try? CSVReader.read(bytes: bytes, count: count, name: name, schema: textSchema, options: textOptions),
              let values = try? read.table.strings(field.name) else { return error }
        let formats = fits.compactMap { pattern in candidates.first { $0.pattern == pattern } }
        var alive = formats.map { _ in true }
        var evidence: String?
        for row in 0..<values.count where values.valid[row] {
            let value = Array(values.values[row].utf8)
            let readsAsISO = value.withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return true }
                if case .value = FieldParsers.wallTime(base, b.count) { return true }
                return false
            }
            if readsAsISO { continue }
            var ruledOut: [String] = []
            for (k, format) in formats.enumerated() where alive[k] {
                let reads = value.withUnsafeBufferPointer { b -> Bool in
                    guard let base = b.baseAddress else { return true }
                    let (p, n) = FieldParsers.trimmed(base, b.count)
                    return format.parse(p, n) != nil || options.dateFormat?.parse(p, n) != nil
                }
                if !reads { ruledOut.append(format.pattern) }
            }
            // A value no remaining format reads is a bad row of its own, not evidence.
            let remaining = formats.indices.filter { alive[$0] && !ruledOut.contains(formats[$0].pattern) }
            guard !remaining.isEmpty, !ruledOut.isEmpty else { continue }
            for k in formats.indices where ruledOut.contains(formats[k].pattern) { alive[k] = false }
            evidence = "line \(read.rowLines[row]) \"\(CSVError.excerpt(values.values[row]))\" rules out "
                + ruledOut.map { "\"\($0)\"" }.joined(separator: ", ")
            if remaining.count == 1 { break }
        }
        let left = formats.indices.filter { alive[$0] }.map { formats[$0].pattern }
        guard left.count < fits.count, !left.isEmpty else { return error }
        return .invalidField(file: file, line: line, column: column, text: text,
                             problem: .unreadableDate(timestamp: timestamp, given: given, fits: left, evidence: evidence))
    }
}
