/// The reader options that decide how dates, timestamps and numbers are read (from `CSVReadOptions`).
struct FieldFormats: Sendable {
    var dateFormat: CSVDateFormat? = nil
    var zone: CSVTimeZone = .utc
    var numbers: CSVNumberFormat = .plain
}

/// Accumulates one column's parsed values while the CSV reader runs over a chunk.
///
/// One struct for every kind (the field's type decides which array is filled), so the hot loop
/// dispatches with a switch on `type` instead of an existential call. The tokenizer keeps the
/// builders in an unsafe buffer while it runs: a struct there needs no dynamic exclusivity checks.
struct ColumnBuilder {
    let field: CSVSchema.Field
    let type: ColumnType
    // The field's flags copied out, so the hot loop never copies the `Field` struct (and its strings).
    let allowsMissing: Bool
    let isTextual: Bool
    let thousands: Bool
    let currency: Bool
    let finiteOnly: Bool
    /// A category field read as `IDFingerprint`s (into `int64s`) instead of dictionary codes.
    let fingerprints: Bool
    /// The reader's explicit date format, time zone and number format (`CSVReadOptions`).
    let dateFormat: CSVDateFormat?
    let zone: CSVTimeZone
    let numbers: CSVNumberFormat
    let plainNumbers: Bool
    /// A number rewritten into plain form (non-plain number formats only).
    var numberScratch: [UInt8] = []
    var int64s: [Int64] = []       // integer, timestamp
    var int32s: [Int32] = []       // date, month, category codes
    var doubles: [Double] = []
    var booleans: [Bool] = []
    var strings: [String] = []
    /// Row validity, materialized only once a missing value arrives (until then every row is
    /// valid and `valid` is empty): most columns never have one, and this saves a store per field.
    var valid: [Bool] = []
    var hasMissing = false
    /// Rows appended.
    private(set) var count = 0
    var dictionary: ByteDictionary
    /// 4096-entry direct-mapped cache of parsed 10-byte date fields (date columns only).
    var dateCacheFilled: [Bool] = []
    var dateCacheHeads: [UInt64] = []
    var dateCacheTails: [UInt16] = []
    var dateCacheDays: [Int32] = []
    /// Category values waiting to be encoded in one batch: their bytes, offsets and row numbers.
    /// They are encoded only once their rows are accepted (`flushCategories`), so category levels
    /// come from accepted rows only, in order of first appearance, however the file is chunked.
    var pendingBytes: [UInt8] = []
    var pendingOffsets: [Int] = [0]
    var pendingRows: [Int] = []
    /// Rows buffered per batch before encoding.
    static let batchSize = 32

    init(field: CSVSchema.Field, reserve: Int, formats: FieldFormats = FieldFormats()) {
        self.field = field
        self.dateFormat = formats.dateFormat
        self.zone = formats.zone
        self.numbers = formats.numbers
        self.plainNumbers = formats.numbers.isPlain
        self.type = field.type
        self.allowsMissing = field.allowsMissing
        self.isTextual = field.type == .string || field.type == .category
        self.thousands = field.allowsThousandsSeparator
        self.currency = field.allowsCurrencySymbol
        self.finiteOnly = !field.allowsNonFinite
        self.fingerprints = field.readsFingerprints
        self.dictionary = ByteDictionary(expectedRows: field.type == .category && !fingerprints ? reserve : 0)
        switch type {
        case .category where fingerprints: int64s.reserveCapacity(reserve)
        case .integer, .timestamp: int64s.reserveCapacity(reserve)
        case .date, .month, .category: int32s.reserveCapacity(reserve)
        case .double: doubles.reserveCapacity(reserve)
        case .boolean: booleans.reserveCapacity(reserve)
        case .string: strings.reserveCapacity(reserve)
        }
        if type == .date || type == .timestamp {
            dateCacheFilled = [Bool](repeating: false, count: 4096)
            dateCacheHeads = [UInt64](repeating: 0, count: 4096)
            dateCacheTails = [UInt16](repeating: 0, count: 4096)
            dateCacheDays = [Int32](repeating: 0, count: 4096)
        }
    }

    /// Appends a missing row.
    @inline(__always)
    mutating func appendMissing() {
        if !hasMissing {
            hasMissing = true
            valid = [Bool](repeating: true, count: count)
        }
        valid.append(false)
        count += 1
        switch type {
        case .integer, .timestamp: int64s.append(0)
        case .date, .month: int32s.append(0)
        case .category where fingerprints: int64s.append(0)
        case .category: int32s.append(-1)
        case .double: doubles.append(0)
        case .boolean: booleans.append(false)
        case .string: strings.append("")
        }
    }

    /// Appends a fingerprint the tokenizer computed (`IDFingerprint.ofShortPlain`; fingerprint columns only).
    @inline(__always)
    mutating func appendFingerprint(_ value: Int64) {
        int64s.append(value)
        if hasMissing { valid.append(true) }
        count += 1
    }

    /// Parses and appends the field `p[0..<n]` (already UTF-8-checked and not a missing token).
    /// - Returns: The problem when the text is not a value of the column's type (nothing appended).
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) -> CSVFieldProblem? {
        switch type {
        case .integer:
            if !plainNumbers {
                if let problem = appendFormattedInteger(p, n) { return problem }
                break
            }
            switch FieldParsers.int64(p, n, thousands: thousands, currency: currency) {
            case let .value(v): int64s.append(v)
            case let .failure(problem): return numberProblem(problem, p, n, money: false)
            }
        case .double:
            if !plainNumbers {
                if let problem = appendFormattedDouble(p, n) { return problem }
                break
            }
            switch FieldParsers.double(p, n, thousands: thousands, currency: currency) {
            case let .value(v):
                if finiteOnly, !v.isFinite { return .notFinite }
                doubles.append(v)
            case let .failure(problem): return numberProblem(problem, p, n, money: true)
            }
        case .boolean:
            switch FieldParsers.boolean(p, n) {
            case let .value(v): booleans.append(v)
            case let .failure(problem): return problem
            }
        case .date:
            if n == 10, let days = cachedDate(p) {
                int32s.append(days)
                break
            }
            switch parseDate(p, n) {
            case let .value(v): int32s.append(v)
            case let .failure(problem): return problem
            }
        case .month:
            switch FieldParsers.month(p, n) {
            case let .value(v): int32s.append(v)
            case let .failure(problem): return problem
            }
        case .timestamp:
            if n == 20, let seconds = canonicalTimestamp(p) {
                int64s.append(seconds)
                break
            }
            switch parseTimestamp(p, n) {
            case let .value(v): int64s.append(v)
            case let .failure(problem): return problem
            }
        case .category where fingerprints:
            int64s.append(IDFingerprint.of(p, n))
        case .category:
            pendingRows.append(int32s.count)
            int32s.append(-1)
            pendingBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            pendingOffsets.append(pendingBytes.count)
        case .string:
            strings.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        }
        if hasMissing { valid.append(true) }
        count += 1
        return nil
    }

    /// The days of the 10-byte date field `p[0..<10]`, through a 4096-entry direct-mapped cache
    /// (dates repeat: a few thousand distinct days in years of rows); `nil` when it is not a date
    /// (the caller's full parser then reports why).
    @inline(__always)
    private mutating func cachedDate(_ p: UnsafePointer<UInt8>) -> Int32? {
        let head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let tail = UInt64(p[8]) | UInt64(p[9]) << 8
        let slot = Int(truncatingIfNeeded: ((head ^ tail &* 0x9E37_79B9) &* 0x9E37_79B9_7F4A_7C15) >> 52)
        if dateCacheFilled[slot], dateCacheHeads[slot] == head, dateCacheTails[slot] == UInt16(tail) {
            return dateCacheDays[slot]
        }
        guard case let .value(days) = parseDate(p, 10) else { return nil }
        dateCacheFilled[slot] = true
        dateCacheHeads[slot] = head
        dateCacheTails[slot] = UInt16(tail)
        dateCacheDays[slot] = days
        return days
    }

    /// A date field: the explicit format first (when given), then an ISO date, then an ISO
    /// timestamp whose calendar date is taken in the reader's zone.
    @inline(never)
    private func parseDate(_ p: UnsafePointer<UInt8>, _ n: Int) -> FieldParse<Int32> {
        if let dateFormat {
            let (tp, tn) = FieldParsers.trimmed(p, n)
            if let wall = dateFormat.parse(tp, tn) { return .value(wall.date(in: zone)) }
        }
        let iso = FieldParsers.date(p, n)
        switch iso {
        case .value: return iso
        case .failure(.dateOutOfRange): return iso
        case .failure: break
        }
        switch FieldParsers.wallTime(p, n) {
        case let .value(wall): return .value(wall.date(in: zone))
        case .failure(.dateOutOfRange): return .failure(.dateOutOfRange)
        case .failure: return .failure(DateFormatHints.problem(p, n, timestamp: false, given: dateFormat, fallback: .notADate))
        }
    }

    /// A timestamp field: the explicit format first (when given), then ISO 8601; a reading without
    /// an offset is a wall-clock time in the reader's zone.
    private func parseTimestamp(_ p: UnsafePointer<UInt8>, _ n: Int) -> FieldParse<Int64> {
        if let dateFormat {
            let (tp, tn) = FieldParsers.trimmed(p, n)
            if let wall = dateFormat.parse(tp, tn) { return .value(wall.instant(in: zone)) }
        }
        switch FieldParsers.wallTime(p, n) {
        case let .value(wall): return .value(wall.instant(in: zone))
        case .failure(.dateOutOfRange): return .failure(.dateOutOfRange)
        case .failure:
            return .failure(DateFormatHints.problem(p, n, timestamp: true, given: dateFormat, fallback: .notATimestamp))
        }
    }

    /// A number in a non-plain format: rewritten into plain form, then parsed by `parse`. Texts
    /// without digits (`NaN`, `inf`) go to `parse` as they are.
    private mutating func formattedNumber<T>(_ p: UnsafePointer<UInt8>, _ n: Int, money: Bool,
                                             _ parse: (UnsafePointer<UInt8>, Int, Bool, Bool) -> FieldParse<T>) -> FieldParse<T> {
        var hasDigit = false
        for k in 0..<n where FieldParsers.isDigit(p[k]) { hasDigit = true; break }
        guard hasDigit else { return parse(p, n, false, false) }
        var scratch: [UInt8] = []
        swap(&scratch, &numberScratch)
        defer { swap(&scratch, &numberScratch) }
        guard numbers.normalize(p, n, money: money, into: &scratch) else { return .failure(.notANumber) }
        return scratch.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return .failure(.notANumber) }
            return parse(base, b.count, false, false)
        }
    }

    /// An integer in a non-plain number format, appended (the plain path stays as it was).
    @inline(never)
    private mutating func appendFormattedInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> CSVFieldProblem? {
        switch formattedNumber(p, n, money: false, FieldParsers.int64) {
        case let .value(v): int64s.append(v); return nil
        case let .failure(problem): return numberProblem(problem, p, n, money: false)
        }
    }

    /// A double in a non-plain number format, appended.
    @inline(never)
    private mutating func appendFormattedDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> CSVFieldProblem? {
        switch formattedNumber(p, n, money: true, FieldParsers.double) {
        case let .value(v):
            if finiteOnly, !v.isFinite { return .notFinite }
            doubles.append(v)
            return nil
        case let .failure(problem): return numberProblem(problem, p, n, money: true)
        }
    }

    /// The problem of a number field, with a hint when another number format would read it.
    @inline(never)
    private func numberProblem(_ problem: CSVFieldProblem, _ p: UnsafePointer<UInt8>, _ n: Int, money: Bool) -> CSVFieldProblem {
        guard problem == .notANumber || problem == .notAnInteger,
              let hint = NumberFormatHints.hint(p, n, current: numbers, money: money) else { return problem }
        return .numberNeedsFormat(hint: hint)
    }

    /// Seconds since the epoch of a 20-byte `YYYY-MM-DDThh:mm:ssZ` (or with a space for `T`), the
    /// form exports use most; `nil` for anything else (the full parser then handles it).
    @inline(__always)
    private mutating func canonicalTimestamp(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard p[4] == 45, p[7] == 45, p[10] == 84 || p[10] == 32, p[13] == 58, p[16] == 58, p[19] == 90 else { return nil }
        @inline(__always) func digit(_ k: Int) -> Int { Int(p[k]) &- 48 }
        let d11 = digit(11), d12 = digit(12), d14 = digit(14), d15 = digit(15), d17 = digit(17), d18 = digit(18)
        guard UInt(bitPattern: d11) <= 9, UInt(bitPattern: d12) <= 9, UInt(bitPattern: d14) <= 9,
              UInt(bitPattern: d15) <= 9, UInt(bitPattern: d17) <= 9, UInt(bitPattern: d18) <= 9 else { return nil }
        let clock = ((d11 * 10 + d12) * 100 + d14 * 10 + d15) * 100 + d17 * 10 + d18
        // Every date position a digit, so the date is exactly `YYYY-MM-DD` (no padding to trim).
        for k in 0..<10 where k != 4 && k != 7 {
            guard UInt(bitPattern: digit(k)) <= 9 else { return nil }
        }
        let hour = clock / 10_000, minute = clock / 100 % 100, second = clock % 100
        guard hour <= 23, minute <= 59, second <= 59, let days = cachedDate(p) else { return nil }
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Encodes the pending category values (call only at a row boundary, after the row is accepted).
    mutating func flushCategories() {
        guard !pendingRows.isEmpty else { return }
        pendingBytes.withUnsafeBufferPointer { bytes in
            int32s.withUnsafeMutableBufferPointer { codes in
                guard let codeBase = codes.baseAddress else { return }
                var zero: UInt8 = 0
                if let base = bytes.baseAddress {
                    dictionary.encode(batch: base, offsets: pendingOffsets, rows: pendingRows, into: codeBase)
                } else {
                    withUnsafePointer(to: &zero) {
                        dictionary.encode(batch: $0, offsets: pendingOffsets, rows: pendingRows, into: codeBase)
                    }
                }
            }
        }
        pendingBytes.removeAll(keepingCapacity: true)
        pendingOffsets.removeAll(keepingCapacity: true)
        pendingOffsets.append(0)
        pendingRows.removeAll(keepingCapacity: true)
    }

    /// Drops rows after the first `rows` (undoing a partially appended bad record).
    mutating func truncate(to rows: Int) {
        while let last = pendingRows.last, last >= rows {
            pendingRows.removeLast()
            pendingOffsets.removeLast()
            pendingBytes.removeLast(pendingBytes.count - (pendingOffsets.last ?? 0))
        }
        guard count > rows else { return }
        if hasMissing { valid.removeLast(count - rows) }
        count = rows
        switch type {
        case .integer, .timestamp: int64s.removeLast(int64s.count - rows)
        case .category where fingerprints: int64s.removeLast(int64s.count - rows)
        case .date, .month, .category: int32s.removeLast(int32s.count - rows)
        case .double: doubles.removeLast(doubles.count - rows)
        case .boolean: booleans.removeLast(booleans.count - rows)
        case .string: strings.removeLast(strings.count - rows)
        }
    }

    /// Concatenates the chunks' builders for one field into a column, merging category
    /// dictionaries (levels keep their order of first appearance across chunks).
    /// - Complexity: O(total rows + total distinct level bytes).
    static func concatenate(_ parts: consuming [ColumnBuilder], field: CSVSchema.Field) -> Column {
        var parts = parts
        let total = parts.reduce(0) { $0 + $1.count }
        var valid: [Bool] = []
        if parts.contains(where: \.hasMissing) {
            valid.reserveCapacity(total)
            for part in parts {
                if part.hasMissing {
                    valid.append(contentsOf: part.valid)
                } else {
                    valid.append(contentsOf: repeatElement(true, count: part.count))
                }
            }
        } else {
            valid = [Bool](repeating: true, count: total)
        }
        let values: ColumnValues
        switch field.type {
        case .integer: values = .integer(join(&parts, \.int64s, total))
        case .timestamp: values = .timestamp(join(&parts, \.int64s, total))
        case .date: values = .date(join(&parts, \.int32s, total))
        case .month: values = .month(join(&parts, \.int32s, total))
        case .double: values = .double(join(&parts, \.doubles, total))
        case .boolean: values = .boolean(join(&parts, \.booleans, total))
        case .string: values = .string(join(&parts, \.strings, total))
        case .category where field.readsFingerprints: values = .integer(join(&parts, \.int64s, total))
        case .category:
            // The first chunk's dictionary is the start of the merged one (its codes stay); the
            // other chunks' levels are encoded into it and their codes remapped.
            var merged = ByteDictionary()
            swap(&merged, &parts[0].dictionary)
            var codes: [Int32] = []
            swap(&codes, &parts[0].int32s)
            codes.reserveCapacity(total)
            for p in parts.indices.dropFirst() {
                let remap = merged.encodeLevels(of: parts[p].dictionary)
                parts[p].dictionary = ByteDictionary()
                remap.withUnsafeBufferPointer { r in
                    parts[p].int32s.withUnsafeBufferPointer { part in
                        let start = codes.count
                        codes.append(contentsOf: repeatElement(-1, count: part.count))
                        codes.withUnsafeMutableBufferPointer { out in
                            for (i, code) in part.enumerated() where code >= 0 { out[start + i] = r[Int(code)] }
                        }
                    }
                }
                parts[p].int32s = []
            }
            values = .category(levels: merged.strings(), codes: codes)
        }
        return Column(uncheckedName: field.name, values: values, valid: valid)
    }

    /// The parts' arrays at `key` joined, the first part's array grown in place (it is moved out,
    /// so with a single owner and enough reserved capacity nothing is copied).
    private static func join<T>(_ parts: inout [ColumnBuilder], _ key: WritableKeyPath<ColumnBuilder, [T]>,
                                _ total: Int) -> [T] {
        var result: [T] = []
        swap(&result, &parts[0][keyPath: key])
        guard parts.count > 1 else { return result }
        result.reserveCapacity(total)
        for p in parts.indices.dropFirst() {
            result.append(contentsOf: parts[p][keyPath: key])
            parts[p][keyPath: key] = []
        }
        return result
    }
}
