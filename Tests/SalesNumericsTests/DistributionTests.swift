import Testing
@testable import SalesNumerics

/// Compares the distributions with mpmath (50 digits) over the grid in
/// `Fixtures/special_functions.json`, checks identities (cdf + survival = 1,
/// quantile(cdf(x)) = x) and that invalid parameters throw.
@Suite struct DistributionTests {
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

    /// Checks cdf, survival (relative, tails to 1e-300) and logPDF (relative to max(1, |log f|)).
    private func checkForward(
        _ name: String, _ points: [SpecialFunctionFixtures.Point], tolerance: Double,
        make: (SpecialFunctionFixtures.Point) throws -> any ContinuousDistribution
    ) throws {
        var cdf = ErrorMeter("\(name).cdf (relative)")
        var survival = ErrorMeter("\(name).survival (relative)")
        var logPDF = ErrorMeter("\(name).logPDF (relative to max(1, |value|))")
        for point in points {
            let distribution = try make(point)
            let x = try #require(number(point.x))
            let context = "\(distribution) at x = \(x)"
            if let expected = number(point.cdf) { cdf.relative(distribution.cdf(x), expected, context) }
            if let expected = number(point.survival) { survival.relative(distribution.survival(x), expected, context) }
            if let expected = number(point.logPDF) {
                let scale = Swift.max(1, Swift.abs(expected))
                logPDF.absolute(distribution.logPDF(x) / scale, expected / scale, context)
            }
        }
        check(cdf, below: tolerance)
        check(survival, below: tolerance)
        check(logPDF, below: tolerance)
    }

    private func checkQuantiles(
        _ name: String, _ points: [SpecialFunctionFixtures.Point], tolerance: Double,
        make: (SpecialFunctionFixtures.Point) throws -> any ContinuousDistribution
    ) throws {
        var quantile = ErrorMeter("\(name).quantile (relative)")
        var inverseSurvival = ErrorMeter("\(name).inverseSurvival (relative)")
        for point in points {
            let distribution = try make(point)
            let p = try #require(number(point.p)), expected = try #require(number(point.value))
            quantile.relative(distribution.quantile(p), expected, "\(distribution) at p = \(p)")
            // 1 − p is exact for p ≥ ½, so the upper quantile of q = 1 − p has the same reference.
            if p >= 0.5 {
                inverseSurvival.relative(distribution.inverseSurvival(1 - p), expected, "\(distribution) at q = \(1 - p)")
            }
        }
        check(quantile, below: tolerance)
        check(inverseSurvival, below: tolerance)
    }

    // Φ from glibc erfc plus a first-order correction of the rounded argument z/√2.
    @Test func normalMatchesMpmath() throws {
        try checkForward("Normal", fixtures.normal, tolerance: 1e-14) { _ in Normal.standard }
        // AS241 is a minimax rational approximation with 1e-16 relative error.
        try checkQuantiles("Normal", fixtures.normalQuantile, tolerance: 1e-15) { _ in Normal.standard }
    }

    @Test func studentTMatchesMpmath() throws {
        let make: (SpecialFunctionFixtures.Point) throws -> any ContinuousDistribution = { point in
            try StudentT(degreesOfFreedom: try #require(number(point.df)))
        }
        let isHuge: (SpecialFunctionFixtures.Point) -> Bool = { (number($0.df) ?? 0) > 1000 }
        try checkForward("StudentT ν ≤ 1000", fixtures.studentT.filter { !isHuge($0) }, tolerance: 1e-13, make: make)
        try checkQuantiles("StudentT ν ≤ 1000", fixtures.studentTQuantile.filter { !isHuge($0) }, tolerance: 1e-13, make: make)
        // ν = 1e6: the incomplete beta runs with a = 5e5 and x within 1e-5 of 1; the continued
        // fraction loses about log10(a) digits there (measured 2.3e-11).
        try checkForward("StudentT ν = 1e6", fixtures.studentT.filter(isHuge), tolerance: 5e-11, make: make)
        try checkQuantiles("StudentT ν = 1e6", fixtures.studentTQuantile.filter(isHuge), tolerance: 5e-11, make: make)
    }

    @Test func chiSquaredMatchesMpmath() throws {
        // Survival down to 1e-255 at x = 1400: the exponent ~700 carries one ulp (1e-13).
        try checkForward("ChiSquared", fixtures.chiSquared, tolerance: 3e-13) { point in
            try ChiSquared(degreesOfFreedom: try #require(number(point.df)))
        }
        try checkQuantiles("ChiSquared", fixtures.chiSquaredQuantile, tolerance: 1e-13) { point in
            try ChiSquared(degreesOfFreedom: try #require(number(point.df)))
        }
    }

    @Test func fisherFMatchesMpmath() throws {
        let make: (SpecialFunctionFixtures.Point) throws -> any ContinuousDistribution = { point in
            try FisherF(numeratorDegreesOfFreedom: try #require(number(point.d1)),
                        denominatorDegreesOfFreedom: try #require(number(point.d2)))
        }
        try checkForward("FisherF", fixtures.fisherF, tolerance: 1e-13, make: make)
        try checkQuantiles("FisherF", fixtures.fisherFQuantile, tolerance: 1e-13, make: make)
    }

    // cdf + survival = 1 and quantile(cdf(x)) = x for every distribution, including Gamma and Beta
    // (which have no fixture of their own: they are thin wrappers of the tested special functions).
    @Test func identities() throws {
        let distributions: [any ContinuousDistribution] = [
            Normal.standard, try Normal(mean: 3, standardDeviation: 0.5),
            try StudentT(degreesOfFreedom: 4.5), try ChiSquared(degreesOfFreedom: 7),
            try FisherF(numeratorDegreesOfFreedom: 4, denominatorDegreesOfFreedom: 12),
            try Gamma(shape: 2.5, rate: 0.7), try Beta(alpha: 2, beta: 5),
        ]
        for distribution in distributions {
            for p in [1e-9, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-9] {
                let x = distribution.quantile(p)
                // cdf and survival are each accurate to ~1e-14; their sum to a few ulps of 1.
                #expect(Swift.abs(distribution.cdf(x) + distribution.survival(x) - 1) <= 1e-14, "\(distribution) at x = \(x)")
                // Round trip: the quantile's relative error (1e-13) times the cdf's local slope.
                let back = p <= 0.5 ? distribution.cdf(x) : 1 - distribution.survival(x)
                #expect(Swift.abs(back - p) <= 1e-12 * Swift.min(p, 1 - p) + 1e-15, "\(distribution) at p = \(p)")
            }
            // The density integrates the cdf: (F(x + h) − F(x − h)) / 2h ≈ f(x), h = 1e-5 (O(h²) error).
            let x = distribution.quantile(0.3)
            let h = 1e-5
            let slope = (distribution.cdf(x + h) - distribution.cdf(x - h)) / (2 * h)
            #expect(Swift.abs(slope / distribution.pdf(x) - 1) <= 1e-6, "\(distribution) density at \(x)")
            #expect(distribution.quantile(-0.1).isNaN)
            #expect(distribution.quantile(1.5).isNaN)
            #expect(distribution.quantile(.nan).isNaN)
        }
        // Moments (closed forms).
        #expect(try Gamma(shape: 3, rate: 2).mean == 1.5)
        #expect(try Beta(alpha: 2, beta: 6).variance == 2.0 * 6 / (64 * 9))
        #expect(try StudentT(degreesOfFreedom: 1).mean.isNaN)
        #expect(try StudentT(degreesOfFreedom: 2).variance == .infinity)
        #expect(try FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 10).mean == 10.0 / 8)
    }

    // Reference: mpmath (30 digits) betainc(5, 1/2, 0, 10/16.25, regularized) = 0.0314468442366088042 for t = 2.5,
    // ν = 10, and erfc(1.96/√2) = 0.0499957902964408724.
    @Test func twoSidedPValues() throws {
        let t = try StudentT(degreesOfFreedom: 10)
        #expect(Swift.abs(t.twoSidedPValue(t: -2.5) / 0.0314468442366088042 - 1) <= 1e-13)
        #expect(t.twoSidedPValue(t: 2.5) == t.twoSidedPValue(t: -2.5))
        #expect(t.twoSidedPValue(t: 0) == 1)
        #expect(try StudentT.twoSidedPValue(t: 2.5, degreesOfFreedom: 10) == t.twoSidedPValue(t: 2.5))
        #expect(Swift.abs(Normal.twoSidedPValue(z: 1.96) / 0.0499957902964408724 - 1) <= 1e-14)
    }

    @Test func invalidParametersThrow() {
        #expect(throws: DistributionError.invalidParameter(distribution: "StudentT", parameter: "degreesOfFreedom", value: 0, requirement: "> 0 and finite")) {
            try StudentT(degreesOfFreedom: 0)
        }
        #expect(throws: DistributionError.invalidParameter(distribution: "Normal", parameter: "standardDeviation", value: -1, requirement: "> 0 and finite")) {
            try Normal(mean: 0, standardDeviation: -1)
        }
        #expect(throws: DistributionError.self) { try Normal(mean: .infinity, standardDeviation: 1) }
        #expect(throws: DistributionError.self) { try ChiSquared(degreesOfFreedom: -3) }
        #expect(throws: DistributionError.self) { try ChiSquared(degreesOfFreedom: .nan) }
        #expect(throws: DistributionError.invalidParameter(distribution: "FisherF", parameter: "denominatorDegreesOfFreedom", value: .infinity, requirement: "> 0 and finite")) {
            try FisherF(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: .infinity)
        }
        #expect(throws: DistributionError.self) { try Gamma(shape: 1, rate: 0) }
        #expect(throws: DistributionError.self) { try Beta(alpha: 0, beta: 1) }
        let error = DistributionError.invalidParameter(distribution: "StudentT", parameter: "degreesOfFreedom", value: -2, requirement: "> 0 and finite")
        #expect(error.description == "StudentT: parameter degreesOfFreedom = -2.0 is invalid (must be > 0 and finite)")
    }
}
