/// The files a workload reads, as resolved by `saleskit-bench run` (compare/WORKLOADS.md says
/// which workload reads which).
public struct WorkloadInputs: Sendable {
    /// The dataset directory written by `saleskit generate` (orders.csv, events.csv, …).
    public var dataDirectory: String
    /// The OLS or logistic design file (`*.f64`), with its sidecar `*.f64.json`.
    public var designPath: String?
    /// Rows and features of the design.
    public var designShape: (rows: Int, features: Int)?
    /// The batch of monthly series (`unique_id,ds,y`).
    public var seriesPath: String?
    /// Where a workload may write per-item details for analysis (autoets: per-series fits), or nil.
    public var detailsPath: String?

    /// Creates the inputs.
    public init(dataDirectory: String, designPath: String? = nil, designShape: (rows: Int, features: Int)? = nil,
                seriesPath: String? = nil) {
        self.dataDirectory = dataDirectory
        self.designPath = designPath
        self.designShape = designShape
        self.seriesPath = seriesPath
    }

    /// `dataDirectory/name`.
    public func dataFile(_ name: String) -> String { dataDirectory + "/" + name }
}

/// One timed run: load (files into memory) and compute separately, and an answer summary the
/// comparison checks against the peers (counts, checksums, coefficients).
public struct WorkloadResult {
    /// Seconds spent reading inputs into memory.
    public var loadSeconds: Double
    /// Seconds spent computing the answer from memory.
    public var computeSeconds: Double
    /// JSON-ready answer summary, keys as in compare/WORKLOADS.md.
    public var answer: [String: Any]
    /// JSON-ready extra measurements (throughput, iterations …).
    public var extra: [String: Any]

    /// Creates a result.
    public init(loadSeconds: Double, computeSeconds: Double, answer: [String: Any], extra: [String: Any] = [:]) {
        self.loadSeconds = loadSeconds
        self.computeSeconds = computeSeconds
        self.answer = answer
        self.extra = extra
    }
}

/// A workload SalesKit can run: add a type in `Workloads/`, list it in `WorkloadRegistry.available`
/// and remove its line from `WorkloadRegistry.pending`.
public protocol Workload {
    /// The workload id shared with the peers (compare/WORKLOADS.md), e.g. `csv-orders`.
    static var id: String { get }
    /// Runs once on the given inputs.
    ///
    /// - Parameter inputs: The files to read.
    /// - Returns: Timings and the answer summary.
    /// - Throws: Whatever the SalesKit API throws on the data.
    static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult
}
