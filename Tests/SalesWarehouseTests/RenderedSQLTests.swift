import SalesWarehouse
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
}
