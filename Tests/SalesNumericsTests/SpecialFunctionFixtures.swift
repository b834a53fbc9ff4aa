import Foundation
import SalesTestSupport

/// The mpmath reference values in `Fixtures/special_functions.json` (written by
/// `Fixtures/special_functions.py`, mpmath at 50 digits). Numbers are stored as strings (the
/// correctly rounded double, or "inf"); `nil` marks values below 1e-300 that the script left out.
struct SpecialFunctionFixtures: Decodable, Sendable {
    struct Point: Decodable, Sendable {
        var x: String?
        var a: String?
        var b: String?
        var c: String?
        var z: String?
        var p: String?
        var q: String?
        var df: String?
        var d1: String?
        var d2: String?
        var value: String?
        var complement: String?
        var cdf: String?
        var survival: String?
        var logPDF: String?
        var log: String?
        var kind: String?
        var nearZero: Bool?
        var nearRoot: Bool?
    }

    var logGamma: [Point]
    var digamma: [Point]
    var trigamma: [Point]
    var logBeta: [Point]
    var incompleteGamma: [Point]
    var inverseGamma: [Point]
    var incompleteBeta: [Point]
    var inverseBeta: [Point]
    var normal: [Point]
    var normalQuantile: [Point]
    var studentT: [Point]
    var studentTQuantile: [Point]
    var chiSquared: [Point]
    var chiSquaredQuantile: [Point]
    var fisherF: [Point]
    var fisherFQuantile: [Point]
    var hypergeometric2F1: [Point]

    static let shared: SpecialFunctionFixtures? = {
        try? fixtures.decode(SpecialFunctionFixtures.self, "special_functions.json")
    }()
}

/// Parses a fixture number ("inf", "-inf" or a decimal); traps on a malformed fixture, which is a
/// bug in the committed test data, not in the code under test.
func number(_ text: String?) -> Double? {
    guard let text else { return nil }
    switch text {
    case "inf": return .infinity
    case "-inf": return -.infinity
    default:
        guard let value = Double(text) else { preconditionFailure("malformed fixture number \(text)") }
        return value
    }
}

/// Tracks the largest error of a group of comparisons and the case where it happened.
struct ErrorMeter {
    let name: String
    private(set) var maximum = 0.0
    private(set) var worst = ""
    private(set) var count = 0
    private(set) var mismatches: [String] = []

    init(_ name: String) { self.name = name }

    /// Relative error |actual − expected| / |expected|; infinities must match exactly.
    mutating func relative(_ actual: Double, _ expected: Double, _ context: @autoclosure () -> String) {
        count += 1
        if expected.isInfinite || expected == 0 {
            if actual != expected { mismatches.append("\(context()): got \(actual), expected \(expected)") }
            return
        }
        record(Swift.abs(actual - expected) / Swift.abs(expected), actual, expected, context())
    }

    /// Absolute error |actual − expected|.
    mutating func absolute(_ actual: Double, _ expected: Double, _ context: @autoclosure () -> String) {
        count += 1
        if expected.isInfinite {
            if actual != expected { mismatches.append("\(context()): got \(actual), expected \(expected)") }
            return
        }
        record(Swift.abs(actual - expected), actual, expected, context())
    }

    private mutating func record(_ error: Double, _ actual: Double, _ expected: Double, _ context: String) {
        if error.isNaN || error > maximum {
            maximum = error.isNaN ? .infinity : error
            worst = "\(context): got \(actual), expected \(expected)"
        }
    }

    var summary: String { "\(name): \(count) cases, max error \(maximum) at \(worst)" }
}
