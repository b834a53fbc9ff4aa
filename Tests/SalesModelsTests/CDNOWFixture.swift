import Foundation
import SalesTestSupport

/// The CDNOW calibration summary and lifetimes' reference values, written by `Fixtures/cdnow.py`
/// from the CDNOW sample shipped in the `lifetimes` 0.11.3 PyPI package.
struct CDNOWFixture: Sendable {
    let frequency: [Int]
    let recency: [Double]
    let age: [Double]
    /// The shipped mean repeat-purchase value (zbar, rounded to cents; 0 when x = 0).
    let monetary: [Double]
    /// The same mean recomputed from the raw sample without rounding (the published fit's input).
    let monetaryExact: [Double]
    let lifetimes: Reference

    struct Reference: Decodable, Sendable {
        struct BGNBD: Decodable, Sendable {
            struct Conditional: Decodable, Sendable {
                let frequency: Int
                let recency, T, t, expected: Double
                let p_alive: Double
            }
            struct Unconditional: Decodable, Sendable { let t, expected: Double }
            struct ProbabilityOfN: Decodable, Sendable { let t: Double; let n: Int; let probability: Double }
            let params: [String: Double]
            let conditional: [Conditional]
            let unconditional: [Unconditional]
            let probability_of_n: [ProbabilityOfN]
        }
        struct GammaGamma: Decodable, Sendable {
            struct Spend: Decodable, Sendable { let frequency: Int; let monetary, expected: Double }
            let params: [String: Double]
            let params_exact_monetary: [String: Double]
            let conditional_expected_average_profit: [Spend]
        }
        struct CLV: Decodable, Sendable {
            struct Arguments: Decodable, Sendable {
                let time: Int
                let discount_rate: Double
                let freq: String
                let period_length_weeks: Double
            }
            struct Case: Decodable, Sendable {
                let frequency: Int
                let recency, T, monetary, clv: Double
            }
            let arguments: Arguments
            let cases: [Case]
        }
        struct ParetoNBD: Decodable, Sendable {
            let params: [String: Double]
            let conditional: [BGNBD.Conditional]
        }
        let bgnbd: BGNBD
        let pareto_nbd: ParetoNBD
        let gamma_gamma: GammaGamma
        let clv: CLV
    }

    /// Loaded once per test process.
    static let shared: CDNOWFixture = {
        do { return try load() } catch { fatalError("CDNOW fixture: \(error)") }
    }()

    static func load() throws -> CDNOWFixture {
        let csv = try String(contentsOf: fixtures.url("cdnow_summary.csv"), encoding: .utf8)
        var f: [Int] = [], r: [Double] = [], t: [Double] = [], m: [Double] = [], me: [Double] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            guard cells.count == 6, let x = Int(cells[1]), let tx = Double(cells[2]), let tt = Double(cells[3]),
                  let mm = Double(cells[4]), let exact = Double(cells[5]) else { throw CocoaError(.fileReadCorruptFile) }
            f.append(x); r.append(tx); t.append(tt); m.append(mm); me.append(exact)
        }
        let reference = try fixtures.decode(Reference.self, "cdnow_lifetimes.json")
        return CDNOWFixture(frequency: f, recency: r, age: t, monetary: m, monetaryExact: me, lifetimes: reference)
    }
}
