import Foundation
import Testing
@testable import SalesModels
import SalesNumerics

@Suite("BG/NBD bad input")
struct BGNBDBadInputTests {
    static func fit(_ f: [Int], _ tx: [Double], _ age: [Double], weights: [Double]? = nil) throws -> BGNBDFit {
        try BGNBDModel.fit(frequency: f, recency: tx, age: age, weights: weights)
    }

    @Test func invalidRowsAreNamed() {
        #expect(throws: CustomerModelError.invalidValue(row: 1, field: "frequency", value: -1, reason: "must be >= 0")) {
            try Self.fit([1, -1], [3, 0], [10, 10])
        }
        #expect(throws: CustomerModelError.invalidValue(row: 0, field: "recency", value: 11, reason: "recency > age 10.0")) {
            try Self.fit([1, 0], [11, 0], [10, 10])
        }
        #expect(throws: CustomerModelError.self) { try Self.fit([1, 2], [3, .nan], [10, 10]) }
        #expect(throws: CustomerModelError.invalidValue(row: 1, field: "age", value: .infinity, reason: "must be finite and >= 0")) {
            try Self.fit([1, 2], [3, 4], [10, .infinity])
        }
        #expect(throws: CustomerModelError.invalidValue(row: 0, field: "recency", value: 2, reason: "must be 0 when frequency is 0")) {
            try Self.fit([0, 2], [2, 4], [10, 10])
        }
        #expect(throws: CustomerModelError.invalidValue(row: 1, field: "recency", value: 0, reason: "must be > 0 when frequency > 0")) {
            try Self.fit([0, 2], [0, 0], [10, 10])
        }
        #expect(throws: CustomerModelError.invalidValue(row: 1, field: "weight", value: -1, reason: "must be finite and >= 0")) {
            try Self.fit([1, 2], [3, 4], [10, 10], weights: [1, -1])
        }
        #expect(throws: CustomerModelError.lengthMismatch(argument: "age", expected: 2, actual: 1)) {
            try Self.fit([1, 2], [3, 4], [10])
        }
    }

    @Test func emptyAndUnidentifiable() {
        #expect(throws: CustomerModelError.empty(model: "BG/NBD")) { try Self.fit([], [], []) }
        #expect(throws: CustomerModelError.empty(model: "BG/NBD")) { try Self.fit([1], [3], [10], weights: [0]) }
        #expect(throws: CustomerModelError.unidentifiable(
            model: "BG/NBD", detail: "no customer made a repeat purchase (all frequencies are 0)")) {
            try Self.fit([0, 0, 0], [0, 0, 0], [10, 20, 30])
        }
    }

    @Test func oneOrderCustomersAndNewCustomersAreHandled() throws {
        // CDNOW already has 1,411 one-order customers (x = 0). Add 50 customers whose first order
        // is on the last day (x = 0, t_x = 0, T = 0): their likelihood is exactly 1, so the
        // estimate must not move (up to the optimizer's path, 1e-6 relative).
        let d = CDNOWFixture.shared
        let base = try Self.fit(d.frequency, d.recency, d.age)
        let more = try Self.fit(d.frequency + [Int](repeating: 0, count: 50), d.recency + [Double](repeating: 0, count: 50),
                                d.age + [Double](repeating: 0, count: 50))
        #expect(more.totalWeight == 2407)
        for (x, y) in zip(base.model.parameters, more.model.parameters) { #expect(abs(x - y) <= 1e-6 * x) }
        #expect(abs(base.logLikelihood - more.logLikelihood) <= 1e-6)
        #expect(more.model.probabilityAlive(frequency: 0, recency: 0, age: 30) == 1)
        // A customer acquired just now (x = 0, T = 0) is a new customer: eq. 10 reduces to eq. 9.
        let conditional = more.model.expectedTransactions(inNext: 10, frequency: 0, recency: 0, age: 0)
        let unconditional = more.model.expectedTransactions(newCustomerOver: 10)
        #expect(abs(conditional - unconditional) <= 1e-12 * unconditional)
    }

    @Test func nonConvergenceIsAnErrorWithTheOptimizerState() {
        let data = CDNOWFixture.shared
        do {
            _ = try BGNBDModel.fit(frequency: data.frequency, recency: data.recency, age: data.age,
                                   options: OptimizationOptions(maxIterations: 3))
            Issue.record("three iterations cannot converge from the start point")
        } catch let CustomerModelError.didNotConverge(model, reason, iterations, evaluations, gradientNorm, last) {
            #expect(model == "BG/NBD" && reason == "maxIterations" && iterations == 3)
            #expect(evaluations >= 3 && gradientNorm > 1e-8 && last.count == 4)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func degenerateDataHitsTheBoxAndIsReported() {
        // Every customer buys at a perfectly steady pace to the end: no sign of dropout, so the
        // likelihood rises toward a → 0 (no dropout) and the estimate runs to the box edge.
        let n = 200
        let f = (0..<n).map { 5 + $0 % 3 }
        let age = [Double](repeating: 40, count: n)
        let tx = [Double](repeating: 40, count: n)
        do {
            let fit = try Self.fit(f, tx, age)
            Issue.record("expected a degenerate fit, got \(fit.model)")
        } catch let error as CustomerModelError {
            // The box edge a = 1e-8 (no dropout); r and α also run away together (no rate
            // heterogeneity), which the message's last parameters show.
            guard case let .degenerateFit(model, parameter, value, last) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(model == "BG/NBD" && parameter == "a" && abs(value - 1e-8) <= 1e-12 && last.count == 4)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func invalidParametersThrow() {
        #expect(throws: CustomerModelError.invalidParameter(name: "alpha", value: 0, reason: "must be positive and finite")) {
            try BGNBDModel(r: 1, alpha: 0, a: 1, b: 1)
        }
        #expect(throws: CustomerModelError.self) { try BGNBDModel(r: .nan, alpha: 1, a: 1, b: 1) }
    }

    @Test func errorsDescribeThemselves() {
        let e = CustomerModelError.invalidValue(row: 7, field: "recency", value: 11, reason: "recency > age 10.0")
        #expect(e.description == "row 7: recency = 11.0 is invalid (recency > age 10.0)")
    }
}

@Suite("Model coding")
struct BGNBDCodingTests {
    @Test func decodingValidatesParameters() throws {
        let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let data = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(BGNBDModel.self, from: data) == model)
        let bad = Data(#"{"r":0.2,"alpha":-1,"a":1,"b":1}"#.utf8)
        #expect(throws: CustomerModelError.invalidParameter(name: "alpha", value: -1, reason: "must be positive and finite")) {
            try JSONDecoder().decode(BGNBDModel.self, from: bad)
        }
        let gg = try GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
        #expect(try JSONDecoder().decode(GammaGammaModel.self, from: try JSONEncoder().encode(gg)) == gg)
        let pareto = try ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
        #expect(try JSONDecoder().decode(ParetoNBDModel.self, from: try JSONEncoder().encode(pareto)) == pareto)
    }
}
