import Foundation
import SalesAnalytics
import SalesModels

/// The win-probability model: ROC curve (with the chance diagonal), calibration plot (predicted vs
/// observed win rate per probability bin, with the perfect-calibration diagonal), headline metrics
/// and the coefficient table.
public struct WinModelSection: ReportSection {
    /// One point of the calibration plot.
    public struct CalibrationPoint: Sendable, Equatable {
        /// Mean predicted probability of the bin.
        public var predicted: Double
        /// Observed win rate of the bin.
        public var observed: Double
        /// Deals in the bin.
        public var count: Int

        /// Creates a point.
        /// - Parameters:
        ///   - predicted: Mean predicted probability.
        ///   - observed: Observed win rate.
        ///   - count: Deals in the bin.
        public init(predicted: Double, observed: Double, count: Int) {
            self.predicted = predicted; self.observed = observed; self.count = count
        }
    }

    /// The section heading.
    public let title: String
    /// The trained model (coefficients, training summary, cross-validation).
    public let model: WinProbabilityModel
    /// The ROC curve drawn.
    public let roc: ROCCurve
    /// The area under `roc`.
    public let rocAUC: Double
    /// Where `roc` comes from, e.g. "in-sample, 2,873 closed deals".
    public let rocSource: String
    /// A short qualifier of the ROC curve's AUC in the chart title (e.g. "in-sample"; empty for none).
    public let rocLabel: String
    /// The calibration points drawn (empty: no calibration plot).
    public let calibration: [CalibrationPoint]
    /// Where the calibration comes from, e.g. "5-fold cross-validation".
    public let calibrationSource: String

    /// Creates the section from explicit curves.
    /// - Parameters:
    ///   - model: The trained model.
    ///   - roc: The ROC curve to draw.
    ///   - rocAUC: The area under it.
    ///   - rocSource: Where the curve comes from.
    ///   - rocLabel: A short qualifier shown before "AUC" in the chart title (e.g. "in-sample").
    ///   - calibration: Calibration points (by default the model's cross-validated bins).
    ///   - calibrationSource: Where the calibration comes from.
    ///   - title: Heading (default "Win probability model").
    public init(model: WinProbabilityModel, roc: ROCCurve, rocAUC: Double, rocSource: String, rocLabel: String = "",
                calibration: [CalibrationPoint]? = nil, calibrationSource: String? = nil,
                title: String = "Win probability model") {
        self.model = model
        self.roc = roc
        self.rocAUC = rocAUC
        self.rocSource = rocSource
        self.rocLabel = rocLabel
        let bins = model.crossValidation?.calibrationBins ?? []
        self.calibration = calibration ?? bins.filter { $0.count > 0 }.map {
            CalibrationPoint(predicted: $0.meanPredicted, observed: $0.observedRate, count: $0.count)
        }
        self.calibrationSource = calibrationSource
            ?? (model.crossValidation.map { "\($0.folds)-fold cross-validation (out-of-fold probabilities)" } ?? "none")
        self.title = title
    }

    /// The ROC chart on the unit square with the chance diagonal.
    /// - Returns: The chart.
    /// - Complexity: O(curve points).
    public func rocChart() -> LineChart {
        LineChart(title: "ROC curve (\(rocLabel) AUC \(Formatting.fixed(rocAUC, decimals: 3)))", xLabel: "False positive rate",
                  yLabel: "True positive rate",
                  series: [.init(name: "model", x: roc.falsePositiveRates, y: roc.truePositiveRates)],
                  xDomain: 0...1, yDomain: 0...1, showDiagonal: true)
    }

    /// The calibration chart: observed vs predicted win rate per bin, with the diagonal.
    /// - Returns: The chart.
    public func calibrationChart() -> LineChart {
        LineChart(title: "Calibration", xLabel: "Predicted win probability", yLabel: "Observed win rate",
                  series: [.init(name: "bins", x: calibration.map(\.predicted), y: calibration.map(\.observed),
                                 showPoints: true)],
                  xDomain: 0...1, yDomain: 0...1, showDiagonal: true)
    }

    /// Headline metrics: cross-validated AUC, log-loss, Brier score, calibration slope, deals.
    /// - Returns: Label/value pairs.
    public func tiles() -> [(String, String)] {
        var items: [(String, String)] = [
            ("Closed deals", Formatting.grouped(Double(model.training.closedDeals), decimals: 0)),
            ("Won", Formatting.grouped(Double(model.training.wins), decimals: 0)),
        ]
        if let cv = model.crossValidation {
            items += [("AUC (\(cv.folds)-fold CV)", Formatting.fixed(cv.auc, decimals: 3)),
                      ("Log-loss (CV)", Formatting.fixed(cv.logLoss, decimals: 3)),
                      ("Brier (CV)", Formatting.fixed(cv.brier, decimals: 3)),
                      ("Calibration slope (CV)", Formatting.fixed(cv.calibrationSlope, decimals: 2))]
        }
        return items
    }

    /// The coefficient table: term, estimate, standard error, p-value, odds ratio.
    /// - Returns: One row per term (intercept first).
    public func coefficientTable() -> TextTable {
        var table = TextTable(headers: ["term", "estimate", "std. error", "p-value", "odds ratio"],
                              title: "Coefficients (\(model.method))")
        for (i, term) in model.terms.enumerated() where i < model.coefficients.count {
            let se = i < model.standardErrors.count ? Formatting.fixed(model.standardErrors[i], decimals: 4) : "–"
            let p = i < model.pValues.count ? Self.pValue(model.pValues[i]) : "–"
            table.append([term, Formatting.fixed(model.coefficients[i], decimals: 4), se, p,
                          Formatting.fixed(Foundation.exp(model.coefficients[i]), decimals: 3)])
        }
        return table
    }

    /// Appends the tiles, the two charts side by side, the sources and the coefficient table.
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.metrics(tiles())
        var charts = [rocChart().svg(width: 460, height: 400)]
        if !calibration.isEmpty { charts.append(calibrationChart().svg(width: 460, height: 400)) }
        report.charts(charts)
        report.note("ROC: \(rocSource). Calibration: \(calibrationSource). Dashed: chance (ROC) and perfect calibration.")
        for note in model.training.notes { report.note(note) }
        report.table(coefficientTable())
    }

    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        return p < 0.0001 ? "<0.0001" : Formatting.fixed(p, decimals: 4)
    }
}
