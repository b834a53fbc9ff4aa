import Foundation

extension LinearRegression {
    /// A readable, fixed-width summary: the coefficient table (estimate, SE, t, p, 95% CI) and the
    /// fit statistics, in the spirit of statsmodels' `summary()`.
    ///
    /// - Complexity: O(p²).
    public var summary: String {
        let intervals = confidenceIntervals(level: 0.95)
        let se = standardErrors, t = tStatistics, p = pValues
        let nameWidth = max(12, termNames.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + fill : fill + text
        }
        func number(_ value: Double) -> String { String(format: "%.6g", value) }
        var lines: [String] = []
        lines.append("Linear regression (\(options.ridgePenalty > 0 ? "ridge λ = \(number(options.ridgePenalty))" : "least squares"), "
                     + "\(methodUsed == .qr ? "QR" : "normal equations"))")
        lines.append("observations: \(observationCount)   residual df: \(residualDegreesOfFreedom)   "
                     + "R²: \(number(rSquared))   adjusted R²: \(number(adjustedRSquared))")
        lines.append("F: \(number(fStatistic)) (p = \(number(fPValue)))   residual SD: \(number(residualStandardDeviation))")
        lines.append("log-likelihood: \(number(logLikelihood))   AIC: \(number(aic))   BIC: \(number(bic))   "
                     + "condition number: \(number(conditionNumber))")
        lines.append("")
        let header = [pad("term", nameWidth, left: true), pad("estimate", 13), pad("std.error", 13), pad("t", 9),
                      pad("p", 11), pad("[0.025", 13), pad("0.975]", 13)]
        lines.append(header.joined(separator: " "))
        lines.append(String(repeating: "─", count: header.joined(separator: " ").count))
        for k in termNames.indices {
            lines.append([pad(termNames[k], nameWidth, left: true), pad(number(coefficients[k]), 13), pad(number(se[k]), 13),
                          pad(String(format: "%.3f", t[k]), 9), pad(String(format: "%.4g", p[k]), 11),
                          pad(number(intervals[k].lower), 13), pad(number(intervals[k].upper), 13)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
