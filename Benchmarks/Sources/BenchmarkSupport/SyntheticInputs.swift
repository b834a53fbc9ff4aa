import Foundation
import SalesKit

/// Deterministic numeric inputs that are not CRM files: the regression designs and the batch of
/// monthly series. Both SalesKit and the Python peers read the same bytes (see compare/WORKLOADS.md).
public enum SyntheticInputs {
    /// Which model the response of a design follows.
    public enum DesignKind: String, Sendable {
        /// y = 1.5 + Xβ + ε, ε ~ N(0, 1).
        case ols
        /// y ~ Bernoulli(σ(−0.5 + Xβ)).
        case logistic
    }

    /// The true coefficient of feature `j` (0-based) for a design kind (intercept excluded).
    ///
    /// - Parameters:
    ///   - kind: The design kind.
    ///   - j: The 0-based feature index.
    /// - Returns: β_j: `0.25·((j mod 7) − 3)` for OLS, `0.3·sin(j + 1)` for logistic.
    public static func trueCoefficient(_ kind: DesignKind, _ j: Int) -> Double {
        switch kind {
        case .ols: return 0.25 * Double(j % 7 - 3)
        case .logistic: return 0.3 * sin(Double(j + 1))
        }
    }

    /// The true intercept of a design kind.
    public static func trueIntercept(_ kind: DesignKind) -> Double { kind == .ols ? 1.5 : -0.5 }

    /// Writes a `rows × features` design and its response as little-endian Float64, column-major:
    /// feature 1 (rows values), …, feature p, then y; plus `<out>.json` describing it.
    /// Features are i.i.d. N(0, 1) by Box–Muller from `SeededGenerator(seed:)`.
    ///
    /// - Parameters:
    ///   - kind: OLS or logistic response.
    ///   - rows: Observations.
    ///   - features: Columns of X (no intercept column; the models fit one).
    ///   - seed: Generator seed.
    ///   - path: Output file.
    /// - Throws: `BenchmarkError.io` when the file cannot be written.
    /// - Complexity: O(rows·features) time; rows·(features + 1) doubles of memory.
    public static func writeDesign(kind: DesignKind, rows: Int, features: Int, seed: UInt64, to path: String) throws {
        var generator = SeededGenerator(seed: seed)
        var data = [Double](repeating: 0, count: rows * (features + 1))
        var eta = [Double](repeating: trueIntercept(kind), count: rows)
        data.withUnsafeMutableBufferPointer { buffer in
            for j in 0..<features {
                let beta = trueCoefficient(kind, j)
                let base = j * rows
                for i in 0..<rows {
                    let x = standardNormal(&generator)
                    buffer[base + i] = x
                    eta[i] += beta * x
                }
            }
            let base = features * rows
            for i in 0..<rows {
                switch kind {
                case .ols: buffer[base + i] = eta[i] + standardNormal(&generator)
                case .logistic:
                    let p = 1 / (1 + exp(-eta[i]))
                    buffer[base + i] = generator.nextUnitDouble() < p ? 1 : 0
                }
            }
        }
        let bytes = data.withUnsafeBytes { Data($0) }  // x86-64 and arm64 are little-endian
        do { try bytes.write(to: URL(fileURLWithPath: path)) } catch {
            throw BenchmarkError.io(path: path, reason: "\(error)")
        }
        let meta: [String: Any] = [
            "kind": kind.rawValue, "rows": rows, "features": features, "seed": seed,
            "layout": "little-endian float64, column-major: x1..xp then y",
            "trueIntercept": trueIntercept(kind),
            "trueCoefficients": (0..<features).map { trueCoefficient(kind, $0) },
        ]
        try writeJSON(meta, to: path + ".json")
    }

    /// Reads a design written by `writeDesign`, by `Float64File.read`: X straight into the
    /// matrix storage and y into its own array, uninitialized (no zeroing pass), huge-page advised
    /// (as numpy's `fromfile`), one copy from the page cache.
    ///
    /// - Parameters:
    ///   - path: The `.f64` file.
    ///   - rows: Expected observations.
    ///   - features: Expected feature count.
    /// - Returns: X (column-major `rows × features`) and y.
    /// - Throws: `BenchmarkError.malformedInput` when the file is missing, unreadable or its size
    ///   does not match (the message is `Float64FileError`'s, with the path and both sizes).
    /// - Complexity: O(rows·features).
    public static func readDesign(path: String, rows: Int, features: Int) throws -> (x: Matrix, y: [Double]) {
        let (count, overflow) = rows.multipliedReportingOverflow(by: features)
        guard rows >= 0, features >= 0, !overflow else {
            throw BenchmarkError.usage("design shape \(rows) × \(features) is invalid")
        }
        let parts: [[Double]]
        do {
            parts = try Float64File.read(path: path, counts: [count, rows])
        } catch {
            throw BenchmarkError.malformedInput(path: path, reason: "\(error)")
        }
        return (try Matrix(rows: rows, columns: features, columnMajor: parts[0]), parts[1])
    }

    /// Writes `count` monthly series of `length` points in statsforecast's long format
    /// (`unique_id,ds,y`; ds the first day of the month from 2019-01-01), each
    /// `level · (1 + trend·t) · (1 + amplitude·sin(2π(t + phase)/12)) · (1 + 0.05·N(0,1))`
    /// with level ∈ [50, 1050), trend ∈ [−0.005, 0.015), amplitude ∈ [0, 0.3) per series.
    ///
    /// - Parameters:
    ///   - count: Number of series (10,000 at size large).
    ///   - length: Points per series (60).
    ///   - seed: Generator seed.
    ///   - path: Output CSV file.
    /// - Throws: `BenchmarkError.io` when the file cannot be written.
    /// - Complexity: O(count·length).
    public static func writeSeries(count: Int, length: Int, seed: UInt64, to path: String) throws {
        var generator = SeededGenerator(seed: seed)
        var text = "unique_id,ds,y\n"
        text.reserveCapacity(count * length * 28)
        let months = (0..<length).map { t -> String in
            let year = 2019 + t / 12
            let month = t % 12 + 1
            return "\(year)-\(month < 10 ? "0" : "")\(month)-01"
        }
        for s in 0..<count {
            let level = 50 + 1000 * generator.nextUnitDouble()
            let trend = -0.005 + 0.02 * generator.nextUnitDouble()
            let amplitude = 0.3 * generator.nextUnitDouble()
            let phase = Double(generator.nextInt(below: 12))
            let id = "S" + String(repeating: "0", count: max(0, 5 - String(s).count)) + String(s)
            for t in 0..<length {
                let season = 1 + amplitude * sin(2 * Double.pi * (Double(t) + phase) / 12)
                let noise = 1 + 0.05 * standardNormal(&generator)
                let value = max(0.01, level * (1 + trend * Double(t)) * season * noise)
                text += "\(id),\(months[t]),\((value * 100).rounded() / 100)\n"
            }
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw BenchmarkError.io(path: path, reason: "\(error)")
        }
    }

    /// One standard normal deviate by Box–Muller (one of the pair; deterministic per seed).
    static func standardNormal(_ generator: inout SeededGenerator) -> Double {
        let u1 = 1 - generator.nextUnitDouble()  // (0, 1]
        let u2 = generator.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// Writes a JSON object (sorted keys) to a file.
func writeJSON(_ object: [String: Any], to path: String) throws {
    do {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    } catch {
        throw BenchmarkError.io(path: path, reason: "\(error)")
    }
}
