/// One scored customer of an ``RFMResult``, as a row.
public struct RFMCustomer: Sendable, Equatable {
    /// The customer's id.
    public let customerID: String
    /// Days from the customer's last used order to the as-of day.
    public let recency: Int
    /// Number of used orders.
    public let frequency: Int
    /// Monetary value in currency units (total or average, per the options).
    public let monetary: Double
    /// Net total in currency units.
    public let revenue: Double
    /// Recency score (higher = more recent).
    public let r: Int
    /// Frequency score.
    public let f: Int
    /// Monetary score.
    public let m: Int
    /// The segment's name.
    public let segment: String
}

extension RFMResult {
    /// The scored customers as rows, in the order of the result's columns; storage stays columnar
    /// and each row is assembled when it is read.
    public struct Customers: RandomAccessCollection, Sendable {
        fileprivate let result: RFMResult
        /// The first index (0).
        public var startIndex: Int { 0 }
        /// One past the last customer.
        public var endIndex: Int { result.count }
        /// The customer at `position`.
        /// - Complexity: O(1).
        public subscript(position: Int) -> RFMCustomer {
            RFMCustomer(customerID: result.customerIDs[position], recency: Int(result.recency[position]),
                        frequency: Int(result.frequency[position]), monetary: result.monetary[position],
                        revenue: result.revenue[position], r: Int(result.r[position]), f: Int(result.f[position]),
                        m: Int(result.m[position]), segment: result.segment(position))
        }
    }

    /// Every scored customer as an ``RFMCustomer`` row: `for customer in result.customers { … }`.
    public var customers: Customers { Customers(result: self) }
}
