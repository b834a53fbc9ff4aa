import SalesKit

/// `scoring` (compare/WORKLOADS.md): SalesKit's design-matrix builder (`DesignEncoding`: log1p
/// amount, activity and meeting counts, one-hot source/industry/region against the first level in
/// sorted order) and `LogisticRegression` (unpenalized, intercept), trained on the closed
/// opportunities; then every open opportunity is encoded and scored.
public enum ScoringWorkload: Workload {
    public static let id = "scoring"

    /// The model's features.
    static let specification = DesignSpecification(
        terms: [
            .numeric(column: "amount", transform: .log1p),
            .numeric(column: "num_activities", transform: .identity),
            .numeric(column: "num_meetings", transform: .identity),
            .categorical(column: "source", reference: nil),
            .categorical(column: "industry", reference: nil),
            .categorical(column: "region", reference: nil),
        ],
        intercept: false)

    /// The contract's opportunity columns the model uses (the peer reads the same ones).
    static let columns: Set<String> = ["source", "industry", "region", "amount", "is_won", "num_activities", "num_meetings"]

    /// Reads the model's columns of `opportunities.csv` (load), trains on the closed rows
    /// (`extra.trainSeconds`), then builds the open rows' features and their probabilities (compute).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `scored`, `meanProbability`.
    /// - Throws: `CSVError` from the reader; `TableError`, `DesignMatrixError` or `ModelError`.
    /// - Complexity: O(rows × features) per Newton iteration and for scoring.
    /// Rows scored when the file is large enough (issue 4: 1 M opportunities).
    static let batchRows = 1_000_000

    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let path = inputs.dataFile("opportunities.csv")
        let (table, load) = try Stopwatch.time {
            try CSVReader.read(file: path, schema: CSVSchema(ContractFile.opportunities.schema.fields.filter {
                columns.contains($0.name)
            }), options: BenchmarkSettings.readOptions).table
        }
        let won = try table.booleans("is_won")
        let closedMask = won.valid
        let closed = try table.filtered(closedMask)
        // Issue 4 asks for 1 M scored opportunities; the large preset has only ~79 k open ones, so
        // when the file has at least 1 M rows the first 1 M rows (open and closed alike) are scored
        // as one batch (WORKLOADS.md "scoring"); smaller sizes score their open opportunities.
        let scoreMask = table.rowCount >= Self.batchRows
            ? (0..<table.rowCount).map { $0 < Self.batchRows }
            : closedMask.map { !$0 }
        let open = try table.filtered(scoreMask)
        let ((encoding, model), train) = try Stopwatch.time {
            let encoding = try DesignEncoding.fit(specification, on: closed)
            let labels = try closed.booleans("is_won").values.map { $0 ? 1.0 : 0.0 }
            let model = try LogisticRegression.fit(features: try encoding.matrix(from: closed), labels: labels,
                                                   featureNames: encoding.columnNames,
                                                   options: .init(intercept: true))
            return (encoding, model)
        }
        let (probabilities, compute) = try Stopwatch.time {
            try model.predictProbabilities(try encoding.matrix(from: open))
        }
        let mean = probabilities.isEmpty ? 0 : probabilities.reduce(0, +) / Double(probabilities.count)
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["scored": probabilities.count, "meanProbability": mean],
            extra: ["trainSeconds": train, "trainRows": closed.rowCount,
                    "rowsPerSecond": Double(probabilities.count) / compute, "iterations": model.iterations])
    }
}
