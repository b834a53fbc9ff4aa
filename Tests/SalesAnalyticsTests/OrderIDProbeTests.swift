import Testing
import SalesAnalytics
import SalesData
import SalesTestSupport

/// `OrderLog.readOrders` reads `order_id` as fingerprints first and the ids only when one may
/// repeat: the answer must be the one the ids give, whichever path was taken.
@Suite struct OrderIDProbeTests {
    /// Unique ids (in many chunks): every row an order, the column noted, nothing grouped — the
    /// same log as reading without `order_id`.
    @Test func uniqueOrderIDsAreOrdersWithoutGrouping() throws {
        var text = "order_id,customer_id,order_date,amount\n"
        for i in 0..<20_000 { text += "\(i % 3 == 0 ? "ORD-" : "")\(i),C\(i % 700),2024-0\(1 + i % 9)-1\(i % 10),\(i % 11 == 0 ? -3 : 7).25\n" }
        let path = try TemporaryFiles.file(text, name: "orders.csv")
        var options = CSVReadOptions()
        options.chunkBytes = 16_384
        let input = try OrderLog.readOrders(file: path, options: options)
        #expect(input.lines.rows == 20_000 && input.lines.orders == 20_000)
        #expect(input.lines.hasOrderID && !input.lines.grouped && input.lines.linesWithAnotherCustomer == 0)
        let without = try OrderLog.readOrders(file: path, options: options, lineItems: false)
        #expect(input.log == without.log)
        #expect(!without.lines.hasOrderID)
    }

    /// Ids that may be equal after normalization take the second path, which decides with the ids
    /// themselves: grouped when they are equal, apart under `--ids verbatim`.
    @Test func idsEqualAfterNormalizationAreLinesOfOneOrder() throws {
        let path = try TemporaryFiles.file("order_id,customer_id,order_date,amount\n A1,C1,2024-01-02,10\nA1,C1,2024-01-02,5\n17.0,C2,2024-01-03,4\n17,C2,2024-01-03,1\n",
                                           name: "orders.csv")
        let normalized = try OrderLog.readOrders(file: path)
        // " A1" is trimmed to "A1"; "17.0" stays apart from "17" because the column is not all
        // integers (IDNormalization's all-or-nothing float rule) — as on the reader's first pass.
        #expect(normalized.lines.grouped && normalized.lines.orders == 3)
        #expect(normalized.log.amounts == [15, 4, 1])
        let verbatim = try OrderLog.readOrders(file: path, ids: .verbatim)
        #expect(!verbatim.lines.grouped && verbatim.lines.orders == 4 && verbatim.lines.hasOrderID)
        #expect(verbatim.log.amounts == [10, 5, 4, 1])
    }

    /// A file parsed twice (its ids repeat) reports each bad row once, as a file parsed once does.
    @Test func skippedRowsAreReportedOnceOnEitherPath() throws {
        let repeated = try TemporaryFiles.file("order_id,customer_id,order_date,amount\n1,C1,2024-01-02,10\n1,C1,2024-01-02,x\n1,C1,2024-01-02,2\n",
                                               name: "orders.csv")
        let grouped = try OrderLog.readOrders(file: repeated, policy: .skipInvalidRows)
        #expect(grouped.rejected.count == 1 && grouped.rejected.first?.line == 3)
        #expect(grouped.lines.grouped && grouped.log.amounts == [12])
        let unique = try TemporaryFiles.file("order_id,customer_id,order_date,amount\n1,C1,2024-01-02,10\n2,C1,2024-01-02,x\n",
                                             name: "orders.csv")
        let single = try OrderLog.readOrders(file: unique, policy: .skipInvalidRows)
        #expect(single.rejected.count == 1 && single.rejected.first?.line == 3)
        #expect(!single.lines.grouped && single.log.amounts == [10])
    }
}
