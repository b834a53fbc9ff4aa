import SalesKit

/// `cohort` (compare/WORKLOADS.md): `CohortAnalysis.run` by calendar month of the first order,
/// refunds netted, "return on" activity (`CohortResult.activeReturnOn`) and exact revenue in cents
/// (`revenueMinorUnits`) per (cohort, months since) cell.
public enum CohortWorkload: Workload {
    public static let id = "cohort"

    /// Reads the orders (load) and builds the cohort tables (compute).
    /// - Parameter inputs: The dataset directory.
    /// - Returns: Timings and `cells` {"YYYY-MM+period": [active, revenueCents]} for non-empty cells,
    ///   `cohortSizes`, `cellCount`.
    /// - Throws: `CSVError` from the reader, `CohortError` from the analysis.
    /// - Complexity: O(orders + cohorts × periods).
    public static func run(_ inputs: WorkloadInputs) throws -> WorkloadResult {
        let (log, load) = try Stopwatch.time { try OrdersInput.orderLog(inputs) }
        let options = CohortOptions(period: .month, origin: .firstOrder, refunds: .net, futureOrders: .exclude,
                                    currencyDecimals: 2)
        let (result, compute) = try Stopwatch.time { try CohortAnalysis.run(log, options: options) }

        // Cells with at least one order row have at least one active customer.
        var cells: [String: [Int64]] = [:]
        var sizes: [String: Int] = [:]
        for row in 0..<result.cohortCount {
            let label = result.cohortLabels[row]
            sizes[label] = result.sizes[row]
            for period in 0..<result.periodCount {
                let index = row * result.periodCount + period
                let active = result.activeReturnOn[index]
                if active > 0 { cells["\(label)+\(period)"] = [Int64(active), result.revenueMinorUnits[index]] }
            }
        }
        return WorkloadResult(
            loadSeconds: load, computeSeconds: compute,
            answer: ["cells": cells, "cohortSizes": sizes, "cellCount": cells.count],
            extra: ["orders": log.count, "cohorts": result.cohortCount])
    }
}
