/// The CSV files of the SalesKit data contract (DESIGN.md), with their default schemas.
///
/// Every schema uses the contract's column names; map a user's own headers with
/// `CSVSchema.mapped(_:)` (or the `mapping` argument of `ContractReader.read`). Ids, stages,
/// channels and other labels are category columns (Int32 codes); dates are `date` columns,
/// instants `timestamp`, money `double`.
public enum ContractFile: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `orders.csv`: order_id (optional), customer_id, order_date, amount (refunds negative).
    case orders
    /// `customers.csv`: customer_id, signup_date, acquisition_channel, region.
    case customers
    /// `opportunities.csv`: CRM deals with stage, outcome and features.
    case opportunities
    /// `stage_history.csv`: opportunity_id, stage, entered_at.
    case stageHistory = "stage_history"
    /// `events.csv`: user_id, event, timestamp.
    case events
    /// `marketing_spend.csv`: month (`YYYY-MM`), channel, spend.
    case marketingSpend = "marketing_spend"
    /// `targets.csv`: rep_id, period (`YYYY-MM` or `YYYY-Qn`), quota.
    case targets
    /// `surveys.csv`: customer_id, date, score, kind (`nps` 0–10 or `csat` 1–5; optional column).
    case surveys

    /// The contract's name of the file kind (`stage_history`, `marketing_spend`, …).
    public var description: String { rawValue }

    /// The open pipeline stages, in order.
    public static let openStages = ["prospecting", "qualification", "proposal", "negotiation"]
    /// The closed stages.
    public static let closedStages = ["closed_won", "closed_lost"]
    /// Every stage name the contract knows.
    public static var knownStages: [String] { openStages + closedStages }

    /// The column whose values must be unique (`order_id`, `customer_id`, `opportunity_id`), if any.
    public var idColumn: String? {
        switch self {
        case .orders: return "order_id"
        case .customers: return "customer_id"
        case .opportunities: return "opportunity_id"
        default: return nil
        }
    }

    /// The default schema (contract column names, types, required flags) with the contract's value
    /// rules, declared here once and applied by the reader to every row: dates and timestamps are
    /// plausible (1900–2100, `CSVSchema.plausibleDays`, widened with `withDateRange`); money is finite; a deal's
    /// amount and activity counts are ≥ 0; `is_won` agrees with `stage`; `close_date` is not before
    /// `created_date`. (Stage names are checked after the user's stage mapping, in `ContractReader`.)
    public var schema: CSVSchema {
        switch self {
        case .orders:
            return CSVSchema([
                .init("order_id", .category, required: false),
                .init("customer_id", .category, allowsMissing: false),
                .init("order_date", .date, allowsMissing: false, rule: .dateWithin(CSVSchema.plausibleDays)),
                .init("amount", .double, allowsMissing: false, allowsNonFinite: false),
            ])
        case .customers:
            return CSVSchema([
                .init("customer_id", .category, allowsMissing: false),
                .init("signup_date", .date, rule: .dateWithin(CSVSchema.plausibleDays)),
                .init("acquisition_channel", .category, required: false),
                .init("region", .category, required: false),
            ])
        case .opportunities:
            return CSVSchema([
                .init("opportunity_id", .category, allowsMissing: false),
                .init("account_id", .category, required: false),
                .init("rep_id", .category, required: false),
                .init("source", .category, required: false),
                .init("industry", .category, required: false),
                .init("region", .category, required: false),
                .init("amount", .double, allowsNonFinite: false, rule: .atLeast(0)),
                .init("created_date", .date, allowsMissing: false, rule: .dateWithin(CSVSchema.plausibleDays)),
                .init("close_date", .date, required: false, rule: .dateWithin(CSVSchema.plausibleDays)),
                .init("stage", .category, allowsMissing: false),
                .init("is_won", .boolean, required: false),
                .init("num_activities", .integer, required: false, rule: .atLeast(0)),
                .init("num_meetings", .integer, required: false, rule: .atLeast(0)),
            ], rowRules: [
                .outcomeMatchesStage(stage: "stage", outcome: "is_won", open: Self.openStages,
                                     won: ["closed_won"], lost: ["closed_lost"]),
                .notBefore(later: "close_date", earlier: "created_date"),
            ])
        case .stageHistory:
            return CSVSchema([
                .init("opportunity_id", .category, allowsMissing: false),
                .init("stage", .category, allowsMissing: false),
                .init("entered_at", .timestamp, allowsMissing: false, rule: .dateWithin(CSVSchema.plausibleDays)),
            ])
        case .events:
            return CSVSchema([
                .init("user_id", .category, allowsMissing: false),
                .init("event", .category, allowsMissing: false),
                .init("timestamp", .timestamp, allowsMissing: false, rule: .dateWithin(CSVSchema.plausibleDays)),
            ])
        case .marketingSpend:
            return CSVSchema([
                .init("month", .month, allowsMissing: false),
                .init("channel", .category, allowsMissing: false),
                .init("spend", .double, allowsNonFinite: false),
            ])
        case .targets:
            return CSVSchema([
                .init("rep_id", .category, allowsMissing: false),
                .init("period", .category, allowsMissing: false),
                .init("quota", .double, allowsNonFinite: false),
            ])
        case .surveys:
            return CSVSchema([
                .init("customer_id", .category, allowsMissing: false),
                .init("date", .date, rule: .dateWithin(CSVSchema.plausibleDays)),
                .init("score", .integer, allowsMissing: false),
                .init("kind", .category, required: false),
            ])
        }
    }
}

extension ContractFile {
    /// The schema of this kind with the `requiring` columns made required and non-empty, plus
    /// `extraCategories` as required category columns.
    /// - Parameters:
    ///   - requiring: Contract columns an analysis needs in every row.
    ///   - extraCategories: Further category columns (funnel break-downs, order group columns).
    /// - Returns: The schema (contract names; map it with `CSVSchema.mapped(_:)`).
    public func schema(requiring: Set<String>, extraCategories: [String] = []) -> CSVSchema {
        var schema = self.schema
        for i in schema.fields.indices where requiring.contains(schema.fields[i].name) {
            schema.fields[i].required = true
            schema.fields[i].allowsMissing = false
        }
        let known = Set(schema.fields.map(\.name))
        schema.fields += extraCategories.filter { !known.contains($0) }.map { CSVSchema.Field($0, .category) }
        return schema
    }
}

extension CSVSchema {
    /// This schema with the user's stage names (`["Won": "closed_won"]`) counted as the contract
    /// stages they map to in `RowRule.outcomeMatchesStage`.
    /// - Parameter stageMapping: The file's stage names → contract stage names.
    /// - Returns: The schema with the rules' stage lists extended.
    public func renamingStages(_ stageMapping: [String: String]) -> CSVSchema {
        guard !stageMapping.isEmpty else { return self }
        var copy = self
        copy.rowRules = rowRules.map { rule in
            guard case let .outcomeMatchesStage(stage, outcome, open0, won0, lost0) = rule else { return rule }
            var open = open0, won = won0, lost = lost0
            let openSet = Set(open0), wonSet = Set(won0), lostSet = Set(lost0)
            for (theirs, contract) in stageMapping.sorted(by: { $0.key < $1.key }) {
                if openSet.contains(contract) { open.append(theirs) }
                if wonSet.contains(contract) { won.append(theirs) }
                if lostSet.contains(contract) { lost.append(theirs) }
            }
            return .outcomeMatchesStage(stage: stage, outcome: outcome, open: open, won: won, lost: lost)
        }
        return copy
    }
}

