import Foundation
import Testing
import SalesModels
import SalesNumerics

/// The Newton fit on designs large enough to be split into concurrent row chunks (≥ 131,072 rows),
/// checked against the definitions evaluated row by row in plain loops at the returned estimate:
/// fitted probabilities, log-likelihood, a vanishing score, and covariance × information = I.
@Suite("LogisticRegression on chunked designs")
struct LogisticLargeDesignTests {
    /// 200,000 rows (three chunks), three correlated features, labels drawn from the model.
    struct Data {
        var x: Matrix
        var y: [Double]
        var weights: [Double]?
        var offset: [Double]?
    }

    static func data(weighted: Bool) -> Data {
        let n = 200_000
        var generator = SeededGenerator(seed: 7)
        var x = Matrix(rows: n, columns: 3)
        var y = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n), offset = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let u = 2 * generator.nextUnitDouble() - 1, v = 2 * generator.nextUnitDouble() - 1
            x[i, 0] = u; x[i, 1] = v; x[i, 2] = u * v + 0.5 * generator.nextUnitDouble()
            offset[i] = weighted ? 0.2 * (generator.nextUnitDouble() - 0.5) : 0
            // Weights in {0, 0.5, 1, 1.5, 2}: zero-weight rows must not count.
            weights[i] = Double(generator.nextInt(below: 5)) / 2
            let eta = 0.3 + u - 0.5 * v + 0.25 * x[i, 2] + offset[i]
            y[i] = generator.nextUnitDouble() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        return Data(x: x, y: y, weights: weighted ? weights : nil, offset: weighted ? offset : nil)
    }

    @Test(arguments: [false, true])
    func estimateSatisfiesTheDefinitions(weighted: Bool) throws {
        let data = Self.data(weighted: weighted)
        let model = try LogisticRegression.fit(features: data.x, labels: data.y, weights: data.weights, offset: data.offset)
        #expect(model.converged && model.solverUsed == .newton)
        let n = data.x.rows, p = 4, beta = model.coefficients
        var logLikelihood = 0.0, absoluteTerms = 0.0
        var score = [Double](repeating: 0, count: p), scale = [Double](repeating: 0, count: p)
        var information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var worstProbability = 0.0
        for i in 0..<n {
            let row = [1, data.x[i, 0], data.x[i, 1], data.x[i, 2]]
            let w = data.weights?[i] ?? 1
            var eta = data.offset?[i] ?? 0
            for j in 0..<p { eta += row[j] * beta[j] }
            let probability = 1 / (1 + exp(-eta))
            worstProbability = max(worstProbability, abs(model.fittedProbabilities[i] - probability))
            let term = w * (data.y[i] * eta - log1p(exp(eta)))
            logLikelihood += term
            absoluteTerms += abs(term)
            for j in 0..<p {
                score[j] += w * (data.y[i] - probability) * row[j]
                scale[j] += w * abs(row[j])
                for k in 0..<p { information[j][k] += w * probability * (1 - probability) * row[j] * row[k] }
            }
        }
        // Probabilities: rounding of η and σ (|η| < 3 here), 1e-14 absolute.
        #expect(worstProbability < 1e-14)
        // The same sum added in another order: rounding of ~2e5 terms, well under 1e-12 of Σ|terms|.
        #expect(abs(model.logLikelihood - logLikelihood) <= 1e-12 * absoluteTerms)
        // At the optimum the score vanishes: Newton stops with a step below 1e-10, so the score
        // is about information × 1e-10 ≈ 1e-5 absolute, 1e-10 of the scale Σw|x|.
        for j in 0..<p { #expect(abs(score[j]) <= 1e-8 * scale[j], "score \(j) = \(score[j])") }
        // The covariance is the inverse of the information at the estimate.
        for j in 0..<p {
            for k in 0..<p {
                var product = 0.0
                for l in 0..<p { product += model.covariance[j, l] * information[l][k] }
                #expect(abs(product - (j == k ? 1 : 0)) < 1e-9, "(CI)[\(j), \(k)] = \(product)")
            }
        }
        // The null model: closed form without an offset, the 1-D Newton iteration with one.
        #expect(model.nullLogLikelihood < model.logLikelihood)
        #expect(model.observationCount == (data.weights?.filter { $0 > 0 }.count ?? n))
    }

    @Test func separationIsFoundOnAChunkedDesign() throws {
        var data = Self.data(weighted: false)
        // Feature x1 separates the classes completely.
        for i in 0..<data.x.rows { data.y[i] = data.x[i, 0] > 0.1 ? 1 : 0 }
        #expect {
            _ = try LogisticRegression.fit(features: data.x, labels: data.y)
        } throws: { error in
            guard case let ModelError.separation(complete, features) = error else { return false }
            return complete && features == ["x1"]
        }
    }

    @Test func zeroWeightRowsDoNotHideSeparation() throws {
        var data = Self.data(weighted: true)
        // x1 separates the rows that count; rows with weight 0 carry the opposite label, which
        // would break the separation if they were (wrongly) included.
        let weights = try #require(data.weights)
        for i in 0..<data.x.rows {
            let separated: Double = data.x[i, 0] > 0.1 ? 1 : 0
            data.y[i] = weights[i] > 0 ? separated : 1 - separated
        }
        #expect {
            _ = try LogisticRegression.fit(features: data.x, labels: data.y, weights: weights, offset: data.offset)
        } throws: { error in
            guard case let ModelError.separation(complete, features) = error else { return false }
            return complete && features == ["x1"]
        }
        // With an L2 penalty the fit succeeds and reports the separation.
        let ridge = try LogisticRegression.fit(features: data.x, labels: data.y, weights: weights, offset: data.offset,
                                               options: .init(l2Penalty: 1))
        #expect(ridge.separation?.complete == true && ridge.separation?.features == ["x1"])
    }
}
