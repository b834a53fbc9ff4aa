import SalesKit

/// The workloads split into their load step (files into memory) and their compute step (the
/// answer from memory), for the package-benchmark suites' compute benchmarks: the same SalesKit
/// calls and options as each workload's timed compute (Workloads/<Name>Workload.swift, whose
/// `run` times both steps for `saleskit-bench`), so a suite's compute benchmark measures what the
/// comparison reports as `computeSeconds`. Options the workloads build inline are repeated here;
/// keep them in step.
public enum SuiteSteps {
    // MARK: Load steps

    /// The design of `inputs` (X column-major, y), as `OLSWorkload` / `LogisticWorkload` read it.
    /// - Parameter inputs: Inputs naming a design file and its shape (`SuiteInputs.design`).
    /// - Returns: X and y.
    /// - Throws: `BenchmarkError` when the design is missing or its size does not match.
    /// - Complexity: O(rows × features).
    public static func design(_ inputs: WorkloadInputs) throws -> (x: Matrix, y: [Double]) {
        guard let path = inputs.designPath, let shape = inputs.designShape else {
            throw BenchmarkError.usage("no design file in the inputs")
        }
        return try SyntheticInputs.readDesign(path: path, rows: shape.rows, features: shape.features)
    }

    /// The dataset's orders.csv as an `OrderLog` (the rfm, cohort and bgnbd load step).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: The order log.
    /// - Throws: `CSVError` from the reader.
    /// - Complexity: O(orders).
    public static func orderLog(_ inputs: WorkloadInputs) throws -> OrderLog {
        try OrdersInput.orderLog(inputs)
    }

    /// The dataset's events.csv as a `Table` (the funnel load step).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: The events table.
    /// - Throws: `CSVError` from the reader.
    /// - Complexity: O(events).
    public static func events(_ inputs: WorkloadInputs) throws -> Table {
        try CSVReader.read(file: inputs.dataFile("events.csv"), schema: ContractFile.events.schema,
                           options: BenchmarkSettings.readOptions).table
    }

    /// The series batch (`unique_id,ds,y`) as one value array per series, series sorted by id and
    /// points by date (the autoets load step).
    /// - Parameter inputs: Inputs naming the series file (`SuiteInputs.series`).
    /// - Returns: The series' values.
    /// - Throws: `BenchmarkError.usage` without a series file; `CSVError` / `TableError` from the reader.
    /// - Complexity: O(points log points).
    public static func series(_ inputs: WorkloadInputs) throws -> [[Double]] {
        guard let path = inputs.seriesPath else { throw BenchmarkError.usage("no series file in the inputs") }
        return try AutoETSWorkload.readSeries(path: path).values
    }

    /// The scoring workload's two row sets.
    public struct ScoringSets: Sendable {
        /// Closed opportunities (is_won present): the training rows.
        public var closed: Table
        /// The rows scored: the first 1,000,000 rows when the file has that many, else the open ones.
        public var scored: Table
    }

    /// The model's columns of opportunities.csv, split as `ScoringWorkload` splits them.
    /// - Parameter inputs: The dataset directory.
    /// - Returns: The training and scoring rows.
    /// - Throws: `CSVError` from the reader; `TableError` from the filters.
    /// - Complexity: O(opportunities).
    public static func scoringSets(_ inputs: WorkloadInputs) throws -> ScoringSets {
        let table = try CSVReader.read(
            file: inputs.dataFile("opportunities.csv"),
            schema: CSVSchema(ContractFile.opportunities.schema.fields.filter { ScoringWorkload.columns.contains($0.name) }),
            options: BenchmarkSettings.readOptions).table
        let closedMask = try table.booleans("is_won").valid
        let scoreMask = table.rowCount >= ScoringWorkload.batchRows
            ? (0..<table.rowCount).map { $0 < ScoringWorkload.batchRows }
            : closedMask.map { !$0 }
        return ScoringSets(closed: try table.filtered(closedMask), scored: try table.filtered(scoreMask))
    }

    // MARK: Compute steps

    /// `ols`: least squares with an intercept, `LeastSquares.Method.automatic`.
    /// - Parameter design: X and y.
    /// - Returns: The fitted model.
    /// - Throws: `ModelError` from the fit.
    /// - Complexity: O(rows × features²).
    public static func ols(_ design: (x: Matrix, y: [Double])) throws -> LinearRegression {
        try LinearRegression.fit(features: design.x, response: design.y,
                                 options: .init(intercept: true, method: .automatic))
    }

    /// `logistic`: unpenalized maximum likelihood with an intercept (Newton/IRLS).
    /// - Parameter design: X and the 0/1 labels.
    /// - Returns: The fitted model.
    /// - Throws: `ModelError` from the fit.
    /// - Complexity: O(rows × features²) per Newton iteration.
    public static func logistic(_ design: (x: Matrix, y: [Double])) throws -> LogisticRegression {
        try LogisticRegression.fit(features: design.x, labels: design.y, options: .init(intercept: true))
    }

    /// `rfm`: scores and the standard segments of every customer, options as in `RFMWorkload`.
    /// - Parameter log: The orders.
    /// - Returns: The per-customer result.
    /// - Throws: `RFMError` from the analysis.
    /// - Complexity: O(orders + customers log customers).
    public static func rfm(_ log: OrderLog) throws -> RFMResult {
        try RFMAnalysis.run(log, options: RFMOptions(
            monetary: .total, refunds: .net, futureOrders: .exclude, scoring: .quintiles, segments: .standard,
            currencyDecimals: 2))
    }

    /// `cohort`: monthly first-order cohorts, options as in `CohortWorkload`.
    /// - Parameter log: The orders.
    /// - Returns: The cohort tables.
    /// - Throws: `CohortError` from the analysis.
    /// - Complexity: O(orders + cohorts × periods).
    public static func cohort(_ log: OrderLog) throws -> CohortResult {
        try CohortAnalysis.run(log, options: CohortOptions(
            period: .month, origin: .firstOrder, refunds: .net, futureOrders: .exclude, currencyDecimals: 2))
    }

    /// `funnel`: events grouped per user in time order, then the 4-step, 7-day funnel of
    /// `FunnelWorkload` (grouping is part of its compute step).
    /// - Parameter events: The events table.
    /// - Returns: Users per step.
    /// - Throws: `TableError` or `FunnelError`.
    /// - Complexity: O(events + users).
    public static func funnel(_ events: Table) throws -> FunnelResult {
        let log = try EventLog.from(table: events)
        return try EventFunnel.run(FunnelWorkload.definition, on: log)
    }

    /// `autoets`: AutoETS (season 12, AICc) on every series, 12-step point forecasts, no intervals.
    /// - Parameter series: The series' values.
    /// - Returns: One forecast or error per series.
    /// - Complexity: series × (AutoETS cost) / cores.
    public static func autoETS(_ series: [[Double]]) -> [Result<Forecast, ForecastError>] {
        BatchForecast.forecast(series, seasonalPeriod: 12, horizon: 12, method: .autoETS, levels: [])
    }

    /// `bgnbd`: daily customer summary (observation end = last order day, refunds excluded), BG/NBD
    /// on every customer, Gamma-Gamma on the repeat customers with positive monetary value, and the
    /// expected purchases in the next 30 days summed, as in `BGNBDWorkload`.
    /// - Parameter orders: The orders.
    /// - Returns: Σ expected purchases in the next 30 days.
    /// - Throws: `BenchmarkError.malformedInput` without orders; `CustomerAnalyticsError`;
    ///   `CustomerModelError` from the fits.
    /// - Complexity: O(orders log k) for the summary, O(customers) per likelihood evaluation.
    public static func bgnbd(_ orders: OrderLog) throws -> Double {
        guard let end = orders.lastDay else { throw BenchmarkError.malformedInput(path: "orders", reason: "no rows") }
        let summary = try CustomerSummary.build(
            orders: orders,
            options: CustomerSummaryOptions(calibrationEnd: Day(end), unit: .day, grouping: .day, refunds: .exclude))
        let bgnbd = try BGNBDModel.fit(frequency: summary.frequency, recency: summary.recency, age: summary.age)
        var repeatFrequency: [Int] = [], repeatMonetary: [Double] = []
        for i in 0..<summary.count where summary.frequency[i] > 0 && summary.monetary[i] > 0 {
            repeatFrequency.append(summary.frequency[i])
            repeatMonetary.append(summary.monetary[i])
        }
        _ = try GammaGammaModel.fit(frequency: repeatFrequency, monetary: repeatMonetary)
        var expected = 0.0
        for i in 0..<summary.count {
            expected += bgnbd.model.expectedTransactions(inNext: 30, frequency: summary.frequency[i],
                                                         recency: summary.recency[i], age: summary.age[i])
        }
        return expected
    }

    /// The scoring workload's trained encoder and model.
    public struct ScoringModel: Sendable {
        /// The fitted design encoding (levels of the categorical columns).
        public var encoding: DesignEncoding
        /// The logistic model on the encoded features.
        public var model: LogisticRegression
    }

    /// `scoring`, training (`extra.trainSeconds`): the encoding fitted on the closed rows and the
    /// unpenalized logistic model with intercept on their features.
    /// - Parameter sets: The row sets.
    /// - Returns: Encoder and model.
    /// - Throws: `TableError`, `DesignMatrixError` or `ModelError`.
    /// - Complexity: O(closed rows × features²) per Newton iteration.
    public static func scoringTrain(_ sets: ScoringSets) throws -> ScoringModel {
        let encoding = try DesignEncoding.fit(ScoringWorkload.specification, on: sets.closed)
        let labels = try sets.closed.booleans("is_won").values.map { $0 ? 1.0 : 0.0 }
        let model = try LogisticRegression.fit(features: try encoding.matrix(from: sets.closed), labels: labels,
                                               featureNames: encoding.columnNames, options: .init(intercept: true))
        return ScoringModel(encoding: encoding, model: model)
    }

    /// `scoring`, compute: the scored rows' features and their probabilities.
    /// - Parameters:
    ///   - trained: Encoder and model from `scoringTrain`.
    ///   - sets: The row sets.
    /// - Returns: One probability per scored row.
    /// - Throws: `DesignMatrixError` or `ModelError`.
    /// - Complexity: O(scored rows × features).
    public static func scoringScore(_ trained: ScoringModel, _ sets: ScoringSets) throws -> [Double] {
        try trained.model.predictProbabilities(try trained.encoding.matrix(from: sets.scored))
    }
}
