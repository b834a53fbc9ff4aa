/// One file the generator wrote.
public struct GeneratedFile: Sendable, Equatable {
    /// File name inside the output directory (e.g. `orders.csv`).
    public var name: String
    /// Data rows (header excluded; 0 for `truth.json`).
    public var rows: Int
    /// Size in bytes.
    public var bytes: Int
}

/// Progress of one generation stream, reported while the generator runs.
public struct GeneratorProgress: Sendable, Equatable {
    /// The stream: `customers` (customers, orders, surveys, spend), `opportunities`
    /// (opportunities, stage history, targets) or `events`.
    public var stream: String
    /// Units done (customers, opportunities or users).
    public var completed: Int
    /// Units in all.
    public var total: Int
}
