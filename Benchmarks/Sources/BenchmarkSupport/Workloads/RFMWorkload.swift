import SalesKit

/// `rfm` (compare/WORKLOADS.md): `RFMAnalysis.run` with its defaults, which are the workload's
/// definition — as-of = last order day + 1, refunds netted, monetary = total in exact cents,
/// quintile scores `1 + ⌊5·(min rank − 1)/n⌋` (recency ranked descending), the standard 11-segment
/// table on (r, f) (`RFMSegmentTable.standard`, the table of WORKLOADS.md).
public enum RFMWorkload: Workload {
    public static let id = "rfm"

    /// Reads the orders (load) and scores and segments every customer (compute).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `customers`, `segments`, `cells`, `recencyDaysSum`, `frequencySum`,
    ///   `monetaryCentsSum`.
    /// - Throws: `CSVError` from the reader, `RFMError` from the analysis.
    /// - Complexity: O(orders + customers log customers).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let (log, load) = try Stopwatch.time { try OrdersInput.orderLog(inputs) }
        let options = RFMOptions(monetary: .total, refunds: .net, futureOrders: .exclude, scoring: .quintiles,
                                 segments: .standard, currencyDecimals: 2)
        let (result, compute) = try Stopwatch.time { try RFMAnalysis.run(log, options: options) }

        // The answer summary (outside the timing).
        var cellCounts = [Int](repeating: 0, count: 6 * 6 * 6)
        var segmentCounts = [Int](repeating: 0, count: result.segmentNames.count)
        var recency = 0, frequency = 0
        var cents: Int64 = 0
        for i in 0..<result.count {
            cellCounts[Int(result.r[i]) * 36 + Int(result.f[i]) * 6 + Int(result.m[i])] += 1
            segmentCounts[Int(result.segmentIndex[i])] += 1
            recency += Int(result.recency[i])
            frequency += Int(result.frequency[i])
            cents += BenchmarkSettings.cents(result.monetary[i])
        }
        var cells: [String: Int] = [:]
        for (index, count) in cellCounts.enumerated() where count > 0 {
            cells["\(index / 36)\(index / 6 % 6)\(index % 6)"] = count
        }
        var segments: [String: Int] = [:]
        for (index, count) in segmentCounts.enumerated() where count > 0 {
            segments[result.segmentNames[index]] = count
        }
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["customers": result.count, "segments": segments, "cells": cells,
                     "recencyDaysSum": recency, "frequencySum": frequency, "monetaryCentsSum": cents],
            extra: ["orders": log.count, "asOf": result.asOf.description])
    }
}
