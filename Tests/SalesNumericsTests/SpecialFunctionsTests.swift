import Testing
@testable import SalesNumerics

/// Compares SpecialFunctions with mpmath (50 digits) over the grid in
/// `Fixtures/special_functions.json`. Tolerances are the documented accuracy contract; each
/// states why it is what it is. The measured maxima are printed (`swift test --filter
/// SpecialFunctionsTests`) and quoted in the functions' docs.
@Suite struct SpecialFunctionsTests {
    let fixtures: SpecialFunctionFixtures

    init() throws {
        fixtures = try #require(SpecialFunctionFixtures.shared, "special_functions.json missing or malformed")
    }

    private func check(_ meter: ErrorMeter, below tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        print(meter.summary)
        #expect(meter.count > 0, "no cases for \(meter.name)", sourceLocation: sourceLocation)
        #expect(meter.mismatches.isEmpty, "\(meter.mismatches)", sourceLocation: sourceLocation)
        #expect(meter.maximum <= tolerance, "\(meter.summary)", sourceLocation: sourceLocation)
    }

    // Reference: mpmath log|Γ|. glibc lgamma is accurate to a few ulps; near its zeros x = 1, 2
    // the value itself is tiny, so there only the absolute error is meaningful.
    @Test func logGammaMatchesMpmath() throws {
        var relative = ErrorMeter("logGamma (relative)")
        var nearZeros = ErrorMeter("logGamma near x = 1, 2 (absolute)")
        for point in fixtures.logGamma {
            let x = try #require(number(point.x)), expected = try #require(number(point.value))
            let actual = SpecialFunctions.logGamma(x)
            if point.nearZero == true {
                nearZeros.absolute(actual, expected, "x = \(x)")
            } else {
                relative.relative(actual, expected, "x = \(x)")
            }
        }
        check(relative, below: 4e-15)
        check(nearZeros, below: 1e-16)
    }

    // Reference: mpmath digamma. Near the positive root x₀ and for negative x (reflection) the
    // recurrence sums cancel, so the contract there is absolute.
    @Test func digammaMatchesMpmath() throws {
        var relative = ErrorMeter("digamma (relative)")
        var nearRoot = ErrorMeter("digamma near root / negative (absolute)")
        for point in fixtures.digamma {
            let x = try #require(number(point.x)), expected = try #require(number(point.value))
            let actual = SpecialFunctions.digamma(x)
            if point.nearRoot == true {
                nearRoot.absolute(actual, expected, "x = \(x)")
            } else {
                relative.relative(actual, expected, "x = \(x)")
            }
        }
        check(relative, below: 2e-15)
        check(nearRoot, below: 2e-15)
    }

    // Reference: mpmath psi(1, x). All recurrence terms are positive (no cancellation) for x > 0.
    @Test func trigammaMatchesMpmath() throws {
        var meter = ErrorMeter("trigamma (relative)")
        for point in fixtures.trigamma {
            let x = try #require(number(point.x)), expected = try #require(number(point.value))
            meter.relative(SpecialFunctions.trigamma(x), expected, "x = \(x)")
        }
        check(meter, below: 2e-15)
    }

    // Reference: mpmath log(beta(a, b)). Error relative to max(1, |log B|): log B crosses 0 (a = b = 1).
    @Test func logBetaMatchesMpmath() throws {
        var meter = ErrorMeter("logBeta (relative to max(1, |value|))")
        for point in fixtures.logBeta {
            let a = try #require(number(point.a)), b = try #require(number(point.b))
            let expected = try #require(number(point.value))
            let actual = SpecialFunctions.logBeta(a, b)
            meter.absolute(actual / Swift.max(1, Swift.abs(expected)), expected / Swift.max(1, Swift.abs(expected)), "a = \(a), b = \(b)")
        }
        check(meter, below: 4e-15)
    }

    // Reference: mpmath gammainc(regularized=True). 1e-13 relative: the prefactor's exponent is
    // as large as x (≤ 2e6 here) and e⁻ˣ has condition number x, so the bound grows with the tail.
    @Test func incompleteGammaMatchesMpmath() throws {
        var lower = ErrorMeter("regularizedGammaP (relative)")
        var upper = ErrorMeter("regularizedGammaQ (relative)")
        for point in fixtures.incompleteGamma {
            let a = try #require(number(point.a)), x = try #require(number(point.x))
            if let p = number(point.p) { lower.relative(SpecialFunctions.regularizedGammaP(a: a, x: x), p, "a = \(a), x = \(x)") }
            if let q = number(point.q) { upper.relative(SpecialFunctions.regularizedGammaQ(a: a, x: x), q, "a = \(a), x = \(x)") }
        }
        // P: the Stirling-form exponent reaches ~600 for tails near 1e-260, one ulp of which is 1e-13.
        check(lower, below: 2e-13)
        // Q for a < 1, x ≤ 1.5 depends on lgamma(1 + a) near its zero (glibc: ~1e-19 absolute).
        check(upper, below: 5e-13)
    }

    // Reference: Newton at 50 digits on mpmath gammainc. The quantile's condition number is
    // |P/(x P′)|, large only in the extreme lower tail of small shapes.
    @Test func inverseIncompleteGammaMatchesMpmath() throws {
        var meter = ErrorMeter("inverseRegularizedGammaP (relative)")
        for point in fixtures.inverseGamma {
            let a = try #require(number(point.a)), p = try #require(number(point.p))
            let expected = try #require(number(point.value))
            meter.relative(SpecialFunctions.inverseRegularizedGammaP(a: a, p: p), expected, "a = \(a), p = \(p)")
        }
        // Condition number of x ↦ P⁻¹ is about 1/a in the lower tail (a = 0.01 here).
        check(meter, below: 3e-13)
    }

    // Reference: mpmath betainc(regularized=True); value and complement each relative.
    @Test func incompleteBetaMatchesMpmath() throws {
        var value = ErrorMeter("regularizedIncompleteBeta (relative)")
        var complement = ErrorMeter("regularizedIncompleteBetaComplement (relative)")
        for point in fixtures.incompleteBeta {
            let a = try #require(number(point.a)), b = try #require(number(point.b)), x = try #require(number(point.x))
            if let expected = number(point.value) {
                value.relative(SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x), expected, "a = \(a), b = \(b), x = \(x)")
            }
            if let expected = number(point.complement) {
                complement.relative(SpecialFunctions.regularizedIncompleteBetaComplement(a: a, b: b, x: x), expected, "a = \(a), b = \(b), x = \(x)")
            }
        }
        // The prefactor's exponent a·log x + b·log y reaches hundreds; its rounding bounds the error.
        check(value, below: 5e-13)
        check(complement, below: 5e-13)
    }

    // Reference: Newton at 50 digits on mpmath betainc.
    @Test func inverseIncompleteBetaMatchesMpmath() throws {
        var meter = ErrorMeter("inverseRegularizedIncompleteBeta (relative)")
        for point in fixtures.inverseBeta {
            let a = try #require(number(point.a)), b = try #require(number(point.b)), p = try #require(number(point.p))
            let expected = try #require(number(point.value))
            meter.relative(SpecialFunctions.inverseRegularizedIncompleteBeta(a: a, b: b, p: p), expected, "a = \(a), b = \(b), p = \(p)")
        }
        check(meter, below: 1e-13)
    }

    // Reference: mpmath hyp2f1. BG/NBD cases need the Euler transformation; the log form covers
    // values that overflow a Double.
    @Test func hypergeometric2F1MatchesMpmath() throws {
        var bgnbd = ErrorMeter("hypergeometric2F1, BG/NBD parameters (relative)")
        var general = ErrorMeter("hypergeometric2F1, general grid (relative)")
        var logarithm = ErrorMeter("logHypergeometric2F1 (relative to max(1, |log|))")
        for point in fixtures.hypergeometric2F1 {
            let a = try #require(number(point.a)), b = try #require(number(point.b))
            let c = try #require(number(point.c)), z = try #require(number(point.z))
            let expected = try #require(number(point.value))
            let context = "a = \(a), b = \(b), c = \(c), z = \(z)"
            if expected.isFinite {
                let actual = SpecialFunctions.hypergeometric2F1(a: a, b: b, c: c, z: z)
                if point.kind == "bgnbd" { bgnbd.relative(actual, expected, context) } else { general.relative(actual, expected, context) }
            }
            if let log = number(point.log) {
                let scale = Swift.max(1, Swift.abs(log))
                logarithm.absolute(SpecialFunctions.logHypergeometric2F1(a: a, b: b, c: c, z: z) / scale, log / scale, context)
            }
        }
        // BG/NBD at z ≈ 0.998 with values ~1e272: exponent (c − a − b)·log(1 − z) ≈ 626 plus
        // thousands of series terms with ratio → z; measured 2.2e-12.
        check(bgnbd, below: 5e-12)
        // z = 0.99: ~3000 positive terms, each rounding once.
        check(general, below: 3e-13)
        check(logarithm, below: 3e-13)
    }

    // Identities that hold exactly in real arithmetic; tolerances are a few ulps of the terms.
    @Test func identities() {
        for x in [0.3, 1.7, 12.5, 250.0] {
            #expect(Swift.abs(SpecialFunctions.digamma(x + 1) - SpecialFunctions.digamma(x) - 1 / x) <= 1e-14 * Swift.max(1, 1 / x))
            #expect(Swift.abs(SpecialFunctions.trigamma(x) - SpecialFunctions.trigamma(x + 1) - 1 / (x * x)) <= 1e-14 * Swift.max(1, 1 / (x * x)))
        }
        for (a, x) in [(0.5, 0.2), (3.0, 2.9), (3.0, 4.5), (200.0, 210.0)] {
            let p = SpecialFunctions.regularizedGammaP(a: a, x: x), q = SpecialFunctions.regularizedGammaQ(a: a, x: x)
            #expect(Swift.abs(p + q - 1) <= 4e-16)
        }
        for (a, b, x) in [(0.5, 0.5, 0.3), (2.0, 7.0, 0.5), (30.0, 40.0, 0.42)] {
            let i = SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x)
            let j = SpecialFunctions.regularizedIncompleteBetaComplement(a: a, b: b, x: x)
            #expect(Swift.abs(i + j - 1) <= 4e-16)
            // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
            #expect(Swift.abs(SpecialFunctions.regularizedIncompleteBeta(a: b, b: a, x: 1 - x) - j) <= 1e-15)
        }
        // ₂F₁(1, 1; 2; z) = −log(1 − z)/z (Abramowitz & Stegun 15.1.3).
        for z in [-3.0, -0.5, 0.25, 0.9] {
            let expected = -Double.log(onePlus: -z) / z
            #expect(Swift.abs(SpecialFunctions.hypergeometric2F1(a: 1, b: 1, c: 2, z: z) / expected - 1) <= 1e-14)
        }
    }

    // Outside the domain every function returns NaN (documented), never traps.
    @Test func outsideTheDomainIsNaN() {
        #expect(SpecialFunctions.logGamma(-2) == .infinity)
        #expect(SpecialFunctions.digamma(0).isNaN)
        #expect(SpecialFunctions.digamma(-3).isNaN)
        #expect(SpecialFunctions.trigamma(-1).isNaN)
        #expect(SpecialFunctions.logBeta(-1, 2).isNaN)
        #expect(SpecialFunctions.logBeta(1, 0).isNaN)
        #expect(SpecialFunctions.regularizedGammaP(a: 0, x: 1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(a: 1, x: -1).isNaN)
        #expect(SpecialFunctions.inverseRegularizedGammaP(a: 1, p: 1.5).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 1, b: 1, x: 1.1).isNaN)
        #expect(SpecialFunctions.inverseRegularizedIncompleteBeta(a: 1, b: -1, p: 0.5).isNaN)
        #expect(SpecialFunctions.hypergeometric2F1(a: 1, b: 1, c: 2, z: 1).isNaN)
        #expect(SpecialFunctions.hypergeometric2F1(a: 1, b: 1, c: -2, z: 0.5).isNaN)
        #expect(SpecialFunctions.hypergeometric2F1(a: .nan, b: 1, c: 2, z: 0.5).isNaN)
        // ₂F₁(−1, 2; 1; z) = 1 − 2z is negative at z = 0.9: no real logarithm.
        #expect(SpecialFunctions.logHypergeometric2F1(a: -1, b: 2, c: 1, z: 0.9).isNaN)
    }
}
