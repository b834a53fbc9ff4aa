/// A linear map from a data interval onto a pixel interval, with "nice" tick values
/// (1, 2 or 5 × 10ⁿ steps), as chart axes need.
public struct AxisScale: Sendable, Equatable {
    /// Data-space lower and upper bounds after rounding outward to whole ticks.
    public let lower: Double, upper: Double
    /// Pixel positions of `lower` and `upper` (for a y axis `pixelStart` is the bottom).
    public let pixelStart: Double, pixelEnd: Double
    /// The tick values, from `lower` to `upper`.
    public let ticks: [Double]

    /// Creates a scale covering `minimum...maximum` with about `tickCount` ticks.
    /// Non-finite data bounds are ignored; an empty or degenerate range becomes `[0, 1]` or `[v-1, v+1]`.
    public init(minimum: Double, maximum: Double, pixelStart: Double, pixelEnd: Double, tickCount: Int = 5,
                includeZero: Bool = false) {
        var lo = minimum.isFinite ? minimum : 0
        var hi = maximum.isFinite ? maximum : 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < 1e-12 * max(1, abs(hi)) { lo -= max(1, abs(lo) * 0.1); hi += max(1, abs(hi) * 0.1) }
        let rawStep = (hi - lo) / Double(max(1, tickCount))
        var magnitude = 1.0
        while magnitude * 10 <= rawStep { magnitude *= 10 }
        while magnitude > rawStep { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rawStep } ?? 10 * magnitude
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var k = 0
        while ticks.count < 50 {
            let value = first + Double(k) * step
            if value > last + step * 1e-9 { break }
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        self.lower = first
        self.upper = last
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
        self.ticks = ticks
    }

    /// The pixel position of a data value (values outside the range extrapolate linearly).
    public func position(_ value: Double) -> Double {
        guard upper > lower else { return pixelStart }
        return pixelStart + (value - lower) / (upper - lower) * (pixelEnd - pixelStart)
    }

    /// A short tick label: thousands as `k`, millions as `M`, small numbers with up to two decimals.
    public static func label(_ value: Double) -> String {
        let a = abs(value)
        if a >= 1e9 { return Formatting.fixed(value / 1e9, decimals: a >= 1e10 ? 0 : 1) + "B" }
        if a >= 1e6 { return Formatting.fixed(value / 1e6, decimals: a >= 1e7 ? 0 : 1) + "M" }
        if a >= 1e4 { return Formatting.fixed(value / 1e3, decimals: 0) + "k" }
        if a == a.rounded() { return Formatting.fixed(value, decimals: 0) }
        return Formatting.fixed(value, decimals: a < 1 ? 2 : 1)
    }
}
