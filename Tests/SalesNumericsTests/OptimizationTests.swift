import Foundation
import Testing
@testable import SalesNumerics

/// Extended Rosenbrock `Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)²`; minimum 0 at all ones.
func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
    var f = 0.0
    for i in g.indices { g[i] = 0 }
    for i in 0..<(x.count - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        f += 100 * a * a + b * b
        g[i] += -400 * x[i] * a - 2 * b
        g[i + 1] += 200 * a
    }
    return f
}

@Suite("Optimization")
struct OptimizationTests {
    @Test func rosenbrock2D() throws {
        let r = try LBFGSB.minimize(start: [-1.2, 1], objective: rosenbrock)
        print(r)
        #expect(r.converged)
        for v in r.x { #expect(abs(v - 1) < 1e-6) }
    }
    @Test func rosenbrock10D() throws {
        let start = (0..<10).map { $0 % 2 == 0 ? -1.2 : 1.0 }
        let r = try LBFGSB.minimize(start: start, objective: rosenbrock)
        print(r)
        #expect(r.converged)
        for v in r.x { #expect(abs(v - 1) < 1e-6) }
    }
}
