import Foundation
import SalesAnalytics
import SalesData
import SalesWarehouse
import Testing

/// Every analysis through each real engine against the in-memory path over the same rows
/// (`WarehouseEquality`): counts exactly, money to the cent, model parameters to 1e-8 relative.
/// One test per analysis, its cases the engines whose servers run (PostgreSQL 15; ClickHouse 18.16
/// over a Distributed table on two shards; a Spark standalone cluster through Spark Connect).
@Suite("Warehouse equals in memory", .serialized,
       .enabled(if: !WarehouseEngine.enabledCases.isEmpty, "no warehouse server: run Tests/Warehouse/{postgres,clickhouse,spark}.sh start or make test (SALESKIT_SKIP_WAREHOUSE=1 skips on purpose)"))
struct WarehouseEqualityTests {
    @Test(arguments: WarehouseEngine.enabledCases)
    func rfm(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await WarehouseEquality.rfm(engine.orders, warehouse)
            try await WarehouseEquality.rfm(engine.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
            try await WarehouseEquality.rfm(engine.ordersQuery, warehouse)
        }
    }

    @Test(arguments: WarehouseEngine.enabledCases)
    func cohort(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await WarehouseEquality.cohort(engine.orders, warehouse)
            try await WarehouseEquality.cohort(engine.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test(arguments: WarehouseEngine.enabledCases)
    func kpiPeriods(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await WarehouseEquality.kpi(engine.orders, warehouse)
            try await WarehouseEquality.kpi(engine.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test(arguments: WarehouseEngine.enabledCases)
    func customerSummaryAndCLV(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await WarehouseEquality.customerSummary(engine.orders, warehouse)
            try await WarehouseEquality.customerSummary(engine.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
        }
    }

    @Test(arguments: WarehouseEngine.enabledCases)
    func revenueSeries(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await WarehouseEquality.revenueSeries(engine.orders, warehouse)
            try await WarehouseEquality.revenueSeries(engine.lineItems, warehouse, file: OrderFixtures.lineItemsPath)
            try await WarehouseEquality.revenueSeriesByGroup(.query(WarehouseEquality.withRegion(engine.qualified(OrderFixtures.postgresTable))),
                                                             warehouse)
        }
    }

    /// The Newton fit in the engine against statsmodels and the in-memory fit, and scoring in the engine.
    @Test(arguments: WarehouseEngine.enabledCases)
    func winModel(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await OpportunityFixtures.check(engine.opportunities, warehouse)
            try await WarehouseEquality.scoring(engine.opportunities, warehouse)
        }
    }

    /// Default and strict-order funnels over the sample events and the seeded ties/repeats file.
    @Test(arguments: WarehouseEngine.enabledCases)
    func funnel(_ engine: WarehouseEngine) async throws {
        try await engine.using { warehouse in
            try await EventFixtures.check(engine.events, warehouse)
            try await EventFixtures.check(engine.seededEvents, warehouse, file: EventFixtures.randomPath,
                                          funnels: EventFixtures.randomFunnels)
        }
    }
}
