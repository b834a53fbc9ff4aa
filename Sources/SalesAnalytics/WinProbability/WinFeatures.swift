import Foundation
import SalesData

/// The features of the win-probability model and the derived columns it can use.
public enum WinFeatures {
    /// The derived column: days from `created_date` to `close_date` for closed deals, to the
    /// as-of date for open ones.
    public static let dealAgeColumn = "deal_age_days"

    /// The default features: log amount, source, industry, region, activities, meetings, deal age.
    public static let defaults: [DesignSpecification.Term] = [
        .numeric(column: "amount", transform: .log),
        .categorical(column: "source", reference: nil),
        .categorical(column: "industry", reference: nil),
        .categorical(column: "region", reference: nil),
        .numeric(column: "num_activities", transform: .identity),
        .numeric(column: "num_meetings", transform: .identity),
        .numeric(column: dealAgeColumn, transform: .identity),
    ]

    /// Parses a feature list: comma-separated items, each `log(col)`, `log1p(col)`, `col` (categorical
    /// for a category column, else numeric — the design reports unusable types), `col(ref=level)` (categorical with a
    /// reference level) or `a:b` (interaction of two listed features).
    /// - Parameters:
    ///   - text: The list, e.g. `log(amount),source(ref=inbound),num_meetings,num_meetings:source`.
    ///   - table: The table whose column types decide numeric vs categorical.
    /// - Returns: The terms.
    /// - Throws: `WinModelError.invalidFeature` for an empty item or a column that does not exist.
    public static func parse(_ text: String, table: Table) throws -> [DesignSpecification.Term] {
        var terms: [DesignSpecification.Term] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = raw.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { throw WinModelError.invalidFeature(item: String(raw), reason: "empty feature") }
            if item.contains(":") {
                let parts = item.split(separator: ":").map(String.init)
                guard parts.count == 2 else { throw WinModelError.invalidFeature(item: item, reason: "an interaction is a:b") }
                terms.append(.interaction(parts[0], parts[1]))
                continue
            }
            if let transform = item.hasPrefix("log1p(") ? DesignSpecification.NumericTransform.log1p
                : (item.hasPrefix("log(") ? .log : nil) {
                let prefix = transform == .log1p ? "log1p(" : "log("
                guard item.hasSuffix(")") else { throw WinModelError.invalidFeature(item: item, reason: "missing \")\"") }
                let column = String(item.dropFirst(prefix.count).dropLast())
                guard table.hasColumn(column) else { throw WinModelError.invalidFeature(item: item, reason: "no column \"\(column)\"") }
                terms.append(.numeric(column: column, transform: transform))
                continue
            }
            var column = item
            var reference: String?
            if let open = item.firstIndex(of: "("), item.hasSuffix(")") {
                column = String(item[..<open])
                let inside = item[item.index(after: open)..<item.index(before: item.endIndex)]
                guard inside.hasPrefix("ref=") else { throw WinModelError.invalidFeature(item: item, reason: "expected col(ref=level)") }
                reference = String(inside.dropFirst(4))
            }
            guard let found = try? table.column(column) else {
                throw WinModelError.invalidFeature(item: item, reason: "no column \"\(column)\"; columns: " + table.columnNames.joined(separator: ", "))
            }
            switch found.type {
            case .category:
                terms.append(.categorical(column: column, reference: reference))
            default:
                terms.append(.numeric(column: column, transform: .identity))
            }
        }
        return terms
    }

    /// The opportunities table with the `deal_age_days` column added (Double; missing where a
    /// date is missing).
    /// - Parameters:
    ///   - opportunities: The table (`created_date`, `close_date`, `is_won` as read by
    ///     `ContractReader.read(.opportunities, …)`).
    ///   - asOf: The day the age of open deals is measured at (default: the latest created or
    ///     close date of a closed deal).
    /// - Returns: The wider table (unchanged if the column already exists).
    /// - Throws: `TableError` for missing date columns.
    /// - Complexity: O(rows).
    public static func addingDealAge(to opportunities: Table, asOf: Day? = nil) throws -> Table {
        guard !opportunities.hasColumn(dealAgeColumn) else { return opportunities }
        let created = try opportunities.dates("created_date")
        let closed = try opportunities.dates("close_date")
        let won = opportunities.hasColumn("is_won") ? try opportunities.booleans("is_won") : nil
        let isClosed: (Int) -> Bool = { row in won?.valid[row] ?? true }
        let reference = asOf.map(\.clampedInt32) ?? defaultAsOf(created: created, closed: closed, isClosed: isClosed)
        var ages = [Double](repeating: 0, count: opportunities.rowCount)
        var valid = [Bool](repeating: false, count: opportunities.rowCount)
        for row in 0..<opportunities.rowCount where created.valid[row] {
            if isClosed(row) {
                guard closed.valid[row] else { continue }
                ages[row] = Double(closed.values[row] - created.values[row])
            } else {
                ages[row] = Double(reference - created.values[row])
            }
            valid[row] = true
        }
        return try opportunities.adding(try Column(name: dealAgeColumn, values: .double(ages), valid: valid))
    }

    /// The latest created date or close date of a closed deal (0 when there is none).
    static func defaultAsOf(created: TypedColumn<Int32>, closed: TypedColumn<Int32>, isClosed: (Int) -> Bool) -> Int32 {
        var latest: Int32 = .min
        for row in 0..<created.count {
            if created.valid[row] { latest = max(latest, created.values[row]) }
            if isClosed(row) && closed.valid[row] { latest = max(latest, closed.values[row]) }
        }
        return latest == .min ? 0 : latest
    }
}
