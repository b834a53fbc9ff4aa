import Foundation
import SalesAnalytics
import SalesData
import SalesModels
import SalesWarehouse
import Testing

extension WarehouseEquality {
    /// The forecasters' revenue series (total) for every frequency, zero-filled and with gaps kept,
    /// over the whole range and a fixed range: periods, gaps and order counts exactly, money to the cent.
    static func revenueSeries(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = OrderFixtures.path) async throws {
        let log = try OrderFixtures.log(file)
        for frequency in [TimeSeriesFrequency.day, .week, .month, .quarter] {
            let unit = frequency.periodUnit
            let first = unit.index(ofDay: log.days.min() ?? 0), last = unit.index(ofDay: log.days.max() ?? 0)
            for (gaps, range) in [(GapPolicy.fillZero, Optional<ClosedRange<Int>>.none), (.keepMissing, nil),
                                  (.fillZero, (first + 2)...(last - 1))] {
                let memory = try RevenueAggregation.aggregate(days: log.days, amounts: log.amounts, frequency: frequency, gaps: gaps,
                                                              periods: range)
                let engine = try await RevenueAggregation.aggregate(relation, on: warehouse, frequency: frequency, gaps: gaps,
                                                                    periods: range).series
                let label = "revenue \(frequency) \(gaps) \(String(describing: range)) \(relation.summary)"
                try #require(engine.count == 1, "\(label)")
                same(engine[0], memory, label)
            }
        }
    }

    /// Per-group series (group = the customer id's last character, a column the query adds) for
    /// month and week: one series per group over the common range, as in memory.
    static func revenueSeriesByGroup(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = OrderFixtures.path) async throws {
        let log = try OrderFixtures.log(file)
        let keys = log.customerCodes.map { code -> String in String(log.customerIDs[Int(code)].last.map { String($0) } ?? "") }
        let levels = Array(Set(keys)).sorted()
        var index: [String: Int32] = [:]
        for (i, level) in levels.enumerated() { index[level] = Int32(i) }
        let codes = keys.map { index[$0] ?? -1 }
        for frequency in [TimeSeriesFrequency.week, .month] {
            let memory = try RevenueAggregation.aggregate(days: log.days, amounts: log.amounts, groupCodes: codes, groupLevels: levels,
                                                          frequency: frequency)
            let engine = try await RevenueAggregation.aggregate(relation, on: warehouse, frequency: frequency, group: "region").series
            let label = "revenue by group \(frequency) \(relation.summary)"
            #expect(engine.map(\.group) == memory.map(\.group), "\(label)")
            guard engine.count == memory.count else { continue }
            for (e, m) in zip(engine, memory) { same(e, m, label + " " + (m.group ?? "")) }
        }
    }

    static func same(_ e: RevenueSeries, _ m: RevenueSeries, _ label: String) {
        #expect(e.group == m.group, "\(label)")
        #expect(e.series.start == m.series.start && e.series.count == m.series.count && e.series.frequency == m.series.frequency,
                "\(label): engine \(e.series.start)+\(e.series.count), in memory \(m.series.start)+\(m.series.count)")
        #expect(e.gapPeriods == m.gapPeriods, "\(label)")
        #expect(e.orderCount == m.orderCount, "\(label)")
        let differ = zip(e.series.values, m.series.values).filter { x, y in
            x.isNaN != y.isNaN || (!x.isNaN && cents(x) != cents(y))
        }.count
        #expect(differ == 0, "\(label): \(differ) periods differ")
    }

    /// The engine-side scoring of the engine's fit: each probability as the in-memory formula over
    /// the same rows with the same coefficients (1e-12 relative), and Σp = Σy at the maximum
    /// likelihood (the intercept's score equation, 1e-8 relative).
    static func scoring(_ relation: WarehouseRelation, _ warehouse: any Warehouse) async throws {
        let fit = try await WarehouseLogisticFit.fit(relation: relation, label: "is_won", features: OpportunityFixtures.features,
                                                     on: warehouse, tolerance: 1e-13)
        let plan = LogisticScorePlan(relation: relation, features: OpportunityFixtures.features, coefficients: fit.coefficients)
        let engine = try await plan.fetch(on: warehouse).probabilities.sorted()
        let rows = try OpportunityFixtures.rows()
        let beta = fit.coefficients
        var memory: [Double] = []
        var wins = 0.0
        for row in rows {
            let x = row.dropFirst().compactMap(Double.init)
            var eta = beta[0]
            for j in 0..<x.count { eta += beta[j + 1] * x[j] }
            memory.append(1 / (1 + exp(-min(max(eta, -700), 700))))
            wins += Double(row[0]) ?? 0
        }
        memory.sort()
        #expect(engine.count == memory.count)
        let worst = zip(engine, memory).map { relative($0, $1) }.max() ?? 0
        #expect(worst < 1e-12, "scoring: worst relative difference \(worst)")
        #expect(relative(engine.reduce(0, +), wins) < 1e-8, "Σp \(engine.reduce(0, +)) vs Σy \(wins)")
        let summary = try await warehouse.run(plan.summaryQuery(warehouse.dialect))
        #expect(summary.integers(0) == [Int64(memory.count)])
        #expect(relative(summary.doubles(1)[0], wins) < 1e-8)
    }
}

extension WarehouseEquality {
    /// The orders of `table` with a `region` column: the customer id's last character (the same
    /// SQL on the three engines).
    static func withRegion(_ table: String) -> String {
        "SELECT order_id, customer_id, order_date, amount, substring(customer_id, length(customer_id), 1) AS region FROM \(table)"
    }
}
