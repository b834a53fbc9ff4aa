import ArgumentParser
import Foundation
import SalesKit

/// `saleskit validate FILE --kind KIND`: reads a contract file with its schema, skipping bad rows,
/// and reports data quality — rows, missing values per column, duplicate ids, domain-rule
/// violations and every rejected line. Exits 0 whenever the file could be read at all.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a contract file: rows, field completeness, duplicate ids, rule violations, rejected lines.",
        discussion: """
            Reads the whole file with the skip-invalid-rows policy and applies the rules every analysis \
            applies (types, NaN/Inf amounts quoted as the file spells them, dates outside 1900-2100 \
            unless --date-range). Rejections are summarized by reason (count and first five lines \
            each); the detail lists --max-rejects lines (default 20 in the table, all in JSON). Exact \
            duplicate rows are counted and the first ones listed. Rows read + rows rejected = data rows \
            in the file. Exit status 0 when at least one row is valid, 1 when none is or the file \
            cannot be read (missing or empty file, missing required column). \
            Kinds: \(ContractFile.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Argument(help: "The CSV file to check.")
    var file: String

    @Option(help: "The contract file kind: \(ContractFile.allCases.map(\.rawValue).joined(separator: "|")).")
    var kind: String

    @Option(help: "Report orders after this date YYYY-MM-DD (orders files).")
    var asOf: String?

    @Option(name: .customLong("stage-map"), help: ArgumentHelp(
        "Map one of your stage names to a contract stage: theirs=contract (repeatable).", valueName: "theirs=contract"))
    var stageMappings: [String] = []

    @Option(help: "Rejected lines listed in the detail (the summary by reason always counts all; default: 20 in the table, all in JSON).")
    var maxRejects: Int?

    @Option(help: ArgumentHelp("Plausible dates FROM:TO (YYYY-MM-DD:YYYY-MM-DD; default 1900-01-01:2100-12-31).", valueName: "from:to"))
    var dateRange: String?

    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let contract = ContractFile(rawValue: kind) else {
            throw ValidationError("--kind must be one of \(ContractFile.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kind)\"")
        }
        var rules = ContractRuleOptions()
        if let asOf { rules.asOf = try parseISODate(asOf, option: "--as-of").int32 }
        for entry in stageMappings {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--stage-map expects theirs=contract, got \"\(entry)\"")
            }
            rules.stageMapping[parts[0]] = parts[1]
        }
        if let maxRejects, maxRejects < 0 { throw ValidationError("--max-rejects must be >= 0, got \(maxRejects)") }
        if let dateRange {
            let parts = dateRange.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--date-range expects FROM:TO (YYYY-MM-DD:YYYY-MM-DD), got \"\(dateRange)\"") }
            let from = try parseISODate(parts[0], option: "--date-range"), to = try parseISODate(parts[1], option: "--date-range")
            guard from <= to else { throw ValidationError("--date-range: \(parts[0]) is after \(parts[1])") }
            rules.dateRange = from.clampedInt32...to.clampedInt32
        }
        let options = try inputFormat.readOptions(policy: .skipInvalidRows, output: output)
        let result = try ContractReader.read(contract, file: file, mapping: try columns.mapping(for: contract.rawValue, among: [.contract(contract)]),
                                             options: options, rules: rules)
        let duplicates = DuplicateRows.find(in: result.table, rowLines: result.rowLines)
        let report = ValidationReport(file: file, quality: result.quality, duplicates: duplicates, maxRejects: maxRejects)
        try output.emit(json: report, table: report.tables(maxRejects: maxRejects ?? 20))
        if result.quality.rows == 0 {
            throw CLIError.noValidRows(file: file, rejected: result.quality.rejected.count)
        }
    }
}

/// The JSON shape of `validate` (CLI contract keys: rows, rejected, columns, duplicateIds,
/// ruleViolations) and its table rendering.
struct ValidationReport: Encodable {
    struct ColumnInfo: Encodable {
        let name: String
        let type: String
        let missing: Int
    }

    struct Rule: Encodable {
        let rule: String
        let count: Int
        let detail: String
    }

    /// The rejections of one reason: count and the first five lines.
    struct Reason: Encodable {
        let reason: String
        let column: String?
        let count: Int
        let lines: [Int]
    }

    let file: String
    let kind: String
    let rows: Int
    let dataRows: Int
    /// Every rejected line, or the first `--max-rejects`.
    let rejected: [RejectedRow]
    /// All rejected lines (the length of `rejected` without `--max-rejects`).
    let rejectedTotal: Int
    let rejectedByReason: [Reason]
    let columns: [ColumnInfo]
    let duplicateIds: Int
    /// Rows identical to an earlier row, and the first of them.
    let duplicateRows: Int
    let duplicateRowExamples: [DuplicateRows.Example]
    let ruleViolations: [Rule]

    init(file: String, quality: DataQualityReport, duplicates: DuplicateRows, maxRejects: Int?) {
        self.file = file
        kind = quality.kind.rawValue
        rows = quality.rows
        dataRows = quality.dataRows
        rejected = maxRejects.map { Array(quality.rejected.prefix($0)) } ?? quality.rejected
        rejectedTotal = quality.rejected.count
        rejectedByReason = Self.summarize(quality.rejected)
        columns = quality.columns.map { ColumnInfo(name: $0.name, type: $0.type.rawValue, missing: $0.missing) }
        duplicateIds = quality.duplicateIds
        duplicateRows = duplicates.count
        duplicateRowExamples = duplicates.examples
        ruleViolations = quality.ruleViolations.map { Rule(rule: $0.rule, count: $0.count, detail: $0.detail) }
    }

    /// Rejections grouped by reason and column, most frequent first (ties in order of first line).
    static func summarize(_ rows: [RejectedRow]) -> [Reason] {
        struct Key: Hashable { let reason: String, column: String? }
        var order: [Key] = [], counts: [Key: Int] = [:], lines: [Key: [Int]] = [:]
        for row in rows {
            let key = Key(reason: row.reason, column: row.column)
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
            if lines[key, default: []].count < 5 { lines[key, default: []].append(row.line) }
        }
        let ranked = order.enumerated().sorted { a, b in
            let ca = counts[a.element] ?? 0, cb = counts[b.element] ?? 0
            return ca != cb ? ca > cb : a.offset < b.offset
        }
        return ranked.map { Reason(reason: $0.element.reason, column: $0.element.column, count: counts[$0.element] ?? 0,
                                   lines: lines[$0.element] ?? []) }
    }

    /// Summary, completeness, rule and rejected-line tables for people.
    func tables(maxRejects: Int) -> [TextTable] {
        var summary = TextTable(headers: ["measure", "value"], title: "\(file) (\(kind))")
        summary.append(["rows read", String(rows)])
        summary.append(["rows rejected", String(rejectedTotal)])
        summary.append(["data rows in file", String(dataRows)])
        summary.append(["duplicate ids", String(duplicateIds)])
        summary.append(["exact duplicate rows", String(duplicateRows)])
        var completeness = TextTable(headers: ["column", "type", "missing", "complete"], title: "Field completeness")
        for column in columns {
            let share = rows == 0 ? 1 : Double(rows - column.missing) / Double(rows)
            completeness.append([column.name, column.type, String(column.missing), String(format: "%.1f%%", share * 100)])
        }
        var tables = [summary, completeness]
        if !ruleViolations.isEmpty {
            var rules = TextTable(headers: ["rule", "rows", "detail"], title: "Rule violations")
            for rule in ruleViolations { rules.append([rule.rule, String(rule.count), rule.detail]) }
            tables.append(rules)
        }
        if duplicateRows > 0 {
            var dups = TextTable(headers: ["line", "repeats line"], title: "Exact duplicate rows: \(duplicateRows) (first \(duplicateRowExamples.count))")
            for d in duplicateRowExamples { dups.append([String(d.line), String(d.firstLine)]) }
            tables.append(dups)
        }
        if !rejectedByReason.isEmpty {
            var reasons = TextTable(headers: ["reason", "column", "rows", "first lines"], title: "Rejections by reason")
            for r in rejectedByReason {
                reasons.append([r.reason, r.column ?? "-", String(r.count), r.lines.map(String.init).joined(separator: ", ")])
            }
            tables.append(reasons)
        }
        let shown = rejected.prefix(maxRejects)
        if !shown.isEmpty {
            let more = rejectedTotal - shown.count
            var lines = TextTable(headers: ["line", "column", "reason", "text"],
                                  title: "Rejected lines" + (more > 0 ? " (first \(shown.count); \(more) more: --max-rejects N, or --format json)" : ""))
            for row in shown { lines.append([String(row.line), row.column ?? "-", row.reason, row.text]) }
            tables.append(lines)
        }
        return tables
    }
}
