/// A Kahan-compensated running sum: the error of n additions stays O(ε) instead of O(nε). It is
/// the summation pandas' grouped `sum` and `mean` use, so money totals agree with pandas to the
/// last bit when the rows are added in the same order.
struct CompensatedSum: Sendable, Equatable {
    /// The running sum.
    private(set) var value: Double = 0
    private var compensation: Double = 0

    init() {}

    init(_ first: Double) { add(first) }

    /// Adds `x` (the Kahan step: y = x − c; t = s + y; c = (t − s) − y; s = t).
    @inline(__always)
    mutating func add(_ x: Double) {
        let y = x - compensation
        let t = value + y
        compensation = (t - value) - y
        value = t
    }
}
