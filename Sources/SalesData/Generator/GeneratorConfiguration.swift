/// What the synthetic generator produces: how many customers, opportunities and product users,
/// over which calendar span, from which seed, with which true parameters.
public struct GeneratorConfiguration: Sendable, Equatable {
    /// The preset sizes.
    public enum Size: String, Sendable, CaseIterable {
        /// 2,500 customers (about 15 k orders), 3,000 opportunities, 10,000 users (about 22 k events); about 2.3 MB.
        case small
        /// 120 k customers (about 0.7 M orders), 200 k opportunities, 900 k users (about 2 M events).
        case medium
        /// 1.7 M customers (about 10 M orders), 2 M opportunities, 9 M users (about 20 M events).
        case large
    }

    /// How quotas are written in `targets.csv`.
    public enum QuotaPeriod: String, Sendable, CaseIterable {
        /// One row per rep and month (`YYYY-MM`).
        case month
        /// One row per rep and quarter (`YYYY-Qn`).
        case quarter
    }

    /// Seed of every random draw; equal seeds and settings give identical bytes.
    public var seed: UInt64
    /// The data start on January 1 of this year.
    public var startYear: Int
    /// Whole calendar years covered; the last day (the as-of date) is December 31 of
    /// `startYear + years - 1`.
    public var years: Int
    /// Customers (each has at least one order).
    public var customers: Int
    /// Opportunities.
    public var opportunities: Int
    /// Product users in `events.csv` (each has at least one visit).
    public var users: Int
    /// Sales reps (`rep_id` R1…Rn).
    public var reps: Int
    /// Accounts opportunities belong to (`account_id` A1…An).
    public var accounts: Int
    /// Quota granularity of `targets.csv`.
    public var quotaPeriod: QuotaPeriod
    /// The true model parameters.
    public var parameters: GeneratorParameters
    /// How customer ids are spelled (default `C1042`). The draws do not depend on it: only the ids
    /// change between shapes.
    public var customerIDShape: CustomerIDShape = .prefixed
    /// The row order of `orders.csv` (default: grouped by customer). The rows themselves do not
    /// depend on it; any other order than `.customer` holds the order rows in memory (16 bytes each).
    public var orderRowOrder: OrderRowOrder = .customer

    /// A preset size.
    /// - Parameters:
    ///   - size: small, medium or large.
    ///   - seed: The random seed.
    public init(size: Size, seed: UInt64 = 42) {
        switch size {
        case .small:
            self.init(customers: 2_500, opportunities: 3_000, users: 10_000, reps: 12, seed: seed)
        case .medium:
            self.init(customers: 120_000, opportunities: 200_000, users: 900_000, reps: 60, seed: seed)
        case .large:
            self.init(customers: 1_700_000, opportunities: 2_000_000, users: 9_000_000, reps: 400, seed: seed)
        }
    }

    /// Custom counts.
    /// - Parameters:
    ///   - customers: Number of customers (≥ 1).
    ///   - opportunities: Number of opportunities (≥ 0).
    ///   - users: Number of product users (≥ 0).
    ///   - reps: Number of sales reps (≥ 1).
    ///   - accounts: Number of accounts; default: a third of the opportunities (at least 1).
    ///   - seed: The random seed.
    ///   - startYear: First calendar year (1900–9000).
    ///   - years: Number of whole years (1–50).
    ///   - quotaPeriod: Quota granularity.
    ///   - parameters: The true model parameters.
    public init(customers: Int, opportunities: Int, users: Int, reps: Int, accounts: Int? = nil, seed: UInt64 = 42,
                startYear: Int = 2022, years: Int = 3, quotaPeriod: QuotaPeriod = .month,
                parameters: GeneratorParameters = GeneratorParameters()) {
        self.customers = customers
        self.opportunities = opportunities
        self.users = users
        self.reps = reps
        self.accounts = accounts ?? max(1, opportunities / 3)
        self.seed = seed
        self.startYear = startYear
        self.years = years
        self.quotaPeriod = quotaPeriod
        self.parameters = parameters
    }

    /// Days since 1970-01-01 of the first day (January 1 of `startYear`).
    public var startDay: Int { CivilDate.days(year: startYear, month: 1, day: 1) }
    /// Days since 1970-01-01 of the last day, the as-of date (December 31 of the last year).
    public var endDay: Int { CivilDate.days(year: startYear + years - 1, month: 12, day: 31) }
    /// Number of calendar months covered.
    public var months: Int { years * 12 }

    /// Checks counts, dates and parameters.
    /// - Throws: `GeneratorError.invalidConfiguration` naming the first bad value.
    public func validate() throws {
        func require(_ ok: Bool, _ name: String, _ value: Int, _ reason: String) throws {
            if !ok { throw GeneratorError.invalidConfiguration(parameter: name, value: "\(value)", reason: reason) }
        }
        let limit = 1_000_000_000
        try require(customers >= 1 && customers <= limit, "customers", customers, "must be in 1…\(limit)")
        try require(opportunities >= 0 && opportunities <= limit, "opportunities", opportunities, "must be in 0…\(limit)")
        try require(users >= 0 && users <= limit, "users", users, "must be in 0…\(limit)")
        try require(reps >= 1 && reps <= 1_000_000, "reps", reps, "must be in 1…1000000")
        try require(accounts >= 1 && accounts <= limit, "accounts", accounts, "must be in 1…\(limit)")
        try require(startYear >= 1900 && startYear <= 9000, "startYear", startYear, "must be in 1900…9000")
        try require(years >= 1 && years <= 50, "years", years, "must be in 1…50")
        try parameters.validate()
    }
}
