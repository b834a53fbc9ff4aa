import SalesModels
/// Revenue history and its forecast with shaded 80 % and 95 % prediction intervals, plus the
/// forecast table.
///
/// Built from a history (one value per period, with period labels) and the forecast of the
/// following periods (point forecasts and interval bands); revenue, pipeline or combined forecasts fit.
/// The inputs are plain arrays so any forecaster's result can be shown.
public struct RevenueForecastSection: ReportSection {
    /// A prediction interval at one coverage level, one bound per forecast step.
    public struct Band: Sendable, Equatable {
        /// Nominal coverage in percent (80, 95).
        public var level: Double
        /// Lower bounds, step 1 first.
        public var lower: [Double]
        /// Upper bounds.
        public var upper: [Double]

        /// Creates a band.
        /// - Parameters:
        ///   - level: Coverage in percent.
        ///   - lower: Lower bounds per step.
        ///   - upper: Upper bounds per step.
        public init(level: Double, lower: [Double], upper: [Double]) {
            self.level = level; self.lower = lower; self.upper = upper
        }
    }

    /// The section heading.
    public let title: String
    /// Labels of the history periods (e.g. `2024-01`).
    public let historyLabels: [String]
    /// The history values, one per label.
    public let history: [Double]
    /// Labels of the forecast periods, one per forecast step.
    public let forecastLabels: [String]
    /// The model's name (e.g. `ETS(M,A,M)`).
    public let model: String
    /// Point forecasts, one per step.
    public let mean: [Double]
    /// Interval bands (80 % and 95 % are drawn when present).
    public let bands: [Band]
    /// Number of forecast steps.
    public var horizon: Int { mean.count }
    /// The currency symbol for money.
    public let currency: String
    /// A sentence under the chart (e.g. the model selection and the backtest error); empty for none.
    public let caption: String

    /// Creates the section.
    /// - Parameters:
    ///   - historyLabels: Period labels of the history.
    ///   - history: History values (same count as `historyLabels`; extra elements are ignored).
    ///   - forecastLabels: Period labels of the forecast steps.
    ///   - model: The model's name.
    ///   - mean: Point forecasts.
    ///   - bands: Interval bands; those at 80 and 95 percent are drawn.
    ///   - currency: Currency symbol (default `$`).
    ///   - caption: A sentence under the chart.
    ///   - title: Heading (default "Revenue forecast").
    public init(historyLabels: [String], history: [Double], forecastLabels: [String], model: String,
                mean: [Double], bands: [Band], currency: String = "$", caption: String = "",
                title: String = "Revenue forecast") {
        self.historyLabels = historyLabels
        self.history = history
        self.forecastLabels = forecastLabels
        self.model = model
        self.mean = mean
        self.bands = bands
        self.currency = currency
        self.caption = caption
        self.title = title
    }

    /// Creates the section from a `Forecast` of SalesModels (ETS, baselines, seasonal regression).
    /// - Parameters:
    ///   - historyLabels: Period labels of the history.
    ///   - history: History values.
    ///   - forecastLabels: Period labels of the forecast steps.
    ///   - forecast: The forecast; its model name, means and interval bands are shown.
    ///   - currency: Currency symbol (default `$`).
    ///   - caption: A sentence under the chart.
    ///   - title: Heading (default "Revenue forecast").
    public init(historyLabels: [String], history: [Double], forecastLabels: [String], forecast: Forecast,
                currency: String = "$", caption: String = "", title: String = "Revenue forecast") {
        self.init(historyLabels: historyLabels, history: history, forecastLabels: forecastLabels, model: forecast.model,
                  mean: forecast.mean,
                  bands: forecast.intervals.map { Band(level: $0.level, lower: $0.lower, upper: $0.upper) },
                  currency: currency, caption: caption, title: title)
    }

    /// The band at `level` percent, if given.
    /// - Parameter level: Coverage in percent.
    /// - Returns: The band or `nil`.
    public func band(level: Double) -> Band? { bands.first { abs($0.level - level) < 1e-9 } }

    /// The chart: history (solid), forecast (dashed, joined to the last actual value), 95 % and 80 % bands.
    /// - Returns: The line chart.
    /// - Complexity: O(history + horizon).
    public func chart() -> LineChart {
        let n = min(historyLabels.count, history.count)
        let h = horizon
        let xs = (0..<n).map(Double.init)
        let fx = (0..<h).map { Double(n + $0) }
        var series = [LineChart.Series(name: "Actual", x: xs, y: Array(history.prefix(n)))]
        guard h > 0 else {
            return LineChart(title: title, yLabel: "Revenue (\(currency))", series: series,
                             xTickLabels: Array(historyLabels.prefix(n)))
        }
        let joinX = n > 0 ? [Double(n - 1)] : [], joinY = n > 0 ? [history[n - 1]] : []
        series.append(.init(name: "Forecast (\(model))", x: joinX + fx, y: joinY + mean, dashed: true))
        var bands: [LineChart.Band] = []
        for (level, opacity) in [(95.0, 0.14), (80.0, 0.26)] {
            if let band = band(level: level) {
                bands.append(.init(name: "\(Int(level))%", x: fx, lower: band.lower, upper: band.upper, opacity: opacity))
            }
        }
        let labels = Array(historyLabels.prefix(n)) + forecastLabels.prefix(h)
            + (forecastLabels.count < h ? (forecastLabels.count..<h).map { "+\($0 + 1)" } : [])
        return LineChart(title: title, yLabel: "Revenue (\(currency))", series: series, bands: bands,
                         xTickLabels: labels)
    }

    /// A compact trend for the key figures: the last `lastPeriods` actual periods, the forecast and
    /// its 80 %/95 % bands, titled "Revenue trend".
    /// - Parameter lastPeriods: How many actual periods to keep (default 24).
    /// - Returns: The chart.
    public func trendChart(lastPeriods: Int = 24) -> LineChart {
        var chart = chart()
        chart.title = horizon > 0 ? "Revenue trend and forecast" : "Revenue trend"
        let n = min(historyLabels.count, history.count)
        let drop = Double(max(0, n - max(1, lastPeriods)))
        guard drop > 0 else { return chart }
        for k in chart.series.indices {
            let keep = chart.series[k].x.indices.filter { chart.series[k].x[$0] >= drop }
            chart.series[k].x = keep.map { chart.series[k].x[$0] - drop }
            chart.series[k].y = keep.map { chart.series[k].y[$0] }
        }
        for k in chart.bands.indices { chart.bands[k].x = chart.bands[k].x.map { $0 - drop } }
        chart.xTickLabels = chart.xTickLabels.map { Array($0.dropFirst(Int(drop))) }
        return chart
    }

    /// The forecast table: period, mean and the interval bounds.
    /// - Returns: One row per forecast step.
    public func table() -> TextTable {
        var table = TextTable(headers: ["period", "forecast", "80% low", "80% high", "95% low", "95% high"],
                              title: "Forecast (\(model))")
        let b80 = band(level: 80), b95 = band(level: 95)
        func cell(_ values: [Double]?, _ i: Int) -> String {
            guard let values, i < values.count else { return "–" }
            return Formatting.money(values[i], currency: currency, decimals: 0)
        }
        for i in 0..<horizon {
            table.append([i < forecastLabels.count ? forecastLabels[i] : "+\(i + 1)", cell(mean, i),
                          cell(b80?.lower, i), cell(b80?.upper, i), cell(b95?.lower, i), cell(b95?.upper, i)])
        }
        return table
    }

    /// Appends the chart, the caption and the forecast table (history only: the chart and the caption).
    public func render(into report: inout HTMLReport) {
        report.heading(title)
        report.chart(chart().svg(width: 900, height: 380))
        if horizon > 0 {
            report.note("Shaded: 80% (darker) and 95% prediction intervals. " + caption)
            report.table(table())
        } else if !caption.isEmpty {
            report.note(caption)
        }
    }
}
