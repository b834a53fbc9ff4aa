/// Validated, merged and time-scaled customer summaries (x, tₓ, T, weight) for the BG/NBD and
/// Pareto/NBD likelihoods.
struct CustomerSummaryRows: Sendable {
    /// Per distinct row: index into `distinctX`, recency and age (scaled), total weight.
    let group: [Int32]
    let recency: [Double]
    let age: [Double]
    let weight: [Double]
    /// Distinct frequencies and the total weight of the rows holding each.
    let distinctX: [Double]
    let groupWeight: [Double]
    /// Σ w, Σ w·x, Σ w·T (scaled).
    let totalWeight: Double
    let weightedFrequency: Double
    let weightedAge: Double
    /// Times were divided by this before fitting (α_natural = α_scaled × timeScale for both models).
    let timeScale: Double

    /// Validates the arrays and builds the scaled summary. Identical (x, tₓ, T) rows are merged
    /// into one row carrying their total weight, and zero-weight rows are dropped: summaries in
    /// whole days or weeks repeat a lot, and each merged row saves its logarithms at every
    /// evaluation.
    /// - Throws: `CustomerModelError` naming the first bad row.
    init(frequency: [Int], recency: [Double], age: [Double], weights: [Double]?, model: String) throws {
        let n = frequency.count
        try CustomerSummaryInput.checkLength("recency", recency.count, expected: n)
        try CustomerSummaryInput.checkLength("age", age.count, expected: n)
        if let weights { try CustomerSummaryInput.checkLength("weights", weights.count, expected: n) }
        guard n <= Int(Int32.max) else {
            throw CustomerModelError.invalidParameter(
                name: "rows", value: Double(n), reason: "at most \(Int32.max) customers (Int32 row indices)")
        }
        var maxAge = 0.0
        var total = 0.0
        var weightedX = 0.0
        var weightedT = 0.0
        var groupOf: [Int: Int32] = [:]
        var smallGroup = [Int32](repeating: -1, count: 1024)  // x < 1024 without hashing
        var distinct: [Double] = []
        var groupW: [Double] = []
        // Open-addressing table of distinct rows (linear probing, ≤ 50 % full).
        var capacity = 16
        while capacity < 2 * n { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var rowX: [Int] = []
        var group: [Int32] = [], tx: [Double] = [], ages: [Double] = [], w: [Double] = []
        for i in 0..<n {
            let x = frequency[i], txi = recency[i], ti = age[i]
            try CustomerSummaryInput.checkRow(i, frequency: x, recency: txi, age: ti)
            let wi = weights?[i] ?? 1
            try CustomerSummaryInput.checkWeight(i, wi)
            guard wi > 0 else { continue }
            maxAge = max(maxAge, ti)
            total += wi
            weightedX += wi * Double(x)
            weightedT += wi * ti
            var slot = Self.hash(x, txi.bitPattern, ti.bitPattern) & mask
            while true {
                let row = Int(slots[slot])
                if row < 0 {
                    slots[slot] = Int32(truncatingIfNeeded: w.count)  // w.count < n ≤ Int32.max
                    let g: Int32
                    if x < smallGroup.count, smallGroup[x] >= 0 {
                        g = smallGroup[x]
                    } else if x >= smallGroup.count, let known = groupOf[x] {
                        g = known
                    } else {
                        g = Int32(truncatingIfNeeded: distinct.count)  // ≤ n ≤ Int32.max
                        if x < smallGroup.count { smallGroup[x] = g } else { groupOf[x] = g }
                        distinct.append(Double(x))
                        groupW.append(0)
                    }
                    group.append(g); rowX.append(x); tx.append(txi); ages.append(ti); w.append(wi)
                    break
                }
                if rowX[row] == x, tx[row].bitPattern == txi.bitPattern, ages[row].bitPattern == ti.bitPattern {
                    w[row] += wi
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        guard total > 0 else { throw CustomerModelError.empty(model: model) }
        guard weightedX > 0 else {
            throw CustomerModelError.unidentifiable(
                model: model, detail: "no customer made a repeat purchase (all frequencies are 0)")
        }
        for (g, wi) in zip(group, w) { groupW[Int(g)] += wi }
        let scale = maxAge / 10  // > 0: some row has x > 0, hence tₓ > 0 and T > 0
        self.timeScale = scale
        self.recency = tx.map { $0 / scale }
        self.age = ages.map { $0 / scale }
        self.weight = w
        self.group = group
        self.distinctX = distinct
        self.groupWeight = groupW
        self.totalWeight = total
        self.weightedFrequency = weightedX
        self.weightedAge = weightedT / scale
    }

    /// A 64-bit mix of a row's bits (multiply–xorshift rounds; rows are compared bit for bit
    /// after a hash match, so collisions only cost probes).
    @inline(__always)
    private static func hash(_ x: Int, _ recency: UInt64, _ age: UInt64) -> Int {
        var h = UInt64(bitPattern: Int64(x)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ recency) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 29) ^ age) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

}
