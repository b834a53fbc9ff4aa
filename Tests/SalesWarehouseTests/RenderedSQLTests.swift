@testable import SalesWarehouse
import Testing

/// The rendered SQL per dialect: quoting, binding, the dialect's functions, and the shapes every
/// engine (ClickHouse 18.16 included) accepts — no WITH, no window functions, one JOIN per SELECT.
struct RenderedSQLTests {
    static let relation = WarehouseRelation.table("sales.orders", mapping: ["customer_id": "客户ID", "amount": "a\"b`c"])

    @Test func identifiersAreQuotedPerDialect() {
        #expect(SQLDialect.postgres.tableName("sales.orders") == "\"sales\".\"orders\"")
        #expect(SQLDialect.spark.identifier("a`b") == "`a``b`")
        #expect(SQLDialect.clickhouse.identifier("a`b") == "`a\\`b`")
        #expect(SQLDialect.postgres.identifier("a\"b") == "\"a\"\"b\"")
        #expect(SQLDialect.postgres.stringLiteral("it's") == "'it''s'")
        #expect(SQLDialect.clickhouse.stringLiteral("it's\\") == "'it\\'s\\\\'")
    }

    @Test func rfmPostgresBindsTheAsOfDay() {
        let q = RFMPlan(relation: Self.relation, asOf: 19_000, refunds: .exclude).customersQuery(.postgres)
        #expect(q.parameters == [.integer(19_000)])
        #expect(q.sql.contains("sk_day <= CAST($1 AS BIGINT)"))
        #expect(q.sql.contains("src.\"客户ID\""))
        #expect(q.sql.contains("src.\"a\"\"b`c\""))
        #expect(q.sql.contains("FROM \"sales\".\"orders\" AS src"))
        #expect(q.sql.contains("(CAST(src.\"order_date\" AS DATE) - DATE '1970-01-01')"))
        #expect(q.sql.contains("sk_amount >= 0"))
        #expect(q.columns.map(\.name) == ["customer_id", "last_day", "orders", "minor_units"])
    }

    @Test func rfmSparkAndClickHouseUseLiterals() {
        let spark = RFMPlan(relation: Self.relation, asOf: 19_000).customersQuery(.spark)
        #expect(spark.parameters.isEmpty)
        #expect(spark.sql.contains("sk_day <= CAST(19000 AS BIGINT)"))
        #expect(spark.sql.contains("datediff(CAST(src.`order_date` AS DATE), DATE '1970-01-01')"))
        #expect(spark.sql.contains("CAST(src.`客户ID` AS STRING)"))
        let ch = RFMPlan(relation: Self.relation, asOf: 19_000).customersQuery(.clickhouse)
        #expect(ch.parameters.isEmpty)
        #expect(ch.sql.contains("sk_day <= toInt64(19000)"))
        #expect(ch.sql.contains("toInt64(toUInt32(toDate(src.`order_date`)))"))
        #expect(ch.sql.contains("toString(src.`客户ID`)"))
        #expect(ch.sql.contains("-floor(-sk_amount * 100 + 0.5)"))
    }

    @Test(arguments: SQLDialect.allCases)
    func everyPlanKeepsToTheSharedSubset(_ dialect: SQLDialect) {
        let plans: [any QueryPlan] = [
            RFMPlan(relation: Self.relation, asOf: 19_000),
            CohortPlan(relation: Self.relation, period: .week),
            CohortPlan(relation: Self.relation, period: .quarter, refunds: .exclude),
            CustomerSummaryPlan(relation: Self.relation, calibrationEnd: 19_000, grouping: .month),
            KPIPlan(relation: Self.relation, period: .month),
            FunnelPlan(relation: .table("events"), steps: ["visit", "it's"], windowSeconds: 3600),
            FunnelPlan(relation: .table("events"), steps: ["visit", "it's", "buy"], windowSeconds: 3600, mode: .strictOrder),
            RFMPlan(relation: .table("o", orderID: .absent), refunds: .separate),
            OrderFactsPlan(relation: Self.relation),
            LogisticStepPlan(relation: .table("opportunities"), label: "is_won", features: ["amount", "num_meetings"],
                             coefficients: [0.5, -1e-3, 2]),
        ]
        for plan in plans {
            for q in plan.queries(for: dialect) {
                let upper = q.sql.uppercased()
                #expect(!upper.hasPrefix("WITH"), "\(q.purpose)")
                #expect(!upper.contains(" OVER ("), "\(q.purpose)")
                for select in upper.components(separatedBy: "SELECT ").dropFirst() {
                    let head = select.prefix { $0 != "(" }
                    #expect(head.components(separatedBy: "JOIN").count <= 2, "\(q.purpose)")
                }
                if dialect == .clickhouse {
                    #expect(!q.sql.contains(" INNER JOIN ") || q.sql.contains("ALL INNER JOIN"), "\(q.purpose)")
                }
                if dialect != .postgres { #expect(q.parameters.isEmpty) }
                // Placeholders $1…$n, each parameter used at least once (a bound value may be read twice).
                let used = Set(q.sql.components(separatedBy: "$").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) })
                #expect(used == Set((0..<q.parameters.count).map { $0 + 1 }), "\(q.purpose)")
            }
        }
    }

    @Test func cohortPeriodIndicesPerDialect() {
        let pg = CohortPlan(relation: Self.relation, period: .month).cellsQuery(.postgres).sql
        #expect(pg.contains("EXTRACT(YEAR FROM sk_dt)"))
        #expect(pg.contains("INNER JOIN"))
        let ch = CohortPlan(relation: Self.relation, period: .quarter).cellsQuery(.clickhouse).sql
        #expect(ch.contains("toQuarter(sk_dt)"))
        #expect(ch.contains("ALL INNER JOIN"))
        let spark = CohortPlan(relation: Self.relation, period: .week).cellsQuery(.spark).sql
        #expect(spark.contains("floor((sk_day + 3) / 7.0)"))
    }

    @Test func customerSummaryPeriodStarts() {
        let week = CustomerSummaryPlan(relation: Self.relation, calibrationEnd: 19_000, grouping: .week)
        #expect(week.customersQuery(.postgres, holdoutEnd: 19_100).sql.contains("(sk_day - ((sk_day + 3) % 7 + 7) % 7)"))
        let month = CustomerSummaryPlan(relation: Self.relation, calibrationEnd: 19_000, grouping: .month)
        #expect(month.customersQuery(.clickhouse, holdoutEnd: 19_100).sql.contains("toDayOfMonth(sk_dt)"))
        #expect(month.customersQuery(.clickhouse, holdoutEnd: 19_100).sql.contains("ALL LEFT JOIN"))
    }

    @Test func logisticStepIsOneAggregateWithEveryTerm() {
        let plan = LogisticStepPlan(relation: .table("opps"), label: "won", features: ["x", "y"], coefficients: [0.25, -1.5, 3])
        let pg = plan.stepQuery(.postgres)
        #expect(pg.parameters == [.double(0.25), .double(-1.5), .double(3)])
        // n, ll, 3 gradient terms, 6 upper-triangle entries.
        #expect(pg.columns.count == 2 + 3 + 6)
        #expect(pg.sql.contains("ln(1.0 + exp(-abs(sk_eta)))"))
        let ch = plan.stepQuery(.clickhouse)
        #expect(ch.sql.contains("log(1.0 + exp(-abs(sk_eta)))"))
        #expect(ch.sql.contains("toFloat64('-1.5') * sk_x1"))
        #expect(plan.scoringExpression(.postgres)
            == "1.0 / (1.0 + exp(-greatest(least(CAST('0.25' AS DOUBLE PRECISION) + CAST('-1.5' AS DOUBLE PRECISION) * CAST(\"x\" AS DOUBLE PRECISION) + CAST('3.0' AS DOUBLE PRECISION) * CAST(\"y\" AS DOUBLE PRECISION), 700.0), -700.0)))")
    }

    @Test func userQueriesAreWrappedWithoutTheirSemicolon() {
        let q = RFMPlan(relation: .query("select * from orders where region = 'emea';\n")).customersQuery(.postgres)
        #expect(q.sql.contains("FROM (select * from orders where region = 'emea') AS src"))
    }

    @Test func lineItemsAreGroupedByOrderIDUnlessAbsent() {
        let mapped = WarehouseRelation.table("sales.orders", mapping: ["order_id": "Beleg"])
        for d in SQLDialect.allCases {
            let grouped = RFMPlan(relation: mapped).customersQuery(d).sql
            #expect(grouped.contains("UNION ALL"), "\(d)")
            #expect(grouped.contains("GROUP BY l_order"), "\(d)")
            #expect(grouped.contains("src." + d.identifier("Beleg")), "\(d)")
            #expect(grouped.contains("(l_order IS NULL OR l_order = '')"), "\(d)")
            let plain = RFMPlan(relation: .table("sales.orders", orderID: .absent)).customersQuery(d).sql
            #expect(!plain.contains("UNION ALL") && !plain.contains("order_id"), "\(d)")
        }
        let probe = OrderRelation.orderIDProbe(mapped, .postgres)
        #expect(probe.sql == "SELECT CAST(src.\"Beleg\" AS TEXT) AS order_id FROM \"sales\".\"orders\" AS src WHERE 1 = 0")
    }

    @Test func refundsAreNeverPurchases() {
        let rfm = RFMPlan(relation: Self.relation, refunds: .net).customersQuery(.postgres).sql
        // Frequency and recency from purchases only; refund-only customers left out; $0.00 is a purchase.
        #expect(rfm.contains("max(CASE WHEN sk_amount >= 0 THEN sk_day ELSE -2147483648 END)"))
        #expect(rfm.contains("HAVING sum(CASE WHEN sk_amount >= 0 THEN 1 ELSE 0 END) > 0"))
        #expect(!rfm.contains("sk_amount > 0"))
        #expect(!RFMPlan(relation: Self.relation, refunds: .net).customersQuery(.postgres).sql.contains("WHERE sk_amount >= 0"))
        for policy in [WarehouseRefunds.exclude, .separate] {
            #expect(RFMPlan(relation: Self.relation, refunds: policy).customersQuery(.spark).sql.contains("WHERE sk_amount >= 0"))
        }
        let cells = CohortPlan(relation: Self.relation, period: .month).cellsQuery(.clickhouse).sql
        #expect(cells.contains("WHERE np > 0 GROUP BY sk_customer"))
        #expect(cells.contains("WHERE pi >= ck"))
        #expect(cells.contains("sum(CASE WHEN np > 0 THEN 1 ELSE 0 END)"))
    }

    @Test func orderFactsCountCustomersWithoutPurchase() {
        let q = OrderFactsPlan(relation: Self.relation).factsQuery(.clickhouse)
        #expect(q.columns.map(\.name) == ["row_count", "order_count", "purchases", "refunds", "refund_amount", "customers",
                                          "repeat_customers", "without_purchase", "null_rows"])
        #expect(q.sql.contains("sum(CASE WHEN fp = 0 THEN 1 ELSE 0 END)"))
        #expect(q.sql.contains("sum(sk_lines)"))
    }

    @Test(arguments: SQLDialect.allCases)
    func strictOrderFunnelNeedsNoWindowFunnelOrWindowFunctions(_ d: SQLDialect) {
        let plan = FunnelPlan(relation: .table("events"), steps: ["visit", "signup", "buy"], windowSeconds: 600, mode: .strictOrder)
        let q = plan.stepsQuery(d)
        #expect(!q.sql.contains("windowFunnel"))
        #expect(q.sql.contains("NOT IN ("))
        #expect(q.sql.contains("min(sk_t * 64 + sk_j) AS stop_key"))
        #expect(q.purpose == "funnel levels (strict order)")
        #expect(plan.returnsLevels(d))
        #expect(!FunnelPlan(relation: .table("events"), steps: ["a"], windowSeconds: 1).returnsLevels(.postgres))
        if d == .clickhouse { #expect(q.sql.contains("ALL LEFT JOIN")) }
        if d == .postgres { #expect(q.parameters.contains(.text("signup"))) }
    }
}
