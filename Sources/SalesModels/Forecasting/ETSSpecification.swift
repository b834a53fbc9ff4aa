/// The error component of an ETS model.
public enum ETSErrorComponent: String, Sendable, Hashable, CaseIterable, Codable {
    case additive = "A", multiplicative = "M"
}

/// The trend component of an ETS model (multiplicative trends are not offered: R's `forecast::ets`
/// and statsforecast exclude them from automatic selection by default, and they are rarely stable).
public enum ETSTrend: String, Sendable, Hashable, CaseIterable, Codable {
    case none = "N", additive = "A", additiveDamped = "Ad"
}

/// The seasonal component of an ETS model.
public enum ETSSeason: String, Sendable, Hashable, CaseIterable, Codable {
    case none = "N", additive = "A", multiplicative = "M"
}

/// One member of the ETS family (Hyndman, Koehler, Ord & Snyder 2008): error × trend × season.
public struct ETSSpecification: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Additive or multiplicative errors.
    public var error: ETSErrorComponent
    /// No, additive, or additive damped trend.
    public var trend: ETSTrend
    /// No, additive or multiplicative seasonality.
    public var season: ETSSeason

    /// Creates a specification.
    /// - Parameters:
    ///   - error: Error type.
    ///   - trend: Trend type.
    ///   - season: Season type.
    public init(error: ETSErrorComponent, trend: ETSTrend, season: ETSSeason) {
        self.error = error
        self.trend = trend
        self.season = season
    }

    /// Parses a compact code such as `"ANN"`, `"AAdN"`, `"MAM"`, `"MAdM"`.
    /// - Parameter code: Error letter, trend (`N`, `A`, `Ad`), season letter.
    /// - Returns: `nil` if the code is not one of the 18 supported models.
    public init?(code: String) {
        let chars = Array(code)
        guard chars.count == 3 || chars.count == 4,
              let e = ETSErrorComponent(rawValue: String(chars[0])),
              let s = ETSSeason(rawValue: String(chars[chars.count - 1])),
              let t = ETSTrend(rawValue: String(chars[1..<(chars.count - 1)])) else { return nil }
        self.init(error: e, trend: t, season: s)
    }

    /// The compact code, e.g. `"MAdM"`.
    public var code: String { error.rawValue + trend.rawValue + season.rawValue }

    /// The conventional name, e.g. `ETS(M,Ad,M)`.
    public var description: String { "ETS(\(error.rawValue),\(trend.rawValue),\(season.rawValue))" }

    /// Whether any component is multiplicative (the data must then be strictly positive).
    public var hasMultiplicativeComponent: Bool { error == .multiplicative || season == .multiplicative }

    /// Whether the model is linear with Gaussian errors (Hyndman et al. 2008 class 1: additive error,
    /// no multiplicative season), so that forecast variances have a closed form.
    public var isLinear: Bool { error == .additive && season != .multiplicative }

    /// Whether R's `forecast::ets(restrict = TRUE)` and statsforecast consider the model numerically
    /// stable: additive errors with multiplicative seasonality are excluded (infinite forecast variance).
    public var isStable: Bool { !(error == .additive && season == .multiplicative) }

    var hasTrend: Bool { trend != .none }
    var isDamped: Bool { trend == .additiveDamped }
    var hasSeason: Bool { season != .none }

    /// The 15 stable candidates of automatic selection (season `N` only when `seasonal` is false):
    /// error {A, M} × trend {N, A, Ad} × season {N, A, M}, minus additive error with multiplicative season.
    /// - Parameter seasonal: Whether seasonal models are included.
    /// - Returns: The candidates in a fixed order.
    public static func candidates(seasonal: Bool) -> [ETSSpecification] {
        var out: [ETSSpecification] = []
        for e in ETSErrorComponent.allCases {
            for t in ETSTrend.allCases {
                for s in ETSSeason.allCases where seasonal || s == .none {
                    let spec = ETSSpecification(error: e, trend: t, season: s)
                    if spec.isStable { out.append(spec) }
                }
            }
        }
        return out
    }
}

/// Smoothing parameters and initial states of an ETS model (Hyndman et al. 2008 notation).
public struct ETSParameters: Sendable, Hashable, Codable {
    /// Level smoothing α.
    public var alpha: Double
    /// Trend smoothing β (state-space form, β ≤ α); 0 without trend.
    public var beta: Double
    /// Seasonal smoothing γ (γ ≤ 1 − α); 0 without season.
    public var gamma: Double
    /// Damping φ; 1 without damping.
    public var phi: Double
    /// Level state ℓ₀ before the first observation.
    public var initialLevel: Double
    /// Trend state b₀ before the first observation (0 without trend).
    public var initialTrend: Double
    /// Seasonal states before the first observation in chronological order: element `j` is the
    /// seasonal state used for observation `j` (s₁₋ₘ … s₀). Empty without season.
    public var initialSeasonal: [Double]

    /// Creates a parameter set.
    /// - Parameters:
    ///   - alpha: Level smoothing.
    ///   - beta: Trend smoothing (0 if no trend).
    ///   - gamma: Seasonal smoothing (0 if no season).
    ///   - phi: Damping (1 if not damped).
    ///   - initialLevel: ℓ₀.
    ///   - initialTrend: b₀ (0 if no trend).
    ///   - initialSeasonal: m seasonal states, chronological (empty if no season).
    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1,
                initialLevel: Double, initialTrend: Double = 0, initialSeasonal: [Double] = []) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
        self.initialLevel = initialLevel
        self.initialTrend = initialTrend
        self.initialSeasonal = initialSeasonal
    }
}
