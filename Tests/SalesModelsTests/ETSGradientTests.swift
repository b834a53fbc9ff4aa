import Foundation
import Testing
@testable import SalesModels

/// The exact −log L gradient the ETS fit uses (reverse-mode through the recursion,
/// `ETSFilter+Gradient.swift`) against central finite differences of the same function, for every
/// model of the statsforecast search fixture, at both optimizer starts and in both parameter regions.
@Suite struct ETSGradientTests {
    static func objective(_ layout: ETSParameterLayout, _ spec: ETSSpecification, _ values: [Double], _ x: [Double],
                          gradient gx: inout [Double]) -> Double {
        let m = layout.m
        var season = [Double](repeating: 0, count: spec.hasSeason ? m : 0)
        var workspace = ETSGradientWorkspace(count: values.count, seasonalPeriod: season.count)
        var g = ETSGradient()
        var sg = [Double](repeating: 0, count: season.count)
        let p = layout.unpack(x, into: &season)
        let f = values.withUnsafeBufferPointer { y in
            ETSFilter.negativeLogLikelihood(spec, alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi,
                                            level: p.level, trend: p.trend, initialSeason: season, y: y,
                                            workspace: &workspace, gradient: &g, seasonGradient: &sg)
        }
        if f.isFinite { layout.chain(x, g, seasonGradient: sg, into: &gx) }
        return f
    }

    /// Central differences with h = 1e-5·max(1, |x|) have truncation error O(h²·f''') and rounding
    /// O(1e-16·f/h) ≈ 1e-8 relative to f ≈ 300: 1e-4 relative to the gradient's norm covers both.
    @Test(arguments: [ETSParameterRegion.usual, .box(betaUpper: 0.2, gammaUpper: 0.98)])
    func analyticGradientMatchesFiniteDifferences(region: ETSParameterRegion) throws {
        let file = try #require(ETSStatsforecastSearchTests.file)
        var checked = 0
        for s in file.series {
            for c in s.candidates {
                let spec = try #require(c.specification)
                let m = spec.hasSeason ? file.seasonalPeriod : 1
                let layout = ETSParameterLayout(spec: spec, m: m, values: s.values, region: region)
                for start in layout.startVectors(s.values) {
                    // Move inside the box so that central differences stay feasible.
                    var x = zip(start, zip(layout.lower, layout.upper)).map { v, b in min(max(v, b.0 + 0.02), b.1 - 0.02) }
                    if spec.hasTrend { x[1] = 0.3 }
                    var g = [Double](repeating: 0, count: x.count), scratch = g
                    let f = Self.objective(layout, spec, s.values, x, gradient: &g)
                    guard f.isFinite else { continue }
                    let norm = g.reduce(0) { max($0, abs($1)) }
                    for i in x.indices {
                        let h = 1e-5 * max(1, abs(x[i]))
                        var xp = x, xm = x
                        xp[i] += h; xm[i] -= h
                        let fd = (Self.objective(layout, spec, s.values, xp, gradient: &scratch)
                                  - Self.objective(layout, spec, s.values, xm, gradient: &scratch)) / (2 * h)
                        #expect(abs(fd - g[i]) <= 1e-4 * max(norm, 1), "\(s.name) \(c.model) coordinate \(i): analytic \(g[i]), finite difference \(fd)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked >= 200)
    }
}
