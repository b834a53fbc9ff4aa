extension ForecastMethod {
    /// The method `--model auto` runs (``RevenueModelChoice/auto`` in SalesAnalytics, the CLI's
    /// single-series and batch paths): AutoETS, selection by AICc over the admissible ETS family.
    ///
    /// Chosen by accuracy on real series (Benchmarks/compare/realseries, 93 monthly and quarterly
    /// series, BENCHMARKS.md). The choice was made on a second origin — the year before the last held
    /// out, the last year unseen — among AutoETS, AutoARIMA, Theta, the mean of all three, their
    /// median and the three pairwise means: AutoETS had the lowest mean MASE (0.595; mean of ETS and
    /// ARIMA 0.610, mean of the three 0.627, AutoARIMA 0.659, Theta 0.703), below statsforecast's
    /// AutoARIMA (0.607), AutoETS (0.638) and their mean (0.605). The last year confirms it (BENCHMARKS.md).
    /// The earlier default, picking among AutoETS and the baselines by a short backtest, was less
    /// accurate than AutoETS alone (selection by a 12-origin backtest adds noise).
    public static let automatic: ForecastMethod = .autoETS
}
