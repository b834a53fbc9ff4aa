import ArgumentParser
import Foundation
import SalesKit

/// How the input files are written, when not as the data contract's plain UTF-8, comma-separated,
/// ISO-dated CSV: `--delimiter`, `--encoding`, `--date-format`, `--timezone`, `--decimal-comma`,
/// `--thousands` and `--amount-format`. Every command that reads files takes these (declared once
/// here), and they apply to every file the command reads. A file named `-` is standard input; a
/// gzip file (`orders.csv.gz`) is recognised by its content and decompressed while reading.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Field delimiter: comma, semicolon, tab, pipe, or one ASCII character (default: auto — sniffed from the header, "
            + "with a notice when it is not a comma).", valueName: "delimiter"))
    var delimiter: String = "auto"

    @Option(help: ArgumentHelp(
        "Text encoding: utf-8 (default; a UTF-16 byte-order mark is honoured), utf-16 (with BOM), utf-16le, utf-16be, "
            + "gb18030, gbk, windows-1252, latin-1. Transcoded to UTF-8 while reading.", valueName: "encoding"))
    var encoding: String = "utf-8"

    @Option(help: ArgumentHelp(
        "Layout of date and timestamp columns that are not ISO 8601, strftime-style: %m/%d/%Y (US), %d/%m/%Y, %d.%m.%Y, "
            + "%Y%m%d, %d/%m/%Y %H:%M, %Y年%m月%d日 … ISO dates and timestamps are always read; day/month order is "
            + "never guessed.", valueName: "format"))
    var dateFormat: String?

    @Option(help: ArgumentHelp(
        "Zone in which timestamps' calendar dates are taken and timestamps without an offset are read: UTC (default), "
            + "an offset such as +08:00, or an IANA name such as Asia/Shanghai.", valueName: "zone"))
    var timezone: String = "UTC"

    @Flag(help: "Numbers use a decimal comma (12,50); combine with --thousands . for 1.234,50.")
    var decimalComma = false

    @Option(help: ArgumentHelp(
        "Thousands separator in numbers: comma, period, space (also no-break spaces), apostrophe, or none (default).",
        valueName: "sep"))
    var thousands: String = "none"

    @Option(help: ArgumentHelp(
        "Money columns: plain (default), currency (a symbol such as $ ¥ € £ before or after the number), or accounting "
            + "(currency, and negatives in parentheses: (27.50) is -27.50).", valueName: "format"))
    var amountFormat: String = "plain"

    /// The CSV tokenizer: `scalar` (the reader's default, the byte-at-a-time reference) or
    /// `structural` (SIMD). Hidden: both read every file the same (tested); it is here to time the
    /// two in the CLI process end to end (BENCHMARKS.md).
    @Option(name: .customLong("csv-tokenizer"), help: .hidden)
    var csvTokenizer: String?

    func validate() throws {
        _ = try readOptions()
    }

    /// The reader options these flags describe.
    /// - Parameters:
    ///   - policy: Strict or skip-invalid-rows.
    ///   - notices: Where the reader posts what it detected (a sniffed delimiter).
    /// - Throws: `ValidationError` (exit 2) for a value none of the flags accept.
    func readOptions(policy: CSVErrorPolicy = .strict, notices: CSVNotices? = nil) throws -> CSVReadOptions {
        var options = CSVReadOptions(policy: policy)
        options.notices = notices
        switch delimiter.lowercased() {
        case "auto", "": options.delimiter = nil
        case ",", "comma": options.delimiter = UInt8(ascii: ",")
        case ";", "semicolon": options.delimiter = UInt8(ascii: ";")
        case "\t", "\\t", "tab": options.delimiter = 9
        case "|", "pipe": options.delimiter = UInt8(ascii: "|")
        default:
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte > 32, byte < 127, byte != 34 else {
                throw ValidationError("--delimiter must be comma, semicolon, tab, pipe, auto or one ASCII character "
                                      + "(not a quote), got \"\(delimiter)\"")
            }
            options.delimiter = byte
        }
        guard let decoded = CSVEncoding(name: encoding) else {
            throw ValidationError("--encoding must be one of \(CSVEncoding.allCases.map(\.rawValue).joined(separator: ", ")), "
                                  + "got \"\(encoding)\"")
        }
        options.encoding = decoded
        if let dateFormat {
            do {
                options.dateFormat = try CSVDateFormat(dateFormat)
            } catch let error as CSVDateFormat.PatternError {
                throw ValidationError("--date-format: \(error.reason), got \"\(dateFormat)\"")
            }
        }
        guard let zone = CSVTimeZone(timezone) else {
            throw ValidationError("--timezone must be UTC, an offset such as +08:00 or -05:30, or an IANA zone name "
                                  + "such as Europe/Berlin known to this system, got \"\(timezone)\"")
        }
        options.timeZone = zone
        var numbers = CSVNumberFormat(decimalSeparator: decimalComma ? UInt8(ascii: ",") : UInt8(ascii: "."))
        switch thousands.lowercased() {
        case "none", "": numbers.thousandsSeparator = nil
        case ",", "comma": numbers.thousandsSeparator = ","
        case ".", "period", "dot": numbers.thousandsSeparator = "."
        case " ", "space": numbers.thousandsSeparator = " "
        case "'", "apostrophe": numbers.thousandsSeparator = "'"
        default:
            throw ValidationError("--thousands must be comma, period, space, apostrophe or none, got \"\(thousands)\"")
        }
        if let separator = numbers.thousandsSeparator, separator.utf8.first == numbers.decimalSeparator {
            throw ValidationError("--thousands \(thousands) is also the decimal separator"
                                  + (decimalComma ? " (--decimal-comma)" : "") + ": choose another")
        }
        guard let amounts = CSVNumberFormat.AmountNotation(rawValue: amountFormat.lowercased()) else {
            throw ValidationError("--amount-format must be plain, currency or accounting, got \"\(amountFormat)\"")
        }
        numbers.amounts = amounts
        options.numberFormat = numbers
        switch csvTokenizer?.lowercased() {
        case nil: break
        case "structural": options.tokenizer = .structural
        case "scalar": options.tokenizer = .scalar
        default: throw ValidationError("--csv-tokenizer must be structural or scalar, got \"\(csvTokenizer ?? "")\"")
        }
        return options
    }

    /// Reader options for a command: its policy, with the reader's notices on stderr unless `--quiet`.
    func readOptions(policy: CSVErrorPolicy, output: OutputOptions) throws -> CSVReadOptions {
        try readOptions(policy: policy, notices: output.quiet ? nil : CSVNotices { message in
            FileHandle.standardError.write(Data(("notice: " + message + "\n").utf8))
        })
    }
}
