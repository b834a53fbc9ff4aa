import SalesData

/// How the rows of an orders file became orders (the first rule of the OrdersPurchasesRefunds
/// article): when `order_id` is present and repeats, rows are line items and are summed into their
/// order (amount = Σ lines, date and customer = the order's first line in file order); without
/// `order_id`, or when no id repeats, each row is an order. A row with an empty `order_id` is an
/// order of its own.
public struct OrderLines: Sendable, Equatable, Codable {
    /// Data rows read.
    public var rows: Int
    /// Orders after grouping (= `rows` when nothing was grouped).
    public var orders: Int
    /// Whether the file has an `order_id` column.
    public var hasOrderID: Bool
    /// Whether line items were summed into orders (`order_id` repeats).
    public var grouped: Bool
    /// Lines whose customer differs from their order's first line (the order keeps the first line's customer).
    public var linesWithAnotherCustomer: Int

    /// One sentence saying what was done, for notices and reports.
    public var description: String {
        if grouped {
            var text = "\(rows) rows are line items of \(orders) orders (order_id repeats): amounts summed per order, dated by its first line"
            if linesWithAnotherCustomer > 0 {
                text += "; \(linesWithAnotherCustomer) lines name another customer than their order's first line (the first line's customer kept)"
            }
            return text
        }
        return hasOrderID ? "each of the \(rows) rows is an order (order_id does not repeat)"
                          : "each of the \(rows) rows is an order (no order_id column)"
    }
}

extension OrderLog {
    /// The log with rows grouped into orders by `orderCodes` (one code per row, −1 for no id):
    /// each order's amount is the sum of its lines in file order, its customer, date and group
    /// values are those of its first line. Orders keep the order of their first lines.
    ///
    /// - Parameter orderCodes: One order code per row (dense non-negative codes such as a category
    ///   column's; −1 = none).
    /// - Returns: The order-level log and what was done (`grouped` false and the log unchanged when
    ///   no code repeats).
    /// - Throws: `OrderLogError.nonFiniteAmount` (with the order's first row) when an order's lines
    ///   sum beyond the range of Double.
    /// - Complexity: O(n + largest code).
    public func groupingLineItems(orderCodes: [Int32]) throws -> (log: OrderLog, lines: OrderLines) {
        precondition(orderCodes.count == count, "one order code per row")
        var lines = OrderLines(rows: count, orders: count, hasOrderID: true, grouped: false, linesWithAnotherCustomer: 0)
        // Codes are a reader's dictionary codes (dense): a flat slot table, −1 = not seen yet.
        let maxCode = Int(orderCodes.max() ?? -1)
        var slotOf = [Int](repeating: -1, count: maxCode + 1)
        var repeated = false
        for code in orderCodes where code >= 0 {
            if slotOf[Int(code)] >= 0 { repeated = true; break }
            slotOf[Int(code)] = 0
        }
        guard repeated else { return (self, lines) }
        for i in slotOf.indices { slotOf[i] = -1 }
        var firstRow: [Int] = []
        var sums: [Double] = []
        firstRow.reserveCapacity(count)
        sums.reserveCapacity(count)
        for row in 0..<count {
            let code = Int(orderCodes[row])
            if code >= 0, slotOf[code] >= 0 {
                let slot = slotOf[code]
                sums[slot] += amounts[row]
                if customerCodes[row] != customerCodes[firstRow[slot]] { lines.linesWithAnotherCustomer += 1 }
                continue
            }
            if code >= 0 { slotOf[code] = firstRow.count }
            firstRow.append(row)
            sums.append(amounts[row])
        }
        lines.grouped = true
        lines.orders = firstRow.count
        for (slot, sum) in sums.enumerated() where !sum.isFinite {
            throw OrderLogError.nonFiniteAmount(row: firstRow[slot], value: sum)
        }
        let grouped = groups.map { g in Group(name: g.name, levels: g.levels, codes: firstRow.map { g.codes[$0] }) }
        let log = try OrderLog(customerIDs: customerIDs, customerCodes: firstRow.map { customerCodes[$0] },
                               days: firstRow.map { days[$0] }, amounts: sums, groups: grouped)
        return (log, lines)
    }
}
