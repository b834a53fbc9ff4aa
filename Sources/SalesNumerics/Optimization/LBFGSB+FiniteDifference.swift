extension LBFGSB {
    /// Minimizes a function under optional box constraints with a finite-difference gradient.
    ///
    /// Each gradient component uses a central difference with step `h = ε^{1/3} max(1, |xᵢ|)`
    /// (error O(h²) ≈ 1e-10 relative for smooth `f`), shortened to stay inside the box. When
    /// the room to a bound is below `ε^{1/2} max(1, |xᵢ|)` on one side (in particular at a bound),
    /// a one-sided difference with step `ε^{1/2} max(1, |xᵢ|)` (error O(h) ≈ 1e-8 relative) goes
    /// towards the other side; a non-finite central difference also falls back to one side.
    /// Coordinates with `lower == upper` get a zero derivative. Objective calls never leave the box.
    ///
    /// - Parameters:
    ///   - start: The initial point (finite; clipped into the box).
    ///   - lower: Per-coordinate lower bounds (−∞ allowed); nil for none.
    ///   - upper: Per-coordinate upper bounds (+∞ allowed); nil for none.
    ///   - options: Stopping rules; `maxFunctionEvaluations` counts every scalar objective call
    ///     (about `2n + 1` per gradient). Gradient tolerances below ~1e-7 are usually out of reach
    ///     of a difference gradient.
    ///   - objective: Returns `f(x)`; may return NaN or ±∞ where `f` is undefined.
    /// - Returns: As `minimize(start:lower:upper:options:objective:)` with an analytic gradient;
    ///   `gradient` is the difference estimate and `functionEvaluations` counts scalar calls.
    /// - Throws: `OptimizationError` as the analytic-gradient variant.
    /// - Complexity: O(n) objective calls per gradient, plus the L-BFGS work per iteration.
    public static func minimize(
        start: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
        options: OptimizationOptions = .init(),
        objective: (_ x: [Double]) -> Double
    ) throws -> OptimizationResult {
        let box = try BoxConstraints(start: start, lower: lower, upper: upper)
        let callsPerGradient = 2 * start.count + 1
        var inner = options
        inner.maxFunctionEvaluations = Swift.max(1, options.maxFunctionEvaluations / callsPerGradient)
        var calls = 0
        var result = try minimize(start: start, lower: box.lower, upper: box.upper, options: inner) { x, gradient in
            let value = objective(x)
            calls += 1
            FiniteDifferenceGradient.estimate(
                at: x, value: value, box: box, into: &gradient, calls: &calls, objective: objective)
            return value
        }
        result.functionEvaluations = calls
        return result
    }
}

/// Finite-difference gradients that keep every evaluation inside a box (internal support).
enum FiniteDifferenceGradient {
    static let cubeRootEpsilon = 6.055454452393343e-06  // ε^{1/3} for ε = 2^-52
    static let squareRootEpsilon = Double.ulpOfOne.squareRoot()

    static func estimate(
        at x: [Double], value f: Double, box: BoxConstraints, into gradient: inout [Double],
        calls: inout Int, objective: (_ x: [Double]) -> Double
    ) {
        let n = x.count
        if gradient.count != n { gradient = [Double](repeating: 0, count: n) }
        guard f.isFinite else {
            for i in 0..<n { gradient[i] = .nan }
            return
        }
        var probe = x
        for i in 0..<n {
            let xi = x[i]
            let scale = Swift.max(1, abs(xi))
            let roomUp = box.upper[i] - xi
            let roomDown = xi - box.lower[i]
            let oneSided = squareRootEpsilon * scale
            var derivative = Double.nan
            let central = Swift.min(cubeRootEpsilon * scale, roomUp, roomDown)
            if central >= oneSided {
                probe[i] = xi + central
                let up = objective(probe)
                let hUp = probe[i] - xi
                probe[i] = xi - central
                let down = objective(probe)
                let hDown = xi - probe[i]
                calls += 2
                derivative = (up - down) / (hUp + hDown)
            }
            if !derivative.isFinite {
                if roomUp <= 0 && roomDown <= 0 {
                    derivative = 0
                } else if roomUp >= roomDown {
                    probe[i] = xi + Swift.min(oneSided, roomUp)
                    let h = probe[i] - xi
                    derivative = (objective(probe) - f) / h
                    calls += 1
                } else {
                    probe[i] = xi - Swift.min(oneSided, roomDown)
                    let h = xi - probe[i]
                    derivative = (f - objective(probe)) / h
                    calls += 1
                }
            }
            probe[i] = xi
            gradient[i] = derivative
        }
    }
}
