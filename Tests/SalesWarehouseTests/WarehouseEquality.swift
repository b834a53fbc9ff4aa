import Foundation
import SalesAnalytics
import SalesData
import SalesModels
import SalesNumerics
import SalesWarehouse
import Testing

/// The checks every engine's equality suite runs: the warehouse result against the in-memory
/// result over the same orders — counts exactly, money to the cent, model parameters to 1e-8
/// relative (the fits see summaries that differ only in the engine's double sums).
enum WarehouseEquality {
    static let asOf = Int32(CivilDate.days(year: 2024, month: 6, day: 30))
    static let calibrationEnd = Int32(CivilDate.days(year: 2023, month: 12, day: 31))

    static func cents(_ value: Double) -> Int64 { Int64((value * 100).rounded()) }

    /// RFM under every refund policy, with and without an as-of date, and the input facts (line
    /// items, purchases, refunds, customers without a purchase) against the in-memory path over
    /// `file` read as `saleskit rfm --orders` reads it.
    static func rfm(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = OrderFixtures.path) async throws {
        let input = try OrderLog.readOrders(file: file)
        let log = input.log
        for (refunds, asOf) in [(RefundPolicy.net, Optional(asOf)), (.exclude, asOf), (.separate, asOf), (.net, nil)] {
            let options = RFMOptions(asOf: asOf.map { Day($0) }, refunds: refunds)
            let memory = try RFMAnalysis.run(log, options: options)
            let outcome = try await RFMAnalysis.run(relation, on: warehouse, options: options)
            let engine = outcome.result
            let label = "RFM \(refunds) asOf \(String(describing: asOf)) \(relation.summary)"
            #expect(engine.count == memory.count, "\(label)")
            #expect(engine.asOf == memory.asOf, "\(label)")
            #expect(engine.orderCount == memory.orderCount, "\(label)")
            #expect(engine.futureOrderCount == memory.futureOrderCount, "\(label)")
            #expect(engine.excludedRefundCount == memory.excludedRefundCount, "\(label)")
            var index: [String: Int] = [:]
            for (i, id) in memory.customerIDs.enumerated() { index[id] = i }
            var mismatches = 0
            for j in 0..<engine.count {
                guard let i = index[engine.customerIDs[j]] else { mismatches += 1; continue }
                if engine.recency[j] != memory.recency[i] || engine.frequency[j] != memory.frequency[i]
                    || cents(engine.monetary[j]) != cents(memory.monetary[i]) || engine.r[j] != memory.r[i]
                    || engine.f[j] != memory.f[i] || engine.m[j] != memory.m[i] || engine.segment(j) != memory.segment(i) {
                    mismatches += 1
                }
            }
            #expect(mismatches == 0, "\(label): \(mismatches) customers differ")
            #expect(engine.summary.map(\.customers) == memory.summary.map(\.customers), "\(label)")
            #expect(engine.summary.map { cents($0.revenue) } == memory.summary.map { cents($0.revenue) }, "\(label)")
            try facts(outcome.facts, input, refunds, label)
        }
    }

    /// The engine's input facts against `OrderLines` and `applyingRefunds(_:)` in memory.
    static func facts(_ engine: WarehouseOrderFacts, _ input: OrderInput, _ refunds: RefundPolicy, _ label: String) throws {
        let memory = input.log.applyingRefunds(refunds).facts
        let converted = RefundFacts(engine, policy: refunds)
        #expect(converted.purchases == memory.purchases, "\(label)")
        #expect(converted.refunds == memory.refunds, "\(label)")
        #expect(cents(converted.refundAmount) == cents(memory.refundAmount), "\(label)")
        #expect(converted.refundsRemoved == memory.refundsRemoved, "\(label)")
        #expect(converted.customers == memory.customers, "\(label)")
        #expect(converted.repeatCustomers == memory.repeatCustomers, "\(label)")
        #expect(converted.customersWithoutPurchase == memory.customersWithoutPurchase, "\(label)")
        var lines = input.lines
        lines.linesWithAnotherCustomer = 0
        #expect(OrderLines(engine) == lines, "\(label)")
    }

    /// Cohort cells for every grain and refund policy against the in-memory path over `file`.
    static func cohort(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = OrderFixtures.path) async throws {
        let input = try OrderLog.readOrders(file: file)
        let log = input.log
        let grains: [(PeriodUnit, WarehousePeriod)] = [(.week, .week), (.month, .month), (.quarter, .quarter)]
        var cases: [(PeriodUnit, WarehousePeriod, RefundPolicy, Int32?)] = []
        for (grain, engineGrain) in grains {
            for refunds in [RefundPolicy.net, .exclude, .separate] { cases.append((grain, engineGrain, refunds, asOf)) }
        }
        // Without an as-of date the data end on the last used order's day (a partial last period).
        cases.append((.month, .month, .net, nil))
        for (grain, engineGrain, refunds, asOf) in cases {
            do {
                let memory = try CohortAnalysis.run(log, options: CohortOptions(period: grain, refunds: refunds, asOf: asOf))
                let engine = try await CohortPlan(relation: relation, period: engineGrain, refunds: refunds.warehouse, asOf: asOf)
                    .fetch(on: warehouse)
                let label = "cohort \(grain) \(refunds) asOf \(String(describing: asOf)) \(relation.summary)"
                #expect(engine.coverage == memory.coverage, "\(label)")
                let on = memory.cells(.returnOn), after = memory.cells(.returnOnOrAfter)
                let cells = engine.cells
                #expect(cells.count == on.count, "\(label)")
                guard cells.count == on.count else { continue }
                var mismatches = 0
                for i in cells.indices {
                    let e = cells[i]
                    if e.cohort != on[i].cohort || e.period != on[i].period || e.customers != on[i].customers
                        || e.active != on[i].active || e.activeOnOrAfter != after[i].active
                        || e.revenueMinorUnits != cents(on[i].revenue) || e.partial != on[i].partial {
                        mismatches += 1
                    }
                }
                #expect(mismatches == 0, "\(label): \(mismatches) of \(cells.count) cells differ")
                #expect(engine.usedOrders == memory.orderCount, "\(label)")
                #expect(engine.excludedRefunds == memory.excludedRefundCount, "\(label)")
                #expect(engine.futureOrders == memory.futureOrderCount, "\(label)")
                try facts(engine.facts, input, refunds, label)
            }
        }
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    static func customerSummary(_ relation: WarehouseRelation, _ warehouse: any Warehouse,
                                file: String = OrderFixtures.path) async throws {
        let log = try OrderFixtures.log(file)
        for (unit, grouping, refunds) in [(CustomerTimeUnit.week, CustomerTimeUnit.day, SummaryRefundPolicy.exclude),
                                          (.day, .week, .net), (.month, .month, .net), (.week, .day, .net)] {
            let options = CustomerSummaryOptions(calibrationEnd: Day(calibrationEnd), unit: unit, grouping: grouping, refunds: refunds)
            let memory = try CustomerSummary.build(orders: log, options: options)
            let engine = try await CustomerSummary.build(relation, on: warehouse, options: options).summary
            #expect(engine.count == memory.count)
            #expect(engine.report == memory.report, "\(unit)/\(grouping)/\(refunds)")
            #expect(engine.holdoutDuration == memory.holdoutDuration)
            #expect(engine.options == memory.options)
            var index: [String: Int] = [:]
            for (i, id) in memory.customerIDs.enumerated() { index[id] = i }
            var mismatches = 0, worstMonetary = 0.0
            for j in 0..<engine.count {
                guard let i = index[engine.customerIDs[j]] else { mismatches += 1; continue }
                if engine.frequency[j] != memory.frequency[i] || engine.recency[j] != memory.recency[i]
                    || engine.age[j] != memory.age[i] || engine.holdoutPurchases[j] != memory.holdoutPurchases[i]
                    || engine.firstPurchaseDay[j] != memory.firstPurchaseDay[i] {
                    mismatches += 1
                }
                // A mean of repeat-period amounts, not a money total: compared relatively (the engine
                // sums in double precision, the in-memory path with compensated sums).
                worstMonetary = max(worstMonetary, abs(engine.monetary[j] - memory.monetary[i]) / max(abs(memory.monetary[i]), 1e-9))
            }
            #expect(mismatches == 0, "summary \(unit)/\(grouping)/\(refunds): \(mismatches) customers differ")
            #expect(worstMonetary < 1e-12, "monetary relative difference \(worstMonetary)")
            // The fits on the refunds-excluded summary (with netted refunds a customer whose repeat
            // purchases net to ≤ 0 trips CLVAnalysis's CLV stage — x set to 0, tₓ kept — in memory too).
            // (Not on the line-item export: its $0.00 orders give repeat buyers a mean spend of 0, which
            // Gamma-Gamma refuses in memory as in the engine; the summaries are compared above.)
            if unit == .week, refunds == .exclude, file == OrderFixtures.path {
                // Through CLVAnalysis: the optimizers stop at 1e-8 gradients and their path depends on
                // the row order (engine: by id; memory: by first appearance), so 1e-6 here.
                let horizon = try CLVHorizon(periods: 12, periodLength: 4, discountRatePerPeriod: 0.01)
                let m = try CLVAnalysis.run(summary: memory, horizon: horizon)
                let e = try CLVAnalysis.run(summary: engine, horizon: horizon)
                for (x, y) in zip(e.transactions.model.parameters + e.spend.model.parameters,
                                  m.transactions.model.parameters + m.spend.model.parameters) {
                    #expect(relative(x, y) < 1e-6, "CLVAnalysis parameter \(x) vs \(y)")
                }
                // The same rows in the same order: BG/NBD on identical (x, tₓ, T), Gamma-Gamma on
                // monetary values equal to 1e-15 — parameters to 1e-8 relative.
                var order: [Int] = []
                for id in engine.customerIDs { if let i = index[id] { order.append(i) } }
                let bgE = try BGNBDModel.fit(frequency: engine.frequency, recency: engine.recency, age: engine.age)
                let bgM = try BGNBDModel.fit(frequency: order.map { memory.frequency[$0] }, recency: order.map { memory.recency[$0] },
                                             age: order.map { memory.age[$0] })
                for (x, y) in zip(bgE.model.parameters, bgM.model.parameters) { #expect(relative(x, y) < 1e-8, "BG/NBD \(x) vs \(y)") }
                // (Gamma-Gamma's likelihood is flat along a ridge: at the default 1e-8 gradient a 1e-15
                // change of the input moves the stopping point by ~1e-7; converged tightly it does not.)
                let tight = OptimizationOptions(maxIterations: 2000, gradientTolerance: 1e-10, relativeFunctionTolerance: 0)
                let ggE = try GammaGammaModel.fit(frequency: engine.frequency, monetary: engine.monetary, options: tight)
                let ggM = try GammaGammaModel.fit(frequency: order.map { memory.frequency[$0] }, monetary: order.map { memory.monetary[$0] },
                                                  options: tight)
                for (x, y) in zip(ggE.model.parameters, ggM.model.parameters) { #expect(relative(x, y) < 1e-8, "Gamma-Gamma \(x) vs \(y)") }
            }
        }
    }
}

extension WarehouseEquality {
    /// The KPI sheet's per-period rows: labels, counts exactly, money to the cent.
    static func kpi(_ relation: WarehouseRelation, _ warehouse: any Warehouse, file: String = OrderFixtures.path) async throws {
        let log = try OrderFixtures.log(file)
        for (grain, engineGrain) in [(PeriodUnit.week, WarehousePeriod.week), (.month, .month), (.quarter, .quarter)] {
            let memory = try CustomerKPIs.run(orders: log, period: grain).periods
            let engine = try await KPIPlan(relation: relation, period: engineGrain).fetch(on: warehouse)
            #expect(engine.count == memory.count, "\(grain)")
            guard engine.count == memory.count else { continue }
            var mismatches: [String] = []
            for (i, (e, m)) in zip(engine, memory).enumerated() {
                var same = e.label == m.period && e.orders == m.orders && e.activeCustomers == m.activeCustomers
                    && e.newCustomers == m.newCustomers && e.revenueMinorUnits == cents(m.revenue)
                    && e.refundsMinorUnits == cents(m.refunds) && e.newCustomerRevenueMinorUnits == cents(m.newCustomerRevenue)
                if let aov = m.aov { same = same && e.orders > 0 && e.purchaseMinorUnits == cents(aov * Double(e.orders)) }
                if i > 0, let retention = m.retentionRate, engine[i - 1].activeCustomers > 0 {
                    same = same && e.retainedCustomers == Int((retention * Double(engine[i - 1].activeCustomers)).rounded())
                }
                if !same { mismatches.append(m.period) }
            }
            #expect(mismatches.isEmpty, "KPI \(grain): periods differ: \(mismatches.prefix(5))")
        }
    }
}
