import ArgumentParser
import Foundation
import SalesKit

extension MonetaryMeasure: ExpressibleByArgument {}
extension RefundPolicy: ExpressibleByArgument {}
extension FutureOrderPolicy: ExpressibleByArgument {}

/// `saleskit rfm`: RFM values, scores and segments per customer, and the segment summary.
struct RFMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rfm",
        abstract: "RFM scores and segments per customer, with a segment summary.",
        discussion: """
            Scores are rank-based quantiles: score = 1 + floor(bins * (rank - 1) / n) with the \
            competition ("min") rank, so ties share a score. Recency counts days from the last order to \
            --as-of (default: the day after the last purchase). Orders, purchases, refunds and customers \
            are defined once for every command (the OrdersPurchasesRefunds article of the SalesAnalytics \
            docs): line items sharing an order_id are summed into their order; frequency counts \
            purchases (orders netting >= 0) and never refunds, which only reduce the monetary value \
            under --refunds net; customers with refunds only are reported, not segmented. Orders after \
            --as-of are excluded and reported, or rejected with --future error. --segments FILE.json replaces the segment table: \
            {"scale": 5, "axis": "f", "segments": [{"name": "Champions", "r": [5, 5], "f": [4, 5]}, ...]}. \
            csv: customer_id,recency,frequency,monetary,r,f,m,segment (plus cluster with --kmeans); \
            table: the segment summary.

            Example: saleskit rfm --orders datasets/orders.csv --as-of 2025-01-01 --format csv
            """)

    @OptionGroup var input: OrdersInputOptions
    @OptionGroup(title: "Warehouse source (instead of the files)") var warehouse: WarehouseSourceOptions

    @Option(help: "Reference date YYYY-MM-DD (default: the day after the last order).")
    var asOf: String?

    @Option(help: "Quantile scores 1…bins (2–100).")
    var bins = 5

    @Option(help: "Recency breakpoints in days, ascending, comma-separated (use with --frequency-breakpoints and --monetary-breakpoints instead of --bins).")
    var recencyBreakpoints: String?

    @Option(help: "Frequency breakpoints, ascending, comma-separated.")
    var frequencyBreakpoints: String?

    @Option(help: "Monetary breakpoints, ascending, comma-separated.")
    var monetaryBreakpoints: String?

    @Option(help: "Monetary value: total or average.")
    var monetary: MonetaryMeasure = .total

    @Option(help: "Segment rule table (JSON) replacing the default 11 segments.")
    var segments: String?

    @Flag(help: "Also cluster customers with k-means on standardized log-RFM (k chosen by silhouette).")
    var kmeans = false

    @Option(help: "Range of k tried with --kmeans, as LOW-HIGH.")
    var kRange = "2-8"

    @Option(help: "Seed of k-means with --kmeans.")
    var seed: UInt64 = 42

    @OptionGroup var flags: OrderAnalysisFlags

    /// `--future`.
    var future: FutureOrderPolicy { flags.future }

    @OptionGroup var output: OutputOptions

    func options() throws -> RFMOptions {
        var options = RFMOptions(monetary: monetary, refunds: input.refunds, futureOrders: future)
        if let asOf { options.asOf = try parseISODate(asOf, option: "--as-of") }
        let given = [recencyBreakpoints, frequencyBreakpoints, monetaryBreakpoints].compactMap { $0 }
        if given.isEmpty {
            options.scoring = .quantiles(bins: bins)
        } else {
            guard let r = recencyBreakpoints, let f = frequencyBreakpoints, let m = monetaryBreakpoints else {
                throw ValidationError("--recency-breakpoints, --frequency-breakpoints and --monetary-breakpoints go together")
            }
            func numbers(_ text: String, _ name: String) throws -> [Double] {
                let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                    throw ValidationError("\(name) expects comma-separated numbers, got \"\(text)\"")
                }
                return values.compactMap { $0 }
            }
            options.scoring = .breakpoints(recency: try numbers(r, "--recency-breakpoints"),
                                           frequency: try numbers(f, "--frequency-breakpoints"),
                                           monetary: try numbers(m, "--monetary-breakpoints"))
        }
        do { try options.scoring.validate() } catch { throw ValidationError("\(error)") }
        if let segments {
            guard let data = FileManager.default.contents(atPath: segments) else {
                throw CLIError.cannotRead(path: segments, reason: "no such file or not readable")
            }
            do {
                options.segments = try RFMSegmentTable(json: [UInt8](data))
            } catch let error as RFMError {
                throw ValidationError("\(segments): \(error)")
            } catch {
                throw ValidationError("\(segments): not a segment table: \(error)")
            }
        }
        return options
    }

    func kBounds() throws -> ClosedRange<Int> {
        let parts = kRange.split(separator: "-").map { Int($0) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low >= 2, low <= high else {
            throw ValidationError("--k-range expects LOW-HIGH with 2 ≤ LOW ≤ HIGH, got \"\(kRange)\"")
        }
        return low...high
    }

    func run() throws {
        let options = try options()
        let ks = try kBounds()
        let (result, rejected, facts) = try input.analyze(
            flags, output: output,
            streaming: { try RFMAnalysis.run(streamingFile: $0, mapping: $1, policy: $2, options: options, readOptions: $3, ids: $4) },
            inMemory: { try RFMAnalysis.run($0, options: options) })
        if result.futureOrderCount > 0 {
            output.notice("\(result.futureOrderCount) order(s) dated after the as-of date \(result.asOf) were excluded")
        }
        if result.excludedRefundCount > 0 {
            output.notice("\(result.excludedRefundCount) refund row(s) excluded (--refunds exclude)")
        }
        let clusters = kmeans ? try RFMClustering.cluster(result, ks: ks, seed: seed) : nil
        switch output.format {
        case .csv: try output.write(csv(result, clusters: clusters))
        case .table: try output.write(summaryTable(result, clusters: clusters))
        case .json: try output.write(try JSONOutput.encode(json(result, clusters: clusters, rejected: rejected, facts: facts)) + "\n")
        }
    }

    func csv(_ result: RFMResult, clusters: RFMClusters?) -> String {
        var text = "customer_id,recency,frequency,monetary,r,f,m,segment" + (clusters == nil ? "\n" : ",cluster\n")
        text.reserveCapacity(result.count * 48)
        let segmentCells = result.segmentNames.map { CSVWriter.field($0) }
        for i in 0..<result.count {
            text += CSVWriter.field(result.customerIDs[i])
            text += ",\(result.recency[i]),\(result.frequency[i]),\(csvNumber(result.monetary[i]))"
            text += ",\(result.r[i]),\(result.f[i]),\(result.m[i]),"
            text += segmentCells[Int(result.segmentIndex[i])]
            if let clusters { text += ",\(clusters.assignments[i])" }
            text += "\n"
        }
        return text
    }

    func summaryTable(_ result: RFMResult, clusters: RFMClusters?) -> String {
        var table = TextTable(headers: ["segment", "customers", "share", "revenue share", "mean R (days)", "mean F", "mean M"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right],
                              title: "RFM segments as of \(result.asOf) — \(result.count) customers, \(result.orderCount) orders")
        for row in result.summary {
            let empty = row.customers == 0
            table.append([row.segment, "\(row.customers)", Formatting.percent(row.share),
                          row.revenueShare.isNaN ? "–" : Formatting.percent(row.revenueShare),
                          empty ? "–" : Formatting.fixed(row.meanRecency, decimals: 1),
                          empty ? "–" : Formatting.fixed(row.meanFrequency, decimals: 2),
                          empty ? "–" : Formatting.grouped(row.meanMonetary)])
        }
        var text = table.renderAligned()
        if let clusters {
            var k = TextTable(headers: ["cluster", "customers", "mean R (days)", "mean F", "mean M"],
                              alignments: [.right, .right, .right, .right, .right],
                              title: "k-means on standardized log-RFM: k = \(clusters.k) (silhouette "
                                  + clusters.silhouettes.map { "k=\($0.k): \(Formatting.fixed($0.score, decimals: 3))" }.joined(separator: ", ") + ")")
            for (c, p) in clusters.profiles.enumerated() {
                k.append(["\(c)", "\(p.customers)", Formatting.fixed(p.meanRecency, decimals: 1),
                          Formatting.fixed(p.meanFrequency, decimals: 2), Formatting.grouped(p.meanMonetary)])
            }
            text += "\n" + k.renderAligned()
        }
        return text
    }

    struct CustomerJSON: Encodable {
        let customerId: String
        let recency: Int32
        let frequency: Int32
        let monetary: Double
        let r: UInt8
        let f: UInt8
        let m: UInt8
        let segment: String
        let cluster: Int32?

        enum CodingKeys: String, CodingKey {
            case customerId, recency, frequency, monetary, r, f, m, segment, cluster
            /// Deprecated alias of `customerId`, written for one version (CHANGELOG 0.2.0).
            case customer_id
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(customerId, forKey: .customerId)
            try c.encode(customerId, forKey: .customer_id)
            try c.encode(recency, forKey: .recency)
            try c.encode(frequency, forKey: .frequency)
            try c.encode(monetary, forKey: .monetary)
            try c.encode(r, forKey: .r)
            try c.encode(f, forKey: .f)
            try c.encode(m, forKey: .m)
            try c.encode(segment, forKey: .segment)
            try c.encodeIfPresent(cluster, forKey: .cluster)
        }
    }

    struct ClusterJSON: Encodable {
        let k: Int
        let silhouettes: [[String: Double]]
        let profiles: [[String: Double]]
    }

    struct Payload: Encodable {
        let asOf: String
        let monetary: String
        let refunds: String
        let orders: Int
        let futureOrders: Int
        let excludedRefunds: Int
        let customers: [CustomerJSON]
        let summary: [RFMSegmentSummary]
        let kmeans: ClusterJSON?
        let rejected: [RejectedRow]
        /// What was done to the orders (absent under --stream).
        let orderInput: OrderInputFacts?
    }

    /// The JSON document; `excludedRefunds` replaces the result's count (`rfm --source`, whose
    /// engine leaves the refunds out inside the plan where the file path removes them before the
    /// analysis — counted in `orderInput.refundsRemoved` either way).
    func json(_ result: RFMResult, clusters: RFMClusters?, rejected: [RejectedRow], facts: OrderInputFacts?,
              excludedRefunds: Int? = nil) -> Payload {
        let customers = (0..<result.count).map { i in
            CustomerJSON(customerId: result.customerIDs[i], recency: result.recency[i], frequency: result.frequency[i],
                         monetary: result.monetary[i], r: result.r[i], f: result.f[i], m: result.m[i],
                         segment: result.segment(i), cluster: clusters?.assignments[i])
        }
        let k = clusters.map { c in
            ClusterJSON(k: c.k, silhouettes: c.silhouettes.map { ["k": Double($0.k), "score": $0.score] },
                        profiles: c.profiles.map { ["customers": Double($0.customers), "meanRecency": $0.meanRecency,
                                                    "meanFrequency": $0.meanFrequency, "meanMonetary": $0.meanMonetary] })
        }
        return Payload(asOf: result.asOf.description, monetary: result.options.monetary.rawValue,
                       refunds: result.options.refunds.rawValue, orders: result.orderCount,
                       futureOrders: result.futureOrderCount, excludedRefunds: excludedRefunds ?? result.excludedRefundCount,
                       customers: customers, summary: result.summary, kmeans: k, rejected: rejected, orderInput: facts)
    }
}
