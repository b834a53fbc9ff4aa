/// Which customers count as retained in period N of their cohort.
public enum RetentionMode: String, Sendable, Equatable, CaseIterable, Codable {
    /// "N-period" retention: customers with an order in period N itself.
    case returnOn = "return-on"
    /// "Unbounded" retention: customers with an order in period N or any later period.
    case returnOnOrAfter = "return-on-or-after"
}
