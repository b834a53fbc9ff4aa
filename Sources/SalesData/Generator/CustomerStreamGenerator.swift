import Foundation
import SalesNumerics

/// Writes customers.csv, orders.csv, surveys.csv and marketing_spend.csv: customers acquired
/// month by month (trend × seasonality) through channels whose spend ties to the acquisitions,
/// each customer's purchases drawn from BG/NBD and their values from Gamma-Gamma.
///
/// Rows are written as each customer is generated: customers.csv is sorted by signup date (ids
/// follow it); orders.csv is grouped by customer (customer order) and date-sorted within a
/// customer, except that a refund row follows its own order and may be dated after the
/// customer's next order. Only per-month counters are kept in memory — unless
/// `GeneratorConfiguration.orderRowOrder` asks for another row order, when the order rows are held
/// (16 bytes each) and written last. Customer ids are spelled by `customerIDShape`.
struct CustomerStreamGenerator {
    let configuration: GeneratorConfiguration
    var sampler: RandomSampler

    /// Summary rows written per file.
    struct Output {
        var customers = 0, orders = 0, surveys = 0, spend = 0
    }

    /// New customers in each month: weights `(1 + growth·i/(n−1)) × seasonal[month]`, shared out
    /// by largest remainder so the counts sum exactly to `customers`.
    static func monthlyAcquisitions(_ configuration: GeneratorConfiguration) -> [Int] {
        let n = configuration.months
        let parameters = configuration.parameters
        let weights = (0..<n).map { i -> Double in
            let trend = n > 1 ? 1 + parameters.acquisitionGrowth * Double(i) / Double(n - 1) : 1
            return trend * parameters.monthlyAcquisitionFactors[i % 12]
        }
        let total = weights.reduce(0, +)
        let exact = weights.map { $0 / total * Double(configuration.customers) }
        var counts = exact.map { Int($0) }
        let missing = configuration.customers - counts.reduce(0, +)
        let order = (0..<n).sorted { a, b in
            let ra = exact[a] - Double(counts[a]), rb = exact[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        for i in 0..<missing { counts[order[i % n]] += 1 }
        return counts
    }

    mutating func run(in directory: String, progress: (Int) -> Void) throws -> Output {
        let parameters = configuration.parameters
        let customersFile = try CSVByteWriter(path: directory + "/customers.csv",
                                              header: "customer_id,signup_date,acquisition_channel,region")
        let ordersFile = try CSVByteWriter(path: directory + "/orders.csv", header: "order_id,customer_id,order_date,amount")
        let surveysFile = try CSVByteWriter(path: directory + "/surveys.csv", header: "customer_id,date,score,kind")
        let spendFile = try CSVByteWriter(path: directory + "/marketing_spend.csv", header: "month,channel,spend")

        let channelCumulative = cumulativeProbabilities(parameters.channels.map(\.share))
        let regionCumulative = cumulativeProbabilities(parameters.regions.map(\.probability))
        let channelNames = parameters.channels.map(\.name)
        let regionNames = parameters.regions.map(\.name)
        let acquisitions = Self.monthlyAcquisitions(configuration)
        var acquiredByChannel = [Int](repeating: 0, count: configuration.months * channelNames.count)
        let endDay = configuration.endDay
        let amountFactors = parameters.monthlyAmountFactors

        var customerID = 0
        var orderID = 0
        var year = configuration.startYear, month = 1

        let idShape = configuration.customerIDShape
        // Rows in another order than the customer's are held (16 bytes each) and written at the end.
        var heldOrders = configuration.orderRowOrder == .customer ? nil : HeldOrderRows()

        /// Writes (or holds) one order row; its order id is the running `orderID`.
        func emitOrder(customer: Int, day: Int, cents: Int64) {
            orderID += 1
            if heldOrders != nil {
                heldOrders?.append(customer: customer, day: day, cents: cents)
                return
            }
            Self.writeOrderRow(orderID: orderID, customer: customer, day: day, cents: cents,
                               shape: idShape, to: ordersFile)
        }

        /// Writes one order (and maybe its refund) and returns nothing; amounts in cents.
        func writeOrder(customer: Int, day: Int, nu: Double, sampler: inout RandomSampler) {
            let calendarMonth = CivilDate.civil(fromDays: day).month
            let value = sampler.gamma(shape: parameters.gammaGammaP) / nu * amountFactors[calendarMonth - 1]
            let cents = max(1, Int64((value * 100).rounded()))
            emitOrder(customer: customer, day: day, cents: cents)
            let refunded = sampler.bernoulli(parameters.refundRate)
            let delay = 1 + sampler.index(below: parameters.refundMaxDelayDays)
            if refunded && day + delay <= endDay {
                emitOrder(customer: customer, day: day + delay, cents: -cents)
            }
        }

        for monthIndex in 0..<configuration.months {
            let monthStart = CivilDate.days(year: year, month: month, day: 1)
            let monthLength = CivilDate.daysInMonth(year: year, month: month)
            for _ in 0..<acquisitions[monthIndex] {
                customerID += 1
                let signup = monthStart + sampler.index(below: monthLength)
                let channel = sampler.categorical(cumulative: channelCumulative)
                let region = sampler.categorical(cumulative: regionCumulative)
                acquiredByChannel[monthIndex * channelNames.count + channel] += 1
                idShape.write(customerID, to: customersFile); customersFile.comma()
                customersFile.date(days: signup); customersFile.comma()
                customersFile.text(channelNames[channel]); customersFile.comma()
                customersFile.text(regionNames[region]); customersFile.endRow()

                // BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); Gamma-Gamma: ν ~ Gamma(q, γ).
                let lambda = sampler.gamma(shape: parameters.bgnbdR) / parameters.bgnbdAlpha
                let dropout = sampler.beta(parameters.bgnbdA, parameters.bgnbdB)
                let nu = sampler.gamma(shape: parameters.gammaGammaQ) / parameters.gammaGammaGamma
                // Observation window (0, T] in days: from the start of the signup day to the end of endDay.
                let horizon = Double(endDay + 1 - signup)
                writeOrder(customer: customerID, day: signup, nu: nu, sampler: &sampler)
                var t = 0.0
                while true {
                    t += sampler.exponential(rate: lambda)
                    if !(t < horizon) { break }
                    writeOrder(customer: customerID, day: signup + Int(t), nu: nu, sampler: &sampler)
                    if sampler.bernoulli(dropout) { break }
                }

                if sampler.bernoulli(parameters.surveyResponseRate) {
                    let answers = 1 + sampler.poisson(mean: 0.5)
                    // Loyal customers (low dropout) score higher: success probability 0.85 − 0.8 p.
                    let satisfaction = min(0.95, max(0.05, 0.85 - 0.8 * dropout))
                    for _ in 0..<answers {
                        let day = signup + sampler.index(below: endDay + 1 - signup)
                        let isNPS = sampler.bernoulli(parameters.npsShare)
                        idShape.write(customerID, to: surveysFile); surveysFile.comma()
                        surveysFile.date(days: day); surveysFile.comma()
                        if isNPS {
                            surveysFile.integer(sampler.binomial(trials: 10, probability: satisfaction))
                            surveysFile.comma(); surveysFile.staticText("nps")
                        } else {
                            surveysFile.integer(1 + sampler.binomial(trials: 4, probability: satisfaction))
                            surveysFile.comma(); surveysFile.staticText("csat")
                        }
                        surveysFile.endRow()
                    }
                }
                if customerID % 4096 == 0 {
                    try ordersFile.checkError()
                    progress(customerID)
                }
            }
            month += 1
            if month == 13 { month = 1; year += 1 }
        }

        // Spend per paid channel and month: acquisitions × cost per acquisition × lognormal noise.
        year = configuration.startYear; month = 1
        for monthIndex in 0..<configuration.months {
            for (c, channel) in parameters.channels.enumerated() where channel.costPerAcquisition > 0 {
                let noise = exp(parameters.spendNoiseSigma * sampler.normal())
                let spend = Double(acquiredByChannel[monthIndex * channelNames.count + c]) * channel.costPerAcquisition * noise
                spendFile.month(year: year, month: month); spendFile.comma()
                spendFile.text(channel.name); spendFile.comma()
                spendFile.cents(Int64((spend * 100).rounded())); spendFile.endRow()
            }
            month += 1
            if month == 13 { month = 1; year += 1 }
        }
        if let heldOrders {
            heldOrders.write(order: configuration.orderRowOrder, seed: configuration.seed, shape: idShape,
                             to: ordersFile, progress: { _ in })
            try ordersFile.checkError()
        }
        progress(customerID)
        let output = Output(customers: customersFile.rows, orders: ordersFile.rows,
                            surveys: surveysFile.rows, spend: spendFile.rows)
        try customersFile.close(); try ordersFile.close(); try surveysFile.close(); try spendFile.close()
        return output
    }

    /// One `orders.csv` row: `O<orderID>,<customer id>,<date>,<amount>`.
    static func writeOrderRow(orderID: Int, customer: Int, day: Int, cents: Int64,
                              shape: CustomerIDShape, to file: CSVByteWriter) {
        file.identifier("O", orderID); file.comma()
        shape.write(customer, to: file); file.comma()
        file.date(days: day); file.comma()
        file.cents(cents); file.endRow()
    }
}

/// The order rows of a run whose `orders.csv` is not in customer order, held column by column
/// (16 bytes a row) until every customer has been generated. Row `i` has order id `O(i+1)`.
struct HeldOrderRows {
    private var customers: [Int32] = []
    private var days: [Int32] = []
    private var cents: [Int64] = []

    /// Holds one row. Customer numbers and days fit `Int32`: the configuration caps customers at
    /// 10⁹ and the calendar at the year 9049.
    mutating func append(customer: Int, day: Int, cents amount: Int64) {
        customers.append(Int32(truncatingIfNeeded: customer))
        days.append(Int32(truncatingIfNeeded: day))
        cents.append(amount)
    }

    /// Writes every held row in `order`: by date (a stable counting sort on the day, so ties keep
    /// generation order) or in a seeded random permutation (Fisher–Yates on its own generator, so
    /// the other files' draws do not change).
    func write(order: OrderRowOrder, seed: UInt64, shape: CustomerIDShape, to file: CSVByteWriter,
               progress: (Int) -> Void) {
        let count = days.count
        guard count > 0 else { return }
        var permutation = [Int](repeating: 0, count: count)
        switch order {
        case .customer:
            for i in 0..<count { permutation[i] = i }
        case .date:
            let first = Int(days.min() ?? 0), last = Int(days.max() ?? 0)
            var starts = [Int](repeating: 0, count: last - first + 2)
            for day in days { starts[Int(day) - first + 1] += 1 }
            for b in 1..<starts.count { starts[b] += starts[b - 1] }
            for i in 0..<count {
                let bucket = Int(days[i]) - first
                permutation[starts[bucket]] = i
                starts[bucket] += 1
            }
        case .shuffled:
            for i in 0..<count { permutation[i] = i }
            var generator = SeededGenerator(seed: seed ^ 0x5EED_0F_0DE5_5A1E)
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                permutation.swapAt(i, j)
            }
        }
        for (k, i) in permutation.enumerated() {
            CustomerStreamGenerator.writeOrderRow(orderID: i + 1, customer: Int(customers[i]), day: Int(days[i]),
                                                  cents: cents[i], shape: shape, to: file)
            if k & 0xFFFF == 0 { progress(k) }
        }
    }
}
