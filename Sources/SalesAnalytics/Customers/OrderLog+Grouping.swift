extension OrderLog {
    /// The last order date, or nil when there are no rows.
    /// - Complexity: O(n).
    public var lastDay: Int32? { days.max() }

    /// The first order date, or nil when there are no rows.
    /// - Complexity: O(n).
    public var firstDay: Int32? { days.min() }

    /// Row indices grouped by customer and sorted by date, then amount, within a customer (the
    /// order pandas' `sort_values([customer, date, amount])` gives, so sums agree to the last bit):
    /// `rows[offsets[c] ..< offsets[c + 1]]` are customer c's rows.
    /// - Complexity: O(n + k log k) with k the largest customer's row count.
    func rowsByCustomer() -> (offsets: [Int], rows: [Int]) {
        let k = customerIDs.count
        var offsets = [Int](repeating: 0, count: k + 1)
        for c in customerCodes { offsets[Int(c) + 1] += 1 }
        for c in 0..<k { offsets[c + 1] += offsets[c] }
        var next = offsets
        var rows = [Int](repeating: 0, count: customerCodes.count)
        for i in 0..<customerCodes.count {
            let c = Int(customerCodes[i])
            rows[next[c]] = i
            next[c] += 1
        }
        days.withUnsafeBufferPointer { d in
            amounts.withUnsafeBufferPointer { a in
                for c in 0..<k where offsets[c + 1] - offsets[c] > 1 {
                    rows[offsets[c]..<offsets[c + 1]].sort { (d[$0], a[$0], $0) < (d[$1], a[$1], $1) }
                }
            }
        }
        return (offsets, rows)
    }
}
