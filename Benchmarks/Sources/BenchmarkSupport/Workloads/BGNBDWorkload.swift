import SalesKit

/// `bgnbd` (compare/WORKLOADS.md): `CustomerSummary.build` with daily purchase periods and daily
/// units, observation end = the last order date, refunds excluded (`SummaryRefundPolicy.exclude`:
/// a refund is not a purchase, issue 9); `BGNBDModel.fit` on every customer, `GammaGammaModel.fit`
/// on customers with frequency > 0 and monetary > 0; Σ expected purchases in the next 30 days.
public enum BGNBDWorkload: Workload {
    public static let id = "bgnbd"

    /// Reads the orders (load), builds the summary and fits both models (compute).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `bgnbd` {r, alpha, a, b}, `gammaGamma` {p, q, gamma}, `customers`,
    ///   `repeatCustomers`, `expectedPurchases30Sum`.
    /// - Throws: `CSVError` from the reader; `CustomerAnalyticsError` from the summary;
    ///   `CustomerModelError` from the fits.
    /// - Complexity: O(orders log k) for the summary, O(customers) per likelihood evaluation.
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let path = inputs.dataFile("orders.csv")
        let (orders, load) = try Stopwatch.time { () throws -> OrderLog in
            try OrderLog.read(file: path, options: BenchmarkSettings.readOptions).log
        }
        guard let end = orders.lastDay else { throw BenchmarkError.malformedInput(path: path, reason: "no rows") }
        let ((summary, bgnbd, gammaGamma, repeatCount, expected), compute) = try Stopwatch.time {
            let summary = try CustomerSummary.build(
                orders: orders,
                options: CustomerSummaryOptions(calibrationEnd: Day(end), unit: .day, grouping: .day, refunds: .exclude))
            let bgnbd = try BGNBDModel.fit(frequency: summary.frequency, recency: summary.recency, age: summary.age)
            var repeatFrequency: [Int] = [], repeatMonetary: [Double] = []
            for i in 0..<summary.count where summary.frequency[i] > 0 && summary.monetary[i] > 0 {
                repeatFrequency.append(summary.frequency[i])
                repeatMonetary.append(summary.monetary[i])
            }
            let gammaGamma = try GammaGammaModel.fit(frequency: repeatFrequency, monetary: repeatMonetary)
            var expected = 0.0
            for i in 0..<summary.count {
                expected += bgnbd.model.expectedTransactions(inNext: 30, frequency: summary.frequency[i],
                                                             recency: summary.recency[i], age: summary.age[i])
            }
            return (summary, bgnbd, gammaGamma, repeatFrequency.count, expected)
        }
        let m = bgnbd.model, g = gammaGamma.model
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["bgnbd": ["r": m.r, "alpha": m.alpha, "a": m.a, "b": m.b],
                     "gammaGamma": ["p": g.p, "q": g.q, "gamma": g.gamma],
                     "customers": summary.count, "repeatCustomers": repeatCount,
                     "expectedPurchases30Sum": expected],
            extra: ["orders": orders.count, "bgnbdIterations": bgnbd.iterations,
                    "gammaGammaIterations": gammaGamma.iterations, "refundRowsExcluded": summary.report.refundRows])
    }
}
