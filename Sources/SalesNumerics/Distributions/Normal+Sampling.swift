import RealModule

extension Normal {
    /// One draw from N(μ, σ²) by Box–Muller, μ + σ·√(−2 ln u₁)·cos(2πu₂).
    ///
    /// Only the cosine variate is used, so every draw consumes exactly two `nextUnitDouble()`
    /// outputs (plus one more per rejected u₁ = 0, probability 2⁻⁵³) and simulated paths are
    /// reproducible from the seed alone.
    /// - Parameter generator: The seeded generator to draw from; advanced by the draw.
    /// - Returns: A normally distributed value.
    /// - Complexity: O(1).
    public func sample(using generator: inout SeededGenerator) -> Double {
        var u1 = generator.nextUnitDouble()
        while u1 <= 0 { u1 = generator.nextUnitDouble() }
        let u2 = generator.nextUnitDouble()
        return mean + standardDeviation * (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }
}
