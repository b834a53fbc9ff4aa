/// The special functions the customer-lifetime models use, named as in the papers' formulas;
/// all come from SalesNumerics' `SpecialFunctions` (accuracy stated there).
enum CustomerModelMath {
    /// log Γ(x).
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { SpecialFunctions.logGamma(x) }

    /// ψ(x) = d/dx log Γ(x).
    @inline(__always)
    static func digamma(_ x: Double) -> Double { SpecialFunctions.digamma(x) }

    /// ₂F₁(a, b; c; z) for z < 1 (NaN where `SpecialFunctions.hypergeometric2F1` is undefined).
    @inline(__always)
    static func hypergeometric2F1(a: Double, b: Double, c: Double, z: Double) -> Double {
        SpecialFunctions.hypergeometric2F1(a: a, b: b, c: c, z: z)
    }
}
