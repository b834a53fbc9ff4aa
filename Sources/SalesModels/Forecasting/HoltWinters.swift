/// Named exponential-smoothing methods as members of the ETS family (Hyndman et al. 2008, table 2.1),
/// fitted by maximum likelihood with ``ETSModel/fit(_:seasonalPeriod:specification:options:)``.
public enum HoltWinters {
    /// Simple exponential smoothing: ETS(A,N,N).
    /// - Parameters:
    ///   - values: The series.
    ///   - options: Optimizer settings.
    /// - Returns: The fit.
    /// - Throws: As ``ETSModel/fit(_:seasonalPeriod:specification:options:)``.
    /// - Complexity: As the ETS fit.
    public static func simpleExponentialSmoothing(_ values: [Double], options: ETSFitOptions = .init()) throws -> ETSFit {
        try ETSModel.fit(values, seasonalPeriod: 1, specification: .init(error: .additive, trend: .none, season: .none), options: options)
    }

    /// Holt's linear trend method: ETS(A,A,N), or ETS(A,Ad,N) when `damped`.
    /// - Parameters:
    ///   - values: The series.
    ///   - damped: Damp the trend.
    ///   - options: Optimizer settings.
    /// - Returns: The fit.
    /// - Throws: As ``ETSModel/fit(_:seasonalPeriod:specification:options:)``.
    /// - Complexity: As the ETS fit.
    public static func holt(_ values: [Double], damped: Bool = false, options: ETSFitOptions = .init()) throws -> ETSFit {
        try ETSModel.fit(values, seasonalPeriod: 1,
                         specification: .init(error: .additive, trend: damped ? .additiveDamped : .additive, season: .none),
                         options: options)
    }

    /// Additive Holt-Winters: ETS(A,A,A), or ETS(A,Ad,A) when `damped`.
    /// - Parameters:
    ///   - values: The series (at least two seasons).
    ///   - seasonalPeriod: m ≥ 2.
    ///   - damped: Damp the trend.
    ///   - options: Optimizer settings.
    /// - Returns: The fit.
    /// - Throws: As ``ETSModel/fit(_:seasonalPeriod:specification:options:)``.
    /// - Complexity: As the ETS fit.
    public static func additive(_ values: [Double], seasonalPeriod: Int, damped: Bool = false,
                                options: ETSFitOptions = .init()) throws -> ETSFit {
        try ETSModel.fit(values, seasonalPeriod: seasonalPeriod,
                         specification: .init(error: .additive, trend: damped ? .additiveDamped : .additive, season: .additive),
                         options: options)
    }

    /// Multiplicative Holt-Winters: ETS(M,A,M), or ETS(M,Ad,M) when `damped` (strictly positive data).
    /// - Parameters:
    ///   - values: The series (at least two seasons, all > 0).
    ///   - seasonalPeriod: m ≥ 2.
    ///   - damped: Damp the trend.
    ///   - options: Optimizer settings.
    /// - Returns: The fit.
    /// - Throws: As ``ETSModel/fit(_:seasonalPeriod:specification:options:)``, including
    ///   ``ForecastError/nonPositiveValue(model:position:value:)``.
    /// - Complexity: As the ETS fit.
    public static func multiplicative(_ values: [Double], seasonalPeriod: Int, damped: Bool = false,
                                      options: ETSFitOptions = .init()) throws -> ETSFit {
        try ETSModel.fit(values, seasonalPeriod: seasonalPeriod,
                         specification: .init(error: .multiplicative, trend: damped ? .additiveDamped : .additive, season: .multiplicative),
                         options: options)
    }
}
