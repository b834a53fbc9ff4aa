/// Why one field of a CSV row could not be read as its column's type.
public enum CSVFieldProblem: Sendable, Hashable, CustomStringConvertible {
    /// Not a number (for a double column).
    case notANumber
    /// Not an integer (for an integer column).
    case notAnInteger
    /// An integer outside Int64.
    case integerOverflow
    /// Not one of `1`/`0`/`true`/`false`/`yes`/`no`.
    case notABoolean
    /// Not in a date format (`YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY年M月D日`).
    case notADate
    /// A date in the right format that does not exist (month 13, Feb 30, year 0).
    case dateOutOfRange
    /// Not an ISO 8601 timestamp, or a time/offset out of range.
    case notATimestamp
    /// Not a `YYYY-MM` month.
    case notAMonth
    /// Empty or a missing token in a column that requires a value.
    case missingValue
    /// The bytes are not valid UTF-8.
    case invalidUTF8
    /// `NaN` or an infinity in a column that needs a finite number.
    case notFinite
    /// The value breaks a rule of the schema (`reason` says which: a range, a set, another field).
    case violates(reason: String)
    /// A date or timestamp that is not ISO 8601 and not in the given format (`given`, if any);
    /// `fits` are the formats that would read it (day/month order is never guessed); `evidence`
    /// says which other line of the file ruled out the other formats, if one did.
    case unreadableDate(timestamp: Bool, given: String?, fits: [String], evidence: String? = nil)
    /// Not a number as the reader's number format reads them; `hint` says which options would read it.
    case numberNeedsFormat(hint: String)
    /// Bytes that are not valid in the file's encoding (`encoding`); `hint` names an encoding that
    /// reads them, if one was found.
    case undecodable(encoding: String, hint: String?)

    /// The reason as it appears after the quoted text: `"12,5x" is not a number`.
    public var description: String {
        switch self {
        case .notANumber: return "is not a number"
        case .notAnInteger: return "is not an integer"
        case .integerOverflow: return "overflows a 64-bit integer"
        case .notABoolean: return "is not a boolean (1/0, true/false, yes/no)"
        case .notADate: return "is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)"
        case .dateOutOfRange: return "is not a valid calendar date"
        case .notATimestamp: return "is not an ISO 8601 timestamp"
        case .notAMonth: return "is not a month (YYYY-MM)"
        case .missingValue: return "is missing but the column requires a value"
        case .invalidUTF8: return "is not valid UTF-8"
        case .notFinite: return "is not a finite number"
        case let .violates(reason): return reason
        case let .unreadableDate(timestamp, given, fits, evidence):
            let what = timestamp ? "timestamp" : "date"
            let lead = given.map { "is neither ISO 8601 nor a \(what) in the format \"\($0)\"" } ?? "is not an ISO 8601 \(what)"
            let quoted = fits.prefix(4).map { "\"\($0)\"" }
            let monthFirst = fits.contains { $0.hasPrefix("%m") }, dayFirst = fits.contains { $0.hasPrefix("%d") }
            if fits.isEmpty {
                return lead + " (give its layout with --date-format, e.g. \"%d/%m/%Y\")"
            }
            if monthFirst && dayFirst {
                return lead + "; it is ambiguous: it reads with --date-format " + quoted.joined(separator: " or ")
                    + " (month first or day first) — day/month order is never guessed"
            }
            return lead + "; it reads with --date-format " + quoted.joined(separator: " or ")
                + (evidence.map { " (\($0))" } ?? "")
        case let .numberNeedsFormat(hint): return "is not a number (\(hint))"
        case let .undecodable(encoding, hint):
            return "is not valid \(encoding)" + (hint.map { " (\($0))" } ?? "")
        }
    }
}

/// Why a whole CSV record could not be split into fields.
public enum CSVRecordProblem: Sendable, Hashable, CustomStringConvertible {
    /// The record has `found` fields where the header has `expected`.
    case wrongFieldCount(expected: Int, found: Int)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote
    /// A quote inside an unquoted field, or text after a closing quote.
    case unexpectedQuote
    /// The record is longer than the configured limit (`CSVReadOptions.maxRecordBytes`).
    case recordTooLong(limit: Int)

    /// The reason in words.
    public var description: String {
        switch self {
        case let .wrongFieldCount(expected, found): return "expected \(expected) fields, found \(found)"
        case .unterminatedQuote: return "unterminated quoted field (the file ends inside quotes)"
        case .unexpectedQuote: return "stray quote: a quote inside an unquoted field or text after a closing quote"
        case let .recordTooLong(limit): return "record longer than \(limit) bytes"
        }
    }
}

/// A typed error of the CSV reader, with file, line (the header is line 1; a record that spans
/// lines is reported at its first line), column and the offending text.
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotRead(file: String, reason: String)
    /// The file has no header (zero bytes, only a BOM, or only blank lines).
    case emptyFile(file: String)
    /// The header names `header` twice and the schema asks for it.
    case duplicateHeader(file: String, header: String)
    /// Required columns are absent; `missing` are the file headers looked for, `available` the header.
    case missingColumns(file: String, missing: [String], available: [String])
    /// Columns the caller mapped to a header of its own (`--map order_date=date`) are not in the
    /// header: a mistake in the mapping rather than in the file, so the CLI reports it as a usage
    /// error (exit 2). `available` is the header.
    case mappedColumnsAbsent(file: String, mapped: [MappedColumn], available: [String])
    /// A field failed its column's type.
    case invalidField(file: String, line: Int, column: String, text: String, problem: CSVFieldProblem)
    /// A record could not be split into the header's fields.
    case invalidRecord(file: String, line: Int, text: String, problem: CSVRecordProblem)
    /// The input ends or breaks before its data can be read (a truncated or corrupt gzip stream,
    /// an encoding that cannot be converted); `line` is where reading stopped.
    case unreadableInput(file: String, line: Int, reason: String)

    /// `FILE:LINE: column "NAME": "TEXT" REASON` (CLI contract), or the file-level message.
    public var description: String {
        switch self {
        case let .cannotRead(file, reason): return "\(file): cannot read: \(reason)"
        case let .emptyFile(file): return "\(file): empty file (no header row)"
        case let .duplicateHeader(file, header): return "\(file):1: the header names \"\(header)\" twice"
        case let .missingColumns(file, missing, available):
            return "\(file):1: missing required column" + (missing.count == 1 ? " " : "s ")
                + missing.map { "\"\($0)\"" }.joined(separator: ", ")
                + "; the file has: " + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .mappedColumnsAbsent(file, mapped, available):
            return "\(file):1: mapped column" + (mapped.count == 1 ? " " : "s ")
                + mapped.map { "\"\($0.header)\" (for \"\($0.contractName)\")" }.joined(separator: ", ")
                + (mapped.count == 1 ? " is" : " are") + " not in the header; the file has: "
                + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .invalidField(file, line, column, text, problem):
            return "\(file):\(line): column \"\(column)\": \"\(Self.excerpt(text))\" \(problem)"
        case let .invalidRecord(file, line, text, problem):
            return "\(file):\(line): \(problem): \"\(Self.excerpt(text))\""
        case let .unreadableInput(file, line, reason):
            return "\(file):\(line): \(reason)"
        }
    }

    /// The line of a row-level error (`nil` for file-level errors).
    public var line: Int? {
        switch self {
        case let .invalidField(_, line, _, _, _), let .invalidRecord(_, line, _, _), let .unreadableInput(_, line, _):
            return line
        default: return nil
        }
    }

    /// At most 80 characters of `text`, with an ellipsis when cut.
    static func excerpt(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}

/// One row left out of a read, and why: the one rejection type of every reader and analysis
/// (a malformed record, a field that is not of its type, a broken schema rule, an analysis that
/// cannot use the row). Every command prints it the same way,
/// `FILE:LINE: column "NAME": "TEXT" REASON` (LINE counts the header as 1), and lists it in JSON
/// as `{"file","line","column","reason","text"}`.
public struct RejectedRow: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// The file the row is in.
    public var file: String { error.file ?? "" }
    /// The line where the record starts (header = line 1).
    public let line: Int
    /// The column that failed, or `nil` when the whole record was malformed.
    public let column: String?
    /// The reason in words (`is not a number`, `expected 4 fields, found 3`).
    public let reason: String
    /// The offending text (the field, or the start of the record); invalid UTF-8 is shown with U+FFFD.
    public let text: String
    /// The schema rule the row breaks (`is_won_inconsistent_with_stage`, …), or `nil` for a parse problem.
    public let rule: String?
    /// The error the strict policy throws for this row.
    public let error: CSVError

    /// A row rejected after parsing (a schema rule, or an analysis that cannot use it).
    /// - Parameters:
    ///   - file: The file.
    ///   - line: The line where the record starts (header = line 1).
    ///   - column: The column at fault, or `nil` for the whole record.
    ///   - reason: The reason in words.
    ///   - text: The offending text.
    ///   - rule: The rule's identifier, if a rule was broken.
    public init(file: String, line: Int, column: String?, reason: String, text: String, rule: String? = nil) {
        self.line = line
        self.column = column
        self.reason = reason
        self.text = text
        self.rule = rule
        self.error = .invalidField(file: file, line: line, column: column ?? "", text: text, problem: .violates(reason: reason))
    }

    init(_ error: CSVError) {
        self.error = error
        self.rule = nil
        switch error {
        case let .invalidField(_, line, column, text, problem):
            self.line = line; self.column = column; self.reason = problem.description; self.text = text
        case let .invalidRecord(_, line, text, problem):
            self.line = line; self.column = nil; self.reason = problem.description; self.text = text
        default:
            self.line = 0; self.column = nil; self.reason = error.description; self.text = ""
        }
    }

    /// `FILE:LINE: column "NAME": "TEXT" REASON` (no column part for a malformed record).
    public var description: String {
        "\(file):\(line): " + (column.map { "column \"\($0)\": " } ?? "") + "\"\(CSVError.excerpt(text))\" \(reason)"
    }

    enum CodingKeys: String, CodingKey { case file, line, column, reason, text }

    /// `{"file","line","column","reason","text"}`, every key present (`"column": null` for a malformed record).
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(reason, forKey: .reason)
        try c.encode(text, forKey: .text)
    }
}

extension CSVError {
    /// A contract column mapped to the file's own header name.
    public struct MappedColumn: Sendable, Hashable {
        /// The contract name (`order_date`).
        public var contractName: String
        /// The header the mapping asked for (`date`).
        public var header: String

        /// A mapping of `contractName` to `header`.
        public init(contractName: String, header: String) {
            self.contractName = contractName
            self.header = header
        }
    }

    /// The file the error is about.
    public var file: String? {
        switch self {
        case let .cannotRead(file, _), let .emptyFile(file), let .duplicateHeader(file, _),
             let .missingColumns(file, _, _), let .mappedColumnsAbsent(file, _, _), let .invalidField(file, _, _, _, _), let .invalidRecord(file, _, _, _),
             let .unreadableInput(file, _, _):
            return file
        }
    }
}
