#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The value rules a schema declares beyond types: per-field ranges and sets, and rules across
/// the fields of one row. The reader applies them to every row it reads (in memory and
/// streaming alike), with the row's file line: a row that breaks one is a bad row like a
/// malformed one — the first throws under `.strict`, all are listed under `.skipInvalidRows`.
extension CSVSchema {
    /// A rule on one field's parsed value (missing values never break a value rule).
    public enum ValueRule: Sendable, Equatable {
        /// A number column's value is at least the bound (`amount ≥ 0` of a deal).
        case atLeast(Double)
        /// A number column's value lies in the range (`score` 0…10).
        case within(ClosedRange<Double>)
        /// A category or string column's value is one of these (compared exactly).
        case oneOf([String])
        /// A date or timestamp column's calendar day (days since 1970-01-01; a timestamp's UTC day)
        /// lies in the range: the contract's plausible dates (`CSVSchema.plausibleDays`, 1900–2100),
        /// so that a year 0010 typo is a bad row, not 119,869 empty monthly periods.
        case dateWithin(ClosedRange<Int32>)

        /// The rule's identifier in data-quality reports.
        public var name: String {
            switch self {
            case .atLeast, .within: return "value_out_of_range"
            case .oneOf: return "value_not_allowed"
            case .dateWithin: return "implausible_date"
            }
        }
    }

    /// The plausible dates of the contract: 1900-01-01 … 2100-12-31 (days since 1970-01-01).
    public static let plausibleDays: ClosedRange<Int32> =
        Int32(CivilDate.days(year: 1900, month: 1, day: 1))...Int32(CivilDate.days(year: 2100, month: 12, day: 31))

    /// The same schema with every `dateWithin` rule set to `range` (`--date-range`).
    /// - Parameter range: The plausible days (days since 1970-01-01).
    /// - Returns: The schema.
    public func withDateRange(_ range: ClosedRange<Int32>) -> CSVSchema {
        var copy = self
        for i in copy.fields.indices {
            if case .dateWithin = copy.fields[i].rule { copy.fields[i].rule = .dateWithin(range) }
        }
        return copy
    }

    /// A rule across the fields of one row. Rules whose columns the file lacks are not checked.
    public enum RowRule: Sendable, Equatable {
        /// The boolean outcome column agrees with the stage column: a stage in `open` needs an
        /// empty outcome, one in `won` true and one in `lost` false (stages in none of the lists
        /// are not checked).
        case outcomeMatchesStage(stage: String, outcome: String, open: [String], won: [String], lost: [String])
        /// The date column `later`, when filled, is not before `earlier` (`close_date ≥ created_date`).
        case notBefore(later: String, earlier: String)

        /// The rule's identifier in data-quality reports.
        public var name: String {
            switch self {
            case let .outcomeMatchesStage(_, outcome, _, _, _): return "\(outcome)_inconsistent_with_stage"
            case let .notBefore(later, earlier):
                return "\(Self.stem(later))_before_\(Self.stem(earlier))"
            }
        }

        /// `close_date` → `close`, `created_date` → `created`.
        static func stem(_ column: String) -> String {
            column.hasSuffix("_date") ? String(column.dropLast(5)) : column
        }
    }
}

/// Applies a schema's value rules to a table the reader produced.
enum SchemaRules {
    /// One row breaking one rule.
    struct Violation {
        var row: Int
        var column: String
        var text: String
        var reason: String
        var rule: String
    }

    /// The rows of `table` that break a rule of `fields` or `rowRules`, one violation per row
    /// (the first rule it breaks, fields before row rules), in row order.
    /// - Complexity: O(rows × ruled columns).
    static func violations(in table: Table, fields: [CSVSchema.Field], rowRules: [CSVSchema.RowRule]) -> [Violation] {
        guard table.rowCount > 0 else { return [] }
        var found: [Int: Violation] = [:]
        func add(_ v: Violation) { if found[v.row] == nil { found[v.row] = v } }
        for field in fields {
            guard let rule = field.rule, table.hasColumn(field.name) else { continue }
            switch rule {
            case let .atLeast(bound):
                guard let column = try? table.numbers(field.name) else { continue }
                for row in 0..<column.count where column.valid[row] && !(column.values[row] >= bound) {
                    add(Violation(row: row, column: field.name, text: number(column.values[row]),
                                  reason: "is below the minimum \(number(bound))", rule: rule.name))
                }
            case let .within(range):
                guard let column = try? table.numbers(field.name) else { continue }
                for row in 0..<column.count where column.valid[row] && !range.contains(column.values[row]) {
                    add(Violation(row: row, column: field.name, text: number(column.values[row]),
                                  reason: "is outside \(number(range.lowerBound))–\(number(range.upperBound))", rule: rule.name))
                }
            case let .dateWithin(range):
                let reason = "is outside the plausible dates \(CivilDate.isoString(fromDays: Int(range.lowerBound)))"
                    + "…\(CivilDate.isoString(fromDays: Int(range.upperBound))) (a typo in the year?)"
                if let column = try? table.dates(field.name) {
                    for row in 0..<column.count where column.valid[row] && !range.contains(column.values[row]) {
                        add(Violation(row: row, column: field.name, text: CivilDate.isoString(fromDays: Int(column.values[row])),
                                      reason: reason, rule: rule.name))
                    }
                } else if let column = try? table.timestamps(field.name) {
                    let low = Int64(range.lowerBound) * 86_400, high = (Int64(range.upperBound) + 1) * 86_400
                    for row in 0..<column.count where column.valid[row] && !(column.values[row] >= low && column.values[row] < high) {
                        let day = column.values[row] >= 0 ? column.values[row] / 86_400 : (column.values[row] - 86_399) / 86_400
                        add(Violation(row: row, column: field.name, text: CivilDate.isoString(fromDays: Int(clamping: day)),
                                      reason: reason, rule: rule.name))
                    }
                }
            case let .oneOf(allowed):
                let set = Set(allowed)
                let reason = "is not one of " + allowed.joined(separator: ", ")
                if let column = try? table.categories(field.name) {
                    let bad = column.levels.map { !set.contains($0) }
                    for row in 0..<column.count where column.codes[row] >= 0 && bad[Int(column.codes[row])] {
                        add(Violation(row: row, column: field.name, text: column.levels[Int(column.codes[row])],
                                      reason: reason, rule: rule.name))
                    }
                } else if let column = try? table.strings(field.name) {
                    for row in 0..<column.count where column.valid[row] && !set.contains(column.values[row]) {
                        add(Violation(row: row, column: field.name, text: column.values[row], reason: reason, rule: rule.name))
                    }
                }
            }
        }
        for rule in rowRules {
            switch rule {
            case let .outcomeMatchesStage(stageName, outcomeName, open, won, lost):
                guard let stage = try? table.categories(stageName), let outcome = try? table.booleans(outcomeName) else { continue }
                let openSet = Set(open), wonSet = Set(won), lostSet = Set(lost)
                // Per level: 0 other, 1 open, 2 won, 3 lost.
                let kind: [UInt8] = stage.levels.map {
                    openSet.contains($0) ? 1 : wonSet.contains($0) ? 2 : lostSet.contains($0) ? 3 : 0
                }
                for row in 0..<stage.count where stage.codes[row] >= 0 {
                    let level = Int(stage.codes[row])
                    let filled = outcome.valid[row], value = outcome.values[row]
                    let text = filled ? (value ? "1" : "0") : ""
                    switch kind[level] {
                    case 1 where filled:
                        add(Violation(row: row, column: outcomeName, text: text,
                                      reason: "contradicts stage \(stage.levels[level]) (an open deal has an empty \(outcomeName))",
                                      rule: rule.name))
                    case 2 where !(filled && value), 3 where !(filled && !value):
                        add(Violation(row: row, column: outcomeName, text: text,
                                      reason: "contradicts stage \(stage.levels[level]) (needs \(kind[level] == 2 ? 1 : 0))",
                                      rule: rule.name))
                    default: break
                    }
                }
            case let .notBefore(laterName, earlierName):
                guard let later = try? table.dates(laterName), let earlier = try? table.dates(earlierName) else { continue }
                for row in 0..<later.count where later.valid[row] && earlier.valid[row] && later.values[row] < earlier.values[row] {
                    add(Violation(row: row, column: laterName, text: CivilDate.isoString(fromDays: Int(later.values[row])),
                                  reason: "is before \(earlierName) " + CivilDate.isoString(fromDays: Int(earlier.values[row])),
                                  rule: rule.name))
                }
            }
        }
        return found.values.sorted { $0.row < $1.row }
    }

    /// Drops the rows breaking a rule: under `.strict` the first throws, otherwise they are
    /// returned as rejections (merged into `rejected` in line order).
    /// - Complexity: O(rows × ruled columns); the table is copied only when a row is dropped.
    static func apply(_ schema: (fields: [CSVSchema.Field], rowRules: [CSVSchema.RowRule]), file: String,
                      policy: CSVErrorPolicy, table: Table, lines: RowLines,
                      rejected: [RejectedRow]) throws -> (table: Table, lines: RowLines, rejected: [RejectedRow]) {
        let found = violations(in: table, fields: schema.fields, rowRules: schema.rowRules)
        guard !found.isEmpty else { return (table, lines, rejected) }
        let rows = found.map { v in
            RejectedRow(file: file, line: lines[v.row], column: v.column, reason: v.reason, text: v.text, rule: v.rule)
        }
        if policy == .strict, let first = rows.first { throw first.error }
        var keep = [Bool](repeating: true, count: table.rowCount)
        for v in found { keep[v.row] = false }
        let kept: Table
        do { kept = try Table(columns: try table.filtered(keep).columns.map(compacted), rowCount: table.rowCount - found.count) }
        catch { preconditionFailure("mask length: \(error)") }
        return (kept, lines.filtered(keep), (rejected + rows).sorted { $0.line < $1.line })
    }

    /// A category column without the levels no row uses any more (order of first use kept), so
    /// levels come from accepted rows only, as the reader's dictionaries do.
    static func compacted(_ column: Column) -> Column {
        guard case let .category(levels, codes) = column.values else { return column }
        var remap = [Int32](repeating: -1, count: levels.count)
        var kept: [String] = []
        let newCodes = codes.map { code -> Int32 in
            guard code >= 0 else { return code }
            if remap[Int(code)] < 0 {
                remap[Int(code)] = Int32(truncatingIfNeeded: kept.count)
                kept.append(levels[Int(code)])
            }
            return remap[Int(code)]
        }
        guard kept.count < levels.count else { return column }
        return Column(uncheckedName: column.name, values: .category(levels: kept, codes: newCodes), valid: column.valid)
    }

    /// A number as the message shows it: integers without a fraction.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(.towardZero), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
