import Foundation
import Testing
import SalesAnalytics
import SalesData
import SalesTestSupport

/// `OrderLog.streamOrders` and the streaming RFM and cohort paths on line-item exports: the same
/// orders, customers and answers as the in-memory reader for every block size, or a typed error.
@Suite("Streamed orders: line items and ids as in memory")
struct OrderStreamTests {
    /// A line-item export as real ones are: invoices of 1–6 adjacent lines, a cancellation as a
    /// negative invoice, customer ids written as `17850`, ` 17850` and `17850.0`, and orders whose
    /// lines name two customers.
    static func lineItemExport(orders: Int = 600, seed: UInt64 = 7) -> String {
        var rng = SplitMix64(seed: seed)
        var text = "order_id,customer_id,order_date,amount\n"
        for order in 0..<orders {
            let customer = 17_000 + Int(rng.next() % 90)
            let spelling: String
            switch rng.next() % 6 {
            case 0: spelling = " \(customer)"
            case 1: spelling = "\(customer).0"
            default: spelling = "\(customer)"
            }
            let day = 1 + Int(rng.next() % 28), month = 1 + order * 12 / orders
            let date = "2011-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let cancelled = rng.next() % 10 == 0
            let lines = 1 + Int(rng.next() % 6)
            for line in 0..<lines {
                let cents = Int(rng.next() % 5_000) + 1
                let amount = "\(cancelled ? "-" : "")\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
                let who = (order % 97 == 5 && line == 1) ? "\(customer + 1)" : spelling
                text += "\(cancelled ? "C" : "")\(540_000 + order),\(who),\(date),\(amount)\n"
            }
        }
        return text
    }

    static let blockSizes = [48, 200, 1 << 10, 4 << 10, 1 << 20]

    @Test(arguments: blockSizes)
    func streamedOrdersEqualTheInMemoryOrders(blockBytes: Int) throws {
        let path = try TemporaryFiles.file(Self.lineItemExport(), name: "lines.csv")
        let input = try OrderLog.readOrders(file: path)
        #expect(input.lines.grouped && input.lines.linesWithAnotherCustomer > 0)
        var customers: [Int32] = [], days: [Int32] = [], amounts: [Double] = [], blocks = 0
        var ids: [String] = []
        let summary = try OrderLog.streamOrders(file: path, options: CSVReadOptions(blockBytes: blockBytes)) { block in
            blocks += 1
            customers += block.orders.customerCodes
            days += block.orders.days
            amounts += block.orders.amounts
            ids = block.orders.customerIDs
        }
        #expect(blockBytes > 4 << 10 || blocks > 1)
        #expect(summary.lines == input.lines)
        #expect(summary.normalizedCustomerIDs == input.log.customerIDs)
        #expect(ids == summary.customerIDs)
        #expect(summary.ids.first { $0.column == "customer_id" } == input.ids.first { $0.column == "customer_id" })
        // The same orders (as a multiset: an order spanning a block comes after those ending in its first block).
        func orders(_ c: [Int32], _ d: [Int32], _ a: [Double], _ name: (Int32) -> String) -> [String] {
            c.indices.map { "\(name(c[$0]))|\(d[$0])|\(a[$0])" }.sorted()
        }
        let streamed = orders(customers, days, amounts) { summary.normalizedCustomerIDs[Int(summary.customerCodeMap[Int($0)])] }
        let inMemory = orders(input.log.customerCodes, input.log.days, input.log.amounts) { input.log.customerIDs[Int($0)] }
        #expect(streamed == inMemory)
    }

    @Test(arguments: blockSizes)
    func streamingRFMAndCohortEqualInMemoryOnLineItems(blockBytes: Int) throws {
        let path = try TemporaryFiles.file(Self.lineItemExport(), name: "lines.csv")
        let log = try OrderLog.readOrders(file: path).log
        let read = CSVReadOptions(blockBytes: blockBytes)
        for options in [RFMOptions(), RFMOptions(asOf: Day(rawValue: isoDay("2011-09-30")), monetary: .average, refunds: .exclude)] {
            let inMemory = try RFMAnalysis.run(log, options: options)
            let (streamed, _, _) = try RFMAnalysis.run(streamingFile: path, options: options, readOptions: read)
            #expect(streamed.customerIDs == inMemory.customerIDs)
            #expect(streamed.recency == inMemory.recency && streamed.frequency == inMemory.frequency)
            #expect(streamed.monetary == inMemory.monetary && streamed.segmentIndex == inMemory.segmentIndex)
            #expect(streamed.futureOrderCount == inMemory.futureOrderCount && streamed.excludedRefundCount == inMemory.excludedRefundCount)
        }
        for options in [CohortOptions(), CohortOptions(period: .week, refunds: .exclude)] {
            let inMemory = try CohortAnalysis.run(log, options: options)
            // One pass for all periods, and one period per pass (a pass per period re-reads the file
            // with the first pass's customer codes).
            for workingBytes in blockBytes >= 4 << 10 ? [256 << 20, 1] : [256 << 20] {
                let (streamed, _, _) = try CohortAnalysis.run(streamingFile: path, options: options, readOptions: read,
                                                              workingBytes: workingBytes)
                CohortStreamingTests.expectSame(streamed, inMemory)
            }
        }
    }

    /// Lines of one order apart within a block are grouped; apart across blocks they are an error
    /// naming the order and the line, confirmed by the second pass.
    @Test func linesApartAcrossBlocksAreATypedError() throws {
        var text = "order_id,customer_id,order_date,amount\n"
        text += "A1,C1,2024-01-02,10\nB1,C2,2024-01-02,5\nA1,C1,2024-01-02,7\n"  // apart, same block
        for i in 0..<200 { text += "N\(i),C\(i % 9),2024-01-03,1\n" }
        text += "B1,C2,2024-01-09,4\n"  // line 205: B1 ended long before
        let path = try TemporaryFiles.file(text, name: "apart.csv")
        let whole = try OrderLog.streamOrders(file: path) { _ in }
        #expect(whole.lines.orders == 202 && whole.lines.grouped)
        let error = #expect(throws: OrderStreamError.self) {
            try OrderLog.streamOrders(file: path, options: CSVReadOptions(blockBytes: 256)) { _ in }
        }
        #expect(error == .orderLinesApart(file: path, orderID: "B1", line: 205, verified: true))
        #expect(error?.description.contains("sort the file by order_id or run without --stream") == true)
        #expect(throws: OrderStreamError.self) {
            try RFMAnalysis.run(streamingFile: path, readOptions: CSVReadOptions(blockBytes: 256))
        }
    }

    /// 50,000 distinct order ids over many blocks: no false repeat (the hash set grows), the order
    /// count exact.
    @Test func manyDistinctOrdersAreNeverTakenForRepeats() throws {
        var text = "order_id,customer_id,order_date,amount\n"
        for i in 0..<50_000 { text += "\(i),C\(i % 1_000),2024-02-\(1 + i % 28),1.5\n" }
        let path = try TemporaryFiles.file(text, name: "distinct.csv")
        let summary = try OrderLog.streamOrders(file: path, options: CSVReadOptions(blockBytes: 32 << 10)) { _ in }
        #expect(summary.lines.orders == 50_000 && summary.lines.rows == 50_000 && !summary.lines.grouped)
    }

    /// `5.0` read as `5` in one block while another block has `A-7`: in memory the whole column
    /// would be kept as written, so the streamed read refuses rather than merge differently.
    @Test func inconsistentOrderIDFormsAreATypedError() throws {
        var text = "order_id,customer_id,order_date,amount\n5.0,C1,2024-01-02,1\n5,C1,2024-01-02,2\n"
        for i in 0..<100 { text += "\(10 + i),C2,2024-01-03,1\n" }
        text += "A-7,C3,2024-01-04,1\n"
        let path = try TemporaryFiles.file(text, name: "forms.csv")
        let error = #expect(throws: OrderStreamError.self) {
            try OrderLog.streamOrders(file: path, options: CSVReadOptions(blockBytes: 128)) { _ in }
        }
        #expect(error == .inconsistentOrderIDs(file: path, example: "A-7"))
        // Verbatim ids, or one block holding the whole column, read it as memory does.
        let verbatim = try OrderLog.streamOrders(file: path, options: CSVReadOptions(blockBytes: 128), ids: .verbatim) { _ in }
        #expect(verbatim.lines == (try OrderLog.readOrders(file: path, ids: .verbatim)).lines)
        let whole = try OrderLog.streamOrders(file: path) { _ in }
        #expect(whole.lines == (try OrderLog.readOrders(file: path)).lines)
    }
}
