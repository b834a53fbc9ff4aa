import ArgumentParser
import Foundation
import SalesKit
import SalesWarehouse

/// `saleskit rfm --source URL --table T …`: the per-customer aggregate in the engine, scores and
/// segments here; every other option and the output as `saleskit rfm --orders`.
struct WarehouseRFMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rfm", abstract: "RFM over a warehouse relation.")

    @OptionGroup var warehouse: WarehouseSourceOptions
    @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.")
    var timings = false
    @Argument(parsing: .allUnrecognized) var rest: [String] = []

    func run() async throws {
        let command = try RFMCommand.parse(warehouse.fileArguments(rest))
        let options = try command.options()
        let ks = try command.kBounds()
        let relation = warehouse.relation(mapping: try command.input.mapping(for: .orders))
        var stopwatch = WarehouseStopwatch()
        let engine = try await warehouse.connect()
        stopwatch.lap("connect")
        let outcome: (result: RFMResult, facts: WarehouseOrderFacts, bytesReceived: Int)
        do {
            outcome = try await RFMAnalysis.run(relation, on: engine, options: options)
        } catch {
            await engine.close()
            throw error
        }
        await engine.close()
        stopwatch.lap("engine (per-customer aggregate) + local scoring")
        let result = outcome.result
        let output = command.output
        let facts = OrderInputFacts(outcome.facts, policy: options.refunds, output: output)
        if result.futureOrderCount > 0 {
            output.notice("\(result.futureOrderCount) order(s) dated after the as-of date \(result.asOf) were excluded")
        }
        // (The refunds the plan leaves out under exclude/separate are the facts' refundsRemoved, with
        // its note — as from a file, whose input step removes them before the analysis, so the
        // analysis itself excludes none: no second notice, and `excludedRefunds` 0 in JSON.)
        let clusters = command.kmeans ? try RFMClustering.cluster(result, ks: ks, seed: command.seed) : nil
        switch output.format {
        case .csv: try output.write(command.csv(result, clusters: clusters))
        case .table: try output.write(command.summaryTable(result, clusters: clusters))
        case .json: try output.write(try JSONOutput.encode(command.json(result, clusters: clusters, rejected: [], facts: facts,
                                                                            excludedRefunds: 0)) + "\n")
        }
        if timings { stopwatch.lap("output"); stopwatch.report(bytes: outcome.bytesReceived) }
    }
}

/// `saleskit cohort --source URL --table T …`: cells and sizes in the engine (first-order cohorts).
struct WarehouseCohortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cohort", abstract: "Cohort retention over a warehouse relation.")

    @OptionGroup var warehouse: WarehouseSourceOptions
    @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.")
    var timings = false
    @Argument(parsing: .allUnrecognized) var rest: [String] = []

    func run() async throws {
        let command = try CohortCommand.parse(warehouse.fileArguments(rest))
        guard command.customers == nil else { throw ValidationError("--customers (signup cohorts) is not supported with --source") }
        guard command.future == .exclude else { throw ValidationError("--future error is not supported with --source") }
        let period: WarehousePeriod
        switch command.period {
        case .week: period = .week
        case .month: period = .month
        case .quarter: period = .quarter
        case .day, .year: throw ValidationError("--period \(command.period.rawValue) is not supported with --source; use week, month or quarter")
        }
        let asOf = try command.asOf.map { try parseISODate($0, option: "--as-of") }
        let plan = CohortPlan(relation: warehouse.relation(mapping: try command.input.mapping(for: .orders)), period: period,
                              refunds: command.input.refunds.warehouse, asOf: asOf?.int32)
        var stopwatch = WarehouseStopwatch()
        let engine = try await warehouse.connect()
        stopwatch.lap("connect")
        let matrix: WarehouseCohortMatrix
        do { matrix = try await plan.fetch(on: engine) } catch { await engine.close(); throw error }
        await engine.close()
        stopwatch.lap("engine (cohort cells)")
        let onOrAfter = command.mode == .returnOnOrAfter
        let output = command.output
        let facts = OrderInputFacts(matrix.facts, policy: command.input.refunds, output: output)
        if matrix.futureOrders > 0 { output.notice("\(matrix.futureOrders) order(s) dated after the as-of date were excluded") }
        let cells = matrix.cells
        switch output.format {
        case .csv:
            // The columns of `saleskit cohort --orders F --format csv`.
            var text = "cohort,period,customers,active,retention,revenue,partial\n"
            for c in cells {
                let active = onOrAfter ? c.activeOnOrAfter : c.active
                text += "\(c.cohort),\(c.period),\(c.customers),\(active),"
                text += "\(csvNumber(c.customers == 0 ? .nan : Double(active) / Double(c.customers))),"
                text += "\(csvNumber(Double(c.revenueMinorUnits) / 100)),\(c.partial)\n"
            }
            try output.write(text)
        case .table:
            var table = TextTable(headers: ["cohort", "period", "customers", "active", "retention", "revenue"],
                                  title: "Cohorts by first order (\(period.rawValue)), computed in \(engine.source)")
            for c in cells {
                let active = onOrAfter ? c.activeOnOrAfter : c.active
                let retention = c.customers == 0 ? "" : Formatting.percent(Double(active) / Double(c.customers), decimals: 0)
                table.append([c.cohort, "\(c.period)", "\(c.customers)", "\(active)", retention + (c.partial ? "*" : ""),
                              csvNumber(Double(c.revenueMinorUnits) / 100)])
            }
            var text = table.renderAligned()
            if let note = PartialPeriodNote.text(matrix.coverage) { text += (text.hasSuffix("\n") ? "" : "\n") + note + "\n" }
            try output.write(text)
        case .json:
            struct Cell: Encodable {
                let cohort: String; let period, customers, active: Int; let retention: Double?; let revenue: Double; let partial: Bool
            }
            struct Payload: Encodable {
                let period: String, mode: String
                let orders: Int, futureOrders: Int, excludedRefunds: Int
                /// Always 0: signup cohorts (--customers) are not supported with --source.
                let ordersBeforeSignup: Int
                let partialPeriods: [String]
                let cells: [Cell]
                /// Always empty: the engine rejects no row (a null makes the whole query fail).
                let rejected: [RejectedRow]
                let orderInput: OrderInputFacts
            }
            let json = cells.map { c in
                let active = onOrAfter ? c.activeOnOrAfter : c.active
                return Cell(cohort: c.cohort, period: c.period, customers: c.customers, active: active,
                            retention: c.customers == 0 ? nil : Double(active) / Double(c.customers),
                            revenue: Double(c.revenueMinorUnits) / 100, partial: c.partial)
            }
            try output.write(try JSONOutput.encode(Payload(period: period.rawValue, mode: command.mode.rawValue, orders: matrix.usedOrders,
                                                          futureOrders: matrix.futureOrders, excludedRefunds: 0, // as from a file: see rfm
                                                          ordersBeforeSignup: 0,
                                                          partialPeriods: matrix.coverage.partialLabels, cells: json,
                                                          rejected: [], orderInput: facts)) + "\n")
        }
        if timings { stopwatch.lap("output"); stopwatch.report(bytes: matrix.bytesReceived) }
    }
}

/// `saleskit clv --source URL --table T …`: the customer summary in the engine, both fits here.
struct WarehouseCLVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clv", abstract: "BG/NBD + Gamma-Gamma over a warehouse relation.")

    @OptionGroup var warehouse: WarehouseSourceOptions
    @Flag(help: "Print the seconds spent connecting, in the engine and here, and the result bytes, on stderr.")
    var timings = false
    @Argument(parsing: .allUnrecognized) var rest: [String] = []

    func run() async throws {
        let command = try CLVCommand.parse(warehouse.fileArguments(rest))
        let calibration = try parseISODate(command.calibrationEnd, option: "--calibration-end")
        let holdout = try command.holdoutEnd.map { try parseISODate($0, option: "--holdout-end") }
        let horizon: CLVHorizon
        do {
            horizon = try CLVHorizon(periods: command.horizon, period: command.horizonUnit, modelUnit: command.unit,
                                     discountRatePerPeriod: command.discountRate)
        } catch {
            throw ValidationError("--horizon/--discount-rate: \(error)")
        }
        let relation = warehouse.relation(mapping: try command.columns.mapping(for: "orders", among: [.contract(.orders)]))
        var stopwatch = WarehouseStopwatch()
        let engine = try await warehouse.connect()
        stopwatch.lap("connect")
        let built: (summary: CustomerSummary, bytesReceived: Int)
        let orderFacts: WarehouseOrderFacts
        do {
            // The input facts of the file path's "orderInput" (line items, purchases, refunds, customers).
            orderFacts = try await OrderFactsPlan(relation: relation).fetch(on: engine)
            built = try await CustomerSummary.build(relation, on: engine, options: CustomerSummaryOptions(
                calibrationEnd: calibration, unit: command.unit, grouping: command.grouping, refunds: command.refundOptions.refunds,
                holdoutEnd: holdout))
        } catch {
            await engine.close()
            throw error
        }
        await engine.close()
        stopwatch.lap("engine (customer summary)")
        let analysis = try CLVAnalysis.run(summary: built.summary, horizon: horizon)
        stopwatch.lap("local fit (BG/NBD, Gamma-Gamma)")
        let output = command.output
        let facts = OrderInputFacts(orderFacts, policy: command.refundOptions.refunds, output: output)
        let payload = CLVPayload(summary: built.summary, analysis: analysis, rejected: [], orderInput: facts)
        switch output.format {
        case .json:
            try output.write(try JSONOutput.encode(payload) + "\n")
        case .csv, .table:
            var table = TextTable(headers: ["customer_id", "frequency", "recency", "T", "monetary", "pAlive", "expectedPurchases", "clv"],
                                  title: "BG/NBD r=\(analysis.transactions.model.r) alpha=\(analysis.transactions.model.alpha) "
                                      + "a=\(analysis.transactions.model.a) b=\(analysis.transactions.model.b); Gamma-Gamma "
                                      + "p=\(analysis.spend.model.p) q=\(analysis.spend.model.q) gamma=\(analysis.spend.model.gamma)")
            for c in payload.customers {
                table.append([c.customerId, "\(c.frequency)", csvNumber(c.recency), csvNumber(c.T), csvNumber(c.monetary),
                              csvNumber(c.pAlive), csvNumber(c.expectedPurchases), c.clv.map(csvNumber) ?? ""])
            }
            try output.write(output.format == .csv ? table.renderCSV() : table.renderAligned())
        }
        if timings { stopwatch.lap("output"); stopwatch.report(bytes: orderFacts.bytesReceived + built.bytesReceived) }
    }
}

/// `saleskit kpi --source URL --table T [--period month]`: the per-period KPI aggregates in the engine.
struct WarehouseKPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kpi", abstract: "Per-period KPIs over a warehouse relation.")

    @OptionGroup var warehouse: WarehouseSourceOptions
    @Option(help: "Period: week, month or quarter.")
    var period: WarehousePeriod = .month
    @Option(help: "Map a contract column name to the relation's: contract_name=their_name (repeatable).")
    var map: [String] = []
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print the seconds spent in the engine and here on stderr.")
    var timings = false

    func run() async throws {
        var mapping: [String: String] = [:]
        for entry in map {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map expects contract_name=their_name, got \"\(entry)\"")
            }
            mapping[parts[0].hasPrefix("orders.") ? String(parts[0].dropFirst(7)) : parts[0]] = parts[1]
        }
        var stopwatch = WarehouseStopwatch()
        let engine = try await warehouse.connect()
        stopwatch.lap("connect")
        let rows: [WarehouseKPIPeriod]
        do { rows = try await KPIPlan(relation: warehouse.relation(mapping: mapping), period: period).fetch(on: engine) } catch {
            await engine.close()
            throw error
        }
        await engine.close()
        stopwatch.lap("engine (per-period aggregates)")
        struct Period: Encodable {
            let period: String
            let revenue: Double, refunds: Double
            let growth: Double?
            let orders: Int
            let aov: Double?
            let activeCustomers, newCustomers, returningCustomers: Int
            let newCustomerRevenue: Double
            let retentionRate: Double?
        }
        var periods: [Period] = []
        for (i, r) in rows.enumerated() {
            let revenue = Double(r.revenueMinorUnits) / 100
            let before = i > 0 ? Double(rows[i - 1].revenueMinorUnits) / 100 : 0
            periods.append(Period(
                period: r.label, revenue: revenue, refunds: Double(r.refundsMinorUnits) / 100,
                growth: i > 0 && before > 0 ? revenue / before - 1 : nil, orders: r.orders,
                aov: r.orders > 0 ? Double(r.purchaseMinorUnits) / 100 / Double(r.orders) : nil,
                activeCustomers: r.activeCustomers, newCustomers: r.newCustomers, returningCustomers: r.activeCustomers - r.newCustomers,
                newCustomerRevenue: Double(r.newCustomerRevenueMinorUnits) / 100,
                retentionRate: i > 0 && rows[i - 1].activeCustomers > 0
                    ? Double(r.retainedCustomers) / Double(rows[i - 1].activeCustomers) : nil))
        }
        switch output.format {
        case .json:
            struct Payload: Encodable { let source: String; let periods: [Period] }
            try output.write(try JSONOutput.encode(Payload(source: engine.source, periods: periods)) + "\n")
        case .csv, .table:
            var table = TextTable(headers: ["period", "revenue", "growth", "orders", "aov", "active", "new", "retention"],
                                  title: "KPIs per \(period.rawValue), computed in \(engine.source)")
            for p in periods {
                table.append([p.period, csvNumber(p.revenue), p.growth.map(csvNumber) ?? "", "\(p.orders)", p.aov.map(csvNumber) ?? "",
                              "\(p.activeCustomers)", "\(p.newCustomers)", p.retentionRate.map(csvNumber) ?? ""])
            }
            try output.write(output.format == .csv ? table.renderCSV() : table.renderAligned())
        }
        if timings { stopwatch.lap("output"); stopwatch.report(bytes: 0) }
    }
}

extension WarehousePeriod: ExpressibleByArgument {}

extension OrderInputFacts {
    /// The facts of an order relation computed in the engine, with the same notices as from a file.
    init(_ facts: WarehouseOrderFacts, policy: RefundPolicy, output: OutputOptions) {
        self.init(lines: OrderLines(facts), refunds: RefundFacts(facts, policy: policy))
        for line in notices { output.notice("note: " + line) }
    }
}
