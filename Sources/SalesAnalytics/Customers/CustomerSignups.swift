import SalesData
/// Signup dates of customers (from customers.csv), for cohorts by signup rather than first order.
public struct CustomerSignups: Sendable, Equatable {
    /// Customer ids, distinct.
    public let customerIDs: [String]
    /// Signup day of each customer (days since 1970-01-01).
    public let days: [Int32]

    /// Signups from parallel arrays.
    /// - Parameters:
    ///   - customerIDs: Distinct ids.
    ///   - days: One signup day per id.
    /// - Throws: `CohortError.duplicateSignup`, `.signupTable` on a length mismatch.
    /// - Complexity: O(n) expected.
    public init(customerIDs: [String], days: [Int32]) throws {
        guard customerIDs.count == days.count else {
            throw CohortError.signupTable("\(customerIDs.count) ids but \(days.count) dates")
        }
        var seen = Set<String>(minimumCapacity: customerIDs.count)
        for id in customerIDs where !seen.insert(id).inserted { throw CohortError.duplicateSignup(customer: id) }
        self.customerIDs = customerIDs
        self.days = days
    }

    /// Signups from a table with `customer_id` (category or string) and `signup_date` (date), none missing.
    /// - Parameter table: For example `CSVReader.read(file:schema: CustomerSignups.schema).table`.
    /// - Throws: `CohortError.signupTable` (missing column, wrong type, missing value with its row),
    ///   `.duplicateSignup`.
    /// - Complexity: O(n).
    public init(table: Table) throws {
        let ids: TypedColumn<String>, dates: TypedColumn<Int32>
        do {
            ids = try table.strings("customer_id")
            dates = try table.dates("signup_date")
        } catch {
            throw CohortError.signupTable("\(error)")
        }
        if let row = ids.valid.firstIndex(of: false) { throw CohortError.signupTable("row \(row): customer_id is missing") }
        if let row = dates.valid.firstIndex(of: false) { throw CohortError.signupTable("row \(row): signup_date is missing") }
        try self.init(customerIDs: ids.values, days: dates.values)
    }

    /// The columns read from customers.csv.
    public static let schema = CSVSchema([
        .init("customer_id", .category, allowsMissing: false),
        .init("signup_date", .date, allowsMissing: false),
    ])

    /// Reads customers.csv (`customer_id`, `signup_date`).
    /// - Parameters:
    ///   - path: The file.
    ///   - mapping: Contract name → the file's header.
    ///   - policy: `.strict` or `.skipInvalidRows`.
    ///   - options: Further reader options (delimiter, encoding, date and number formats); its policy is replaced.
    /// - Returns: The signups and the skipped rows.
    /// - Throws: `CSVError` from the reader, `CohortError.duplicateSignup`.
    /// - Complexity: O(file bytes).
    public static func read(file path: String, mapping: [String: String] = [:],
                            policy: CSVErrorPolicy = .strict,
                            options: CSVReadOptions = CSVReadOptions()) throws -> (signups: CustomerSignups, rejected: [RejectedRow]) {
        var readOptions = options
        readOptions.policy = policy
        let result = try CSVReader.read(file: path, schema: schema.mapped(mapping), options: readOptions)
        return (try CustomerSignups(table: result.table), result.rejected)
    }
}
