import SalesData

/// One reporting period of the customer KPI sheet.
///
/// Definitions: a *purchase* is an order row with amount ≥ 0, a *refund* a row with amount < 0;
/// a customer is *active* in a period when they made a purchase in it and *new* in the period of
/// their first purchase ever (in the whole orders file).
public struct KPIPeriodRow: Sendable, Equatable, Codable {
    /// The label (`PeriodUnit.label(ofIndex:weeks:)`: `YYYY-MM`, `YYYY-Qn`, the week's Monday
    /// `YYYY-MM-DD`, a day `YYYY-MM-DD` or a year `YYYY`).
    public let period: String
    /// Whether the orders cover the period only in part: the first period when the first order is
    /// after its first day, the last when the last order is before its last day (`PeriodCoverage`).
    public let partial: Bool
    /// Net revenue: Σ amounts dated in the period (purchases plus refunds).
    public let revenue: Double
    /// Σ refunds in the period (≤ 0).
    public let refunds: Double
    /// Period-over-period growth revenue/previous − 1; nil for the first period, a previous revenue
    /// ≤ 0, or when either period is partial.
    public let growth: Double?
    /// Year-over-year growth against the period `periodsPerYear` earlier; nil when absent, ≤ 0 or
    /// when either period is partial.
    public let yoyGrowth: Double?
    /// Purchases (rows with amount ≥ 0).
    public let orders: Int
    /// Average order value: Σ purchase amounts / purchases (refunds excluded); nil without purchases.
    public let aov: Double?
    /// Active customers.
    public let activeCustomers: Int
    /// Customers whose first purchase is in this period.
    public let newCustomers: Int
    /// Active customers who are not new.
    public let returningCustomers: Int
    /// Net revenue of the new customers in the period.
    public let newCustomerRevenue: Double
    /// Net revenue of all other customers in the period.
    public let returningCustomerRevenue: Double
    /// Retention: customers active in both the previous period and this one / active in the
    /// previous period; nil for the first period or an empty previous period.
    public let retentionRate: Double?
    /// Churn = 1 − retention; nil with it.
    public let churnRate: Double?

    private enum CodingKeys: String, CodingKey {
        case period, partial, revenue, refunds, growth, yoyGrowth, orders, aov, activeCustomers, newCustomers
        case returningCustomers, newCustomerRevenue, returningCustomerRevenue, retentionRate, churnRate
    }

    /// Encodes every key, writing `null` for an absent value (the CLI contract's keys always exist).
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(partial, forKey: .partial)
        try c.encode(revenue, forKey: .revenue)
        try c.encode(refunds, forKey: .refunds)
        try c.encode(growth, forKey: .growth)
        try c.encode(yoyGrowth, forKey: .yoyGrowth)
        try c.encode(orders, forKey: .orders)
        try c.encode(aov, forKey: .aov)
        try c.encode(activeCustomers, forKey: .activeCustomers)
        try c.encode(newCustomers, forKey: .newCustomers)
        try c.encode(returningCustomers, forKey: .returningCustomers)
        try c.encode(newCustomerRevenue, forKey: .newCustomerRevenue)
        try c.encode(returningCustomerRevenue, forKey: .returningCustomerRevenue)
        try c.encode(retentionRate, forKey: .retentionRate)
        try c.encode(churnRate, forKey: .churnRate)
    }
}

/// Customer acquisition cost of one marketing channel.
public struct ChannelCAC: Sendable, Equatable, Codable {
    /// The channel.
    public let channel: String
    /// Σ spend of the channel over the spend file's months.
    public let spend: Double
    /// Customers acquired through the channel in those months (acquisition = signup date, or the
    /// first purchase when the signup date is missing or the customer is not in customers.csv).
    public let newCustomers: Int
    /// spend / newCustomers; nil when no customer was acquired.
    public let cac: Double?
}

/// NPS and CSAT from survey answers.
public struct SurveyScores: Sendable, Equatable, Codable {
    /// NPS answers.
    public let npsAnswers: Int
    /// Net Promoter Score in points: 100 × (promoters (9–10) − detractors (0–6)) / NPS answers; nil without answers.
    public let nps: Double?
    /// CSAT answers.
    public let csatAnswers: Int
    /// CSAT in percent: 100 × answers of 4 or 5 / CSAT answers; nil without answers.
    public let csat: Double?

    /// Scores from answers.
    /// - Parameter answers: The survey answers.
    /// - Complexity: O(n).
    public init(_ answers: SurveyAnswers) {
        var npsCount = 0, promoters = 0, detractors = 0, csatCount = 0, satisfied = 0
        for i in 0..<answers.score.count {
            let s = answers.score[i]
            switch answers.kind[i] {
            case .nps:
                npsCount += 1
                if s >= 9 { promoters += 1 } else if s <= 6 { detractors += 1 }
            case .csat:
                csatCount += 1
                if s >= 4 { satisfied += 1 }
            }
        }
        npsAnswers = npsCount
        nps = npsCount > 0 ? 100 * Double(promoters - detractors) / Double(npsCount) : nil
        csatAnswers = csatCount
        csat = csatCount > 0 ? 100 * Double(satisfied) / Double(csatCount) : nil
    }
}

/// The customer KPI sheet from orders (and optionally customers, marketing spend and surveys).
///
/// Whole-file figures:
/// - `repeatPurchaseRate` = customers with ≥ 2 purchases / customers with ≥ 1 purchase;
/// - `retentionRate` = Σ over consecutive periods of customers active in both / Σ customers
///   active in the earlier one (pooled); `churnRate` = 1 − retention;
/// - AOV = Σ purchase amounts / purchases, purchase frequency = purchases per customer per year
///   = purchases / customers / observed years (observed years = (last − first order day + 1) /
///   365.2425), lifespan = mean over customers of (last − first purchase day) / 365.2425 years
///   (a lower bound for customers still buying);
/// - `revenuePerCustomer` = net revenue to date / customers (what a customer has brought so far);
/// - `predictedCLV` = BG/NBD + Gamma-Gamma over a stated horizon and discount rate (`PredictedCLV`);
/// - `cac` = Σ spend / customers acquired through channels with spend, in the spend file's months
///   (paid CAC); `blendedCac` = Σ spend / all customers acquired in those months;
/// - `clvToCac` = predicted CLV of a new customer (`PredictedCLV.perNewCustomer`) / cac; `paybackMonths` = cac / (AOV × purchase frequency / 12),
///   the months of an average customer's revenue that repay the acquisition cost (no margin applied).
public struct CustomerKPIs: Sendable, Equatable {
    /// The period kind.
    public let period: PeriodUnit
    /// Every period from the first to the last order (periods without orders included).
    public let periods: [KPIPeriodRow]
    /// Net revenue of the whole file.
    public let totalRevenue: Double
    /// Purchases in the whole file.
    public let totalOrders: Int
    /// Customers with at least one purchase.
    public let customers: Int
    /// Σ purchase amounts / purchases.
    public let aov: Double?
    /// Purchases per customer per year.
    public let purchaseFrequencyPerYear: Double?
    /// Mean observed lifespan in years.
    public let lifespanYears: Double?
    /// Net revenue to date / customers with a purchase.
    public let revenuePerCustomer: Double?
    /// Predicted CLV (BG/NBD + Gamma-Gamma, stated horizon and discount rate); nil when not asked
    /// for or when the models cannot be fitted (`predictedCLVUnavailable` says why).
    public let predictedCLV: PredictedCLV?
    /// Why `predictedCLV` is nil (the model's error), nil otherwise.
    public let predictedCLVUnavailable: String?
    /// Pooled retention over consecutive periods.
    public let retentionRate: Double?
    /// 1 − retention.
    public let churnRate: Double?
    /// Customers with ≥ 2 purchases / customers.
    public let repeatPurchaseRate: Double?
    /// Per channel of the spend file (nil without spend).
    public let cacByChannel: [ChannelCAC]?
    /// Paid CAC (nil without spend or without acquired customers).
    public let cac: Double?
    /// Spend / every customer acquired in the spend months.
    public let blendedCac: Double?
    /// Predicted CLV of a new customer / CAC.
    public let clvToCac: Double?
    /// CAC / monthly revenue per customer.
    public let paybackMonths: Double?
    /// NPS and CSAT (nil without surveys).
    public let surveys: SurveyScores?

    /// Computes the sheet.
    ///
    /// - Parameters:
    ///   - orders: The orders (refunds negative).
    ///   - period: Day, week (ISO, Monday start), month (default), quarter or year.
    ///   - customers: customers.csv (acquisition channel and signup date), for CAC.
    ///   - spend: marketing_spend.csv, for CAC (with `customers`).
    ///   - surveys: surveys.csv, for NPS and CSAT.
    ///   - clvHorizonMonths: Horizon of `predictedCLV` in months (default 12); nil skips the model fit.
    ///   - clvDiscountRatePerMonth: Monthly discount rate of `predictedCLV` (default 1 %).
    /// - Returns: The KPIs; a figure whose inputs are absent is nil.
    /// - Throws: `CustomerAnalyticsError.empty` for no orders or for orders without a purchase.
    /// - Complexity: O(n + c) for n order rows and c customers, plus O(p) periods.
    public static func run(
        orders: OrderLog, period: PeriodUnit = .month, customers: CustomerRecords? = nil,
        spend: MarketingSpend? = nil, surveys: SurveyAnswers? = nil,
        clvHorizonMonths: Int? = PredictedCLV.defaultHorizonMonths,
        clvDiscountRatePerMonth: Double = PredictedCLV.defaultDiscountRatePerMonth
    ) throws -> CustomerKPIs {
        guard orders.count > 0, let firstDay = orders.firstDay, let lastDay = orders.lastDay else {
            throw CustomerAnalyticsError.empty(source: "orders", detail: "no order rows")
        }
        let k = orders.customerIDs.count
        // Per customer: first and last purchase day, purchases.
        var first = [Int32](repeating: .max, count: k), last = [Int32](repeating: .min, count: k)
        var purchases = [Int](repeating: 0, count: k)
        var totalOrders = 0
        var purchaseSum = CompensatedSum(), netSum = CompensatedSum()
        for i in 0..<orders.count {
            let a = orders.amounts[i]
            netSum.add(a)
            guard a >= 0 else { continue }
            let c = Int(orders.customerCodes[i]), d = orders.days[i]
            first[c] = min(first[c], d); last[c] = max(last[c], d)
            purchases[c] += 1
            totalOrders += 1
            purchaseSum.add(a)
        }
        guard totalOrders > 0 else { throw CustomerAnalyticsError.empty(source: "orders", detail: "no purchases (only refunds)") }
        let coverage = PeriodCoverage(unit: period, firstDay: Int(firstDay), lastDay: Int(lastDay))
        let p0 = coverage.first, np = coverage.count
        var revenue = [CompensatedSum](repeating: CompensatedSum(), count: np)
        var refunds = [CompensatedSum](repeating: CompensatedSum(), count: np)
        var purchaseAmount = [CompensatedSum](repeating: CompensatedSum(), count: np)
        var newRevenue = [CompensatedSum](repeating: CompensatedSum(), count: np)
        var orderCount = [Int](repeating: 0, count: np), newCount = [Int](repeating: 0, count: np)
        var firstPeriod = [Int](repeating: -1, count: k)
        for c in 0..<k where purchases[c] > 0 {
            firstPeriod[c] = period.index(ofDay: first[c]) - p0
            newCount[firstPeriod[c]] += 1
        }
        // Active customer sets per period, as sorted unique (period, customer) pairs.
        var activePairs: [Int] = []
        activePairs.reserveCapacity(totalOrders)
        for i in 0..<orders.count {
            let p = period.index(ofDay: orders.days[i]) - p0, a = orders.amounts[i], c = Int(orders.customerCodes[i])
            revenue[p].add(a)
            if firstPeriod[c] == p { newRevenue[p].add(a) }
            if a < 0 { refunds[p].add(a); continue }
            orderCount[p] += 1
            purchaseAmount[p].add(a)
            activePairs.append(p * k + c)
        }
        activePairs.sort()
        var active = [[Int]](repeating: [], count: np)
        var previousPair = -1
        for pair in activePairs where pair != previousPair {
            active[pair / k].append(pair % k)
            previousPair = pair
        }
        var rows: [KPIPeriodRow] = []
        rows.reserveCapacity(np)
        var retainedTotal = 0, baseTotal = 0
        for p in 0..<np {
            let r = revenue[p].value
            let partial = coverage.isPartial(p0 + p)
            func growth(against q: Int) -> Double? {
                guard q >= 0, !partial, !coverage.isPartial(p0 + q) else { return nil }
                let before = revenue[q].value
                return before > 0 ? r / before - 1 : nil
            }
            var retention: Double? = nil
            if p > 0, !active[p - 1].isEmpty {
                let retained = sortedIntersectionCount(active[p - 1], active[p])
                retainedTotal += retained
                baseTotal += active[p - 1].count
                retention = Double(retained) / Double(active[p - 1].count)
            }
            rows.append(KPIPeriodRow(
                period: period.label(ofIndex: p0 + p), partial: partial, revenue: r, refunds: refunds[p].value, growth: growth(against: p - 1),
                yoyGrowth: growth(against: p - period.periodsPerYear), orders: orderCount[p],
                aov: orderCount[p] > 0 ? purchaseAmount[p].value / Double(orderCount[p]) : nil,
                activeCustomers: active[p].count, newCustomers: newCount[p],
                returningCustomers: active[p].count - newCount[p], newCustomerRevenue: newRevenue[p].value,
                returningCustomerRevenue: r - newRevenue[p].value, retentionRate: retention,
                churnRate: retention.map { 1 - $0 }))
        }
        let buyers = purchases.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let repeaters = purchases.reduce(0) { $0 + ($1 > 1 ? 1 : 0) }
        let aov = purchaseSum.value / Double(totalOrders)
        let observedYears = Double(lastDay - firstDay + 1) / 365.2425
        let frequency = Double(totalOrders) / Double(buyers) / observedYears
        var lifespanDays = 0.0
        for c in 0..<k where purchases[c] > 0 { lifespanDays += Double(last[c] - first[c]) }
        let lifespan = lifespanDays / Double(buyers) / 365.2425
        var predicted: PredictedCLV? = nil, unavailable: String? = nil
        if let months = clvHorizonMonths {
            do {
                predicted = try PredictedCLV.run(orders: orders, horizonMonths: months,
                                                     discountRatePerMonth: clvDiscountRatePerMonth)
            } catch {
                unavailable = "\(error)"
            }
        }
        let retentionRate = baseTotal > 0 ? Double(retainedTotal) / Double(baseTotal) : nil

        var channels: [ChannelCAC]? = nil, cac: Double? = nil, blended: Double? = nil
        if let spend {
            channels = []
            let months = Set(spend.month)
            var spendByChannel: [String: CompensatedSum] = [:]
            for i in 0..<spend.month.count { spendByChannel[spend.channel[i], default: CompensatedSum()].add(spend.spend[i]) }
            // Acquisition month per customer: signup date when known, else the first purchase.
            var acquiredByChannel: [String: Int] = [:]
            var acquiredInSpendMonths = 0
            var orderCustomer: [String: Int] = [:]
            for (c, id) in orders.customerIDs.enumerated() { orderCustomer[id] = c }
            var seen = Set<String>()
            func acquisitionMonth(_ day: Int32) -> Int32 { Int32(PeriodUnit.month.index(ofDay: day)) }
            if let customers {
                for i in 0..<customers.customerIDs.count {
                    let id = customers.customerIDs[i]
                    guard seen.insert(id).inserted else { continue }
                    var day = customers.signupDay[i]
                    if day == nil, let c = orderCustomer[id], purchases[c] > 0 { day = first[c] }
                    guard let d = day, months.contains(acquisitionMonth(d)) else { continue }
                    acquiredInSpendMonths += 1
                    if let ch = customers.channel[i] { acquiredByChannel[ch, default: 0] += 1 }
                }
            }
            for c in 0..<k where purchases[c] > 0 && !seen.contains(orders.customerIDs[c]) {
                // In orders but not in customers.csv: acquired at the first purchase, channel unknown.
                if months.contains(acquisitionMonth(first[c])) { acquiredInSpendMonths += 1 }
            }
            var paidCustomers = 0, totalSpend = CompensatedSum()
            for (channel, sum) in spendByChannel.sorted(by: { $0.key < $1.key }) {
                let n = acquiredByChannel[channel] ?? 0
                paidCustomers += n
                totalSpend.add(sum.value)
                channels?.append(ChannelCAC(channel: channel, spend: sum.value, newCustomers: n,
                                            cac: n > 0 ? sum.value / Double(n) : nil))
            }
            if customers != nil, paidCustomers > 0 { cac = totalSpend.value / Double(paidCustomers) }
            if acquiredInSpendMonths > 0 { blended = totalSpend.value / Double(acquiredInSpendMonths) }
            if customers == nil { channels = nil }
        }
        return CustomerKPIs(
            period: period, periods: rows, totalRevenue: netSum.value, totalOrders: totalOrders, customers: buyers,
            aov: aov, purchaseFrequencyPerYear: frequency, lifespanYears: lifespan,
            revenuePerCustomer: netSum.value / Double(buyers), predictedCLV: predicted,
            predictedCLVUnavailable: unavailable,
            retentionRate: retentionRate, churnRate: retentionRate.map { 1 - $0 },
            repeatPurchaseRate: Double(repeaters) / Double(buyers), cacByChannel: channels, cac: cac,
            blendedCac: blended, clvToCac: cac.flatMap { c in predicted.map { $0.perNewCustomer / c } },
            paybackMonths: cac.map { $0 / (aov * frequency / 12) }, surveys: surveys.map(SurveyScores.init))
    }

    /// |a ∩ b| for two ascending arrays without duplicates.
    static func sortedIntersectionCount(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }
}
