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
            Reads the whole file with the skip-invalid-rows policy: every line that cannot be read is \
            listed with its line number (the header is line 1), column and reason; rows read + rows \
            rejected = data rows in the file. Exit status 0 when the file could be read at all, 1 when \
            it cannot (missing or empty file, missing required column). \
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

    @OptionGroup var columns: ColumnMapOptions
    @OptionGroup var inputFormat: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let contract = ContractFile(rawValue: kind) else {
            throw ValidationError("--kind must be one of \(ContractFile.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kind)\"")
        }
        var rules = ContractRuleOptions()
        if let asOf { rules.asOf = try parseISODate(asOf, option: "--as-of") }
        for entry in stageMappings {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--stage-map expects theirs=contract, got \"\(entry)\"")
            }
            rules.stageMapping[parts[0]] = parts[1]
        }
        let options = try inputFormat.readOptions(policy: .skipInvalidRows, output: output)
        let result = try ContractReader.read(contract, file: file, mapping: try columns.mapping(for: contract.rawValue, among: [.contract(contract)]),
                                             options: options, rules: rules)
        let report = ValidationReport(file: file, quality: result.quality)
        try output.emit(json: report, table: report.tables())
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

    let file: String
    let kind: String
    let rows: Int
    let dataRows: Int
    let rejected: [RejectedRow]
    let columns: [ColumnInfo]
    let duplicateIds: Int
    let ruleViolations: [Rule]

    init(file: String, quality: DataQualityReport) {
        self.file = file
        kind = quality.kind.rawValue
        rows = quality.rows
        dataRows = quality.dataRows
        rejected = quality.rejected
        columns = quality.columns.map { ColumnInfo(name: $0.name, type: $0.type.rawValue, missing: $0.missing) }
        duplicateIds = quality.duplicateIds
        ruleViolations = quality.ruleViolations.map { Rule(rule: $0.rule, count: $0.count, detail: $0.detail) }
    }

    /// Summary, completeness, rule and rejected-line tables for people.
    func tables() -> [TextTable] {
        var summary = TextTable(headers: ["measure", "value"], title: "\(file) (\(kind))")
        summary.append(["rows read", String(rows)])
        summary.append(["rows rejected", String(rejected.count)])
        summary.append(["data rows in file", String(dataRows)])
        summary.append(["duplicate ids", String(duplicateIds)])
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
        if !rejected.isEmpty {
            var lines = TextTable(headers: ["line", "column", "reason", "text"], title: "Rejected lines")
            for row in rejected { lines.append([String(row.line), row.column ?? "-", row.reason, row.text]) }
            tables.append(lines)
        }
        return tables
    }
}
