import SalesNumerics

/// A logistic regression fitted by Newton/IRLS where each iteration is one `LogisticStepPlan`
/// aggregate in the engine and the step solve runs locally (SalesNumerics' Cholesky).
///
/// Stops when the largest relative coefficient change |Δβᵢ| / (1 + |βᵢ|) is below `tolerance`, or
/// below √tolerance once the log-likelihood no longer increases; the reported coefficients are
/// those after the last step and the covariance is (XᵀWX)⁻¹ at them (the aggregate that also
/// tests convergence).
public struct WarehouseLogisticFit: Sendable {
    /// Intercept, then one coefficient per feature.
    public let coefficients: [Double]
    /// Standard errors from (XᵀWX)⁻¹.
    public let standardErrors: [Double]
    /// The log-likelihood at `coefficients`.
    public let logLikelihood: Double
    /// Rows used.
    public let observationCount: Int
    /// Newton iterations (aggregates run, excluding the final covariance one).
    public let iterations: Int
    /// Whether the stopping rule was met within the iteration limit.
    public let converged: Bool
    /// Result bytes moved from the engine over all iterations.
    public let bytesReceived: Int

    /// Fits the model.
    /// - Parameters:
    ///   - relation: The relation.
    ///   - label: The 0/1 label column.
    ///   - features: Numeric feature columns.
    ///   - warehouse: The engine.
    ///   - maxIterations: Newton iterations at most (default 50).
    ///   - tolerance: Relative coefficient change (default 1e-10).
    /// - Returns: The fit.
    /// - Throws: `WarehouseError` (`.invalidData` for nulls, labels other than 0/1, no rows, a
    ///   singular information matrix — collinear features or separation).
    /// - Complexity: one scan of the relation per iteration in the engine; O(k³) locally.
    public static func fit(relation: WarehouseRelation, label: String, features: [String], on warehouse: any Warehouse,
                           maxIterations: Int = 50, tolerance: Double = 1e-10) async throws -> WarehouseLogisticFit {
        let k = features.count + 1
        var beta = [Double](repeating: 0, count: k)
        var plan = LogisticStepPlan(relation: relation, label: label, features: features, coefficients: beta)
        let profile = try await warehouse.rows(plan.profileQuery(warehouse.dialect), minimumRows: 1)
        let n = profile.integers(0)[0], nulls = profile.integers(1)[0], bad = profile.integers(2)[0]
        guard n > 0, nulls == 0, bad == 0 else {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "\(relation.summary): \(n) rows, \(nulls) with a null label or feature, \(bad) labels not 0/1",
                                 hint: "the label and feature columns (--map), or filter the rows in --query")
        }
        var bytes = profile.bytesReceived
        var previous = -Double.infinity
        var iterations = 0, converged = false
        var step = try await Self.step(plan, warehouse, &bytes)
        while iterations < maxIterations {
            let delta = try Self.solve(step.information, step.gradient, warehouse: warehouse)
            var largest = 0.0
            for i in 0..<k {
                beta[i] += delta[i]
                largest = max(largest, abs(delta[i]) / (1 + abs(beta[i])))
            }
            iterations += 1
            previous = step.logLikelihood
            plan.coefficients = beta
            guard beta.allSatisfy(\.isFinite) else {
                throw WarehouseError(.invalidData, source: warehouse.source, detail: "Newton step diverged (non-finite coefficients)",
                                     hint: "separation or collinear features")
            }
            step = try await Self.step(plan, warehouse, &bytes)
            // Stop on a step below the tolerance, or below its square root once the log-likelihood
            // stops improving (rounding noise at the optimum).
            if largest < tolerance || (step.logLikelihood <= previous && largest < tolerance.squareRoot()) {
                converged = true
                break
            }
        }
        let covariance = try Self.inverse(step.information, warehouse: warehouse)
        return WarehouseLogisticFit(coefficients: beta, standardErrors: (0..<k).map { covariance[$0, $0].squareRoot() },
                                    logLikelihood: step.logLikelihood, observationCount: Int(n), iterations: iterations,
                                    converged: converged, bytesReceived: bytes)
    }

    /// One aggregate: information matrix, gradient, log-likelihood.
    struct Step {
        var information: Matrix
        var gradient: [Double]
        var logLikelihood: Double
    }

    static func step(_ plan: LogisticStepPlan, _ warehouse: any Warehouse, _ bytes: inout Int) async throws -> Step {
        let rows = try await warehouse.rows(plan.stepQuery(warehouse.dialect), minimumRows: 1)
        bytes += rows.bytesReceived
        let k = plan.terms
        let ll = rows.doubles(1)[0]
        let gradient = (0..<k).map { rows.doubles(2 + $0)[0] }
        var information = Matrix(rows: k, columns: k)
        var column = 2 + k
        for i in 0..<k {
            for j in i..<k {
                let v = rows.doubles(column)[0]
                information[i, j] = v
                information[j, i] = v
                column += 1
            }
        }
        guard ll.isFinite, gradient.allSatisfy(\.isFinite) else {
            throw WarehouseError(.invalidData, source: warehouse.source, detail: "the Newton step aggregate is not finite",
                                 hint: "feature values (infinite or huge numbers)")
        }
        return Step(information: information, gradient: gradient, logLikelihood: ll)
    }

    static func solve(_ a: Matrix, _ b: [Double], warehouse: any Warehouse) throws -> [Double] {
        do { return try Cholesky(a).solve(b) } catch {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "the information matrix XᵀWX is not positive definite (\(error))",
                                 hint: "collinear or constant features, or perfect separation")
        }
    }

    static func inverse(_ a: Matrix, warehouse: any Warehouse) throws -> Matrix {
        do { return try Cholesky(a).inverse() } catch {
            throw WarehouseError(.invalidData, source: warehouse.source,
                                 detail: "the information matrix XᵀWX is not positive definite (\(error))",
                                 hint: "collinear or constant features, or perfect separation")
        }
    }
}
