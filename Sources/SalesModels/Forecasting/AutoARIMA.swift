import Foundation

/// Automatic seasonal ARIMA selection by AICc: the Hyndman–Khandakar (2008) algorithm of R's
/// `forecast::auto.arima` and statsforecast's `AutoARIMA`.
public enum AutoARIMA {
    /// Search settings (R's defaults).
    public struct Options: Sendable, Hashable {
        /// Largest p and q (default 5).
        public var maxP = 5, maxQ = 5
        /// Largest P and Q (default 2).
        public var maxSeasonalP = 2, maxSeasonalQ = 2
        /// Largest d (default 2) and D (default 1).
        public var maxD = 2, maxSeasonalD = 1
        /// Largest p + q + P + Q in the exhaustive search (default 5).
        public var maxOrder = 5
        /// Stepwise search (default) or every model up to the limits.
        public var stepwise = true
        /// Models fitted at most in the stepwise search (default 94).
        public var maxModels = 94
        /// Search with CSS estimates and an AIC offset, then refit the best by exact ML; nil = R's
        /// rule (n > 150 or m > 12).
        public var approximation: Bool? = nil
        /// Allow a drift when d + D = 1 and a mean when d + D = 0 (default true).
        public var allowConstant = true
        /// Fixed d / D instead of the tests (nil = test).
        public var d: Int? = nil, seasonalD: Int? = nil

        /// Creates the default options.
        public init() {}
    }

    /// One model the search fitted.
    public struct Candidate: Sendable, Hashable, CustomStringConvertible {
        /// The orders.
        public var order: ARIMAOrder
        /// Whether a constant (mean/drift) was included.
        public var constant: Bool
        /// AICc used for the comparison (CSS-approximated during an approximate search); +∞ when
        /// the fit failed or was inadmissible.
        public var aicc: Double
        /// Why the candidate was rejected (fit failure, roots within 1.01 of the unit circle), else nil.
        public var rejection: String?

        public var description: String {
            let base = order.description + (constant ? " with constant" : "")
            if let r = rejection { return "\(base): \(r)" }
            return "\(base): AICc \(aicc)"
        }
    }

    /// The outcome of a search.
    public struct Selection: Sendable {
        /// The chosen model (exact ML fit).
        public var best: ARIMAFit
        /// Every model fitted in the search, in search order.
        public var candidates: [Candidate]
        /// d and how it was chosen.
        public var d: Int
        /// D and how it was chosen.
        public var seasonalD: Int
        /// Why d and D are what they are (tests and their statistics).
        public var differencingReason: String
        /// Whether the search used the CSS approximation.
        public var approximated: Bool
    }

    /// Selects and fits a seasonal ARIMA model.
    ///
    /// D from seasonal strength (> 0.64 → 1, ``DifferencingTests/seasonalDifferences(_:period:)``),
    /// d from repeated KPSS tests on the seasonally differenced series; then R's stepwise search from
    /// (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0) and (0,d,1)(0,D,1), moving one order by ±1 (or p
    /// and q together, P and Q together) and toggling the constant while AICc improves. A model whose
    /// AR or MA roots lie within |z| < 1.01 is inadmissible, as in R. With the approximation, the
    /// search compares CSS fits by `offset + n* log σ² + 2k` and the best admissible model is refitted
    /// by exact maximum likelihood (the next best if that fails).
    /// - Parameters:
    ///   - values: The series (finite, no gaps).
    ///   - seasonalPeriod: m (1 for none).
    ///   - options: Search settings.
    /// - Returns: The selection.
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/nonFiniteValue(position:value:)``,
    ///   ``ForecastError/seriesTooShort(model:length:minimum:)`` below 3 values,
    ///   ``ForecastError/invalidArgument(name:value:expected:)`` for a constant series (use a
    ///   baseline), ``ForecastError/noModelFitted(reasons:)`` when no candidate fits.
    /// - Complexity: up to `maxModels` fits (stepwise), each as ``ARIMAModel/fit(_:order:includeConstant:estimation:)``.
    public static func select(
        _ values: [Double], seasonalPeriod: Int, options: Options = .init()
    ) throws -> Selection {
        try validateFinite(values)
        let n = values.count
        if n < 3 { throw ForecastError.seriesTooShort(model: "AutoARIMA", length: n, minimum: 3) }
        if DifferencingTests.isConstant(values) {
            throw ForecastError.invalidArgument(name: "series", value: "constant at \(values[0])",
                                   expected: "a series that varies (a constant series is forecast by the naive method)")
        }
        var m = max(seasonalPeriod, 1)
        var reason: [String] = []
        if m > 1 && n < 2 * m {
            reason.append("series has \(n) values, fewer than two seasons of \(m): non-seasonal search")
            m = 1
        }
        var bigD = 0
        if m > 1 {
            if let fixed = options.seasonalD {
                bigD = min(fixed, options.maxSeasonalD)
                reason.append("D = \(bigD) given")
            } else if options.maxSeasonalD > 0 {
                let s = DifferencingTests.seasonalStrength(values, period: m)
                bigD = s > 0.64 ? 1 : 0
                reason.append("seasonal strength \(String(format: "%.3f", s)) \(bigD == 1 ? ">" : "≤") 0.64: D = \(bigD)")
            }
        }
        var x = bigD > 0 ? ARMAPolynomial.difference(values, d: 0, seasonalD: bigD, period: m) : values
        var d: Int
        if let fixed = options.d {
            d = min(fixed, options.maxD)
            reason.append("d = \(d) given")
        } else {
            d = DifferencingTests.firstDifferences(x, maximum: options.maxD)
            reason.append("KPSS \(String(format: "%.3f", DifferencingTests.kpssStatistic(x))) (5 % critical 0.463) on the \(bigD > 0 ? "seasonally differenced" : "") series, repeated: d = \(d)")
        }
        x = ARMAPolynomial.difference(x, d: d, seasonalD: 0, period: 1)
        if x.count < 3 || DifferencingTests.isConstant(x) {
            // Too little left, or a deterministic series after differencing: the plain difference model.
            if d + bigD > 0 || x.count >= 1 {
                let order = ARIMAOrder(p: 0, d: d, q: 0, seasonalP: 0, seasonalD: bigD, seasonalQ: 0, seasonalPeriod: m)
                let constant = options.allowConstant && d + bigD == 1 && x.count >= 2
                if let fit = try? ARIMAModel.fit(values, order: order, includeConstant: constant) {
                    return Selection(best: fit, candidates: [Candidate(order: order, constant: constant, aicc: fit.aicc)],
                                     d: d, seasonalD: bigD, differencingReason: reason.joined(separator: "; "), approximated: false)
                }
            }
            if x.count >= 3 {
                throw ForecastError.invalidArgument(
                    name: "series", value: "constant after differencing (d = \(d), D = \(bigD)): no noise to fit",
                    expected: "a series with noise (an exactly periodic or linear series is forecast by the seasonal naive or drift method)")
            }
            throw ForecastError.seriesTooShort(model: "AutoARIMA", length: n, minimum: d + m * bigD + 3)
        }
        let nstar = n - d - m * bigD
        let approximate = options.approximation ?? (n > 150 || m > 12)
        let seasonal = m > 1
        let maxP = min(options.maxP, nstar / 3), maxQ = min(options.maxQ, nstar / 3)
        let maxSP = seasonal ? min(options.maxSeasonalP, nstar / (3 * m)) : 0
        let maxSQ = seasonal ? min(options.maxSeasonalQ, nstar / (3 * m)) : 0
        let allowConstant = options.allowConstant && d + bigD <= 1

        var offset = 0.0
        var useApproximation = approximate
        if approximate {
            let o = ARIMAOrder(p: 1, d: d, q: 0, seasonalP: 0, seasonalD: bigD, seasonalQ: 0, seasonalPeriod: m)
            if let f = try? ARIMAModel.fit(values, order: o, includeConstant: false) {
                offset = -2 * f.logLikelihood - Double(nstar) * log(f.sigma2)
            } else {
                useApproximation = false
            }
        }

        var results: [Candidate] = []
        var fits: [Int: ARIMAFit] = [:]
        func key(_ o: ARIMAOrder, _ c: Bool) -> Int {
            ((((o.p * 8 + o.q) * 8 + o.seasonalP) * 8 + o.seasonalQ) * 2) + (c ? 1 : 0)
        }
        var seen = Set<Int>()
        func evaluate(_ p: Int, _ q: Int, _ P: Int, _ Q: Int, _ c: Bool, exact: Bool = false) -> Double {
            let order = ARIMAOrder(p: p, d: d, q: q, seasonalP: P, seasonalD: bigD, seasonalQ: Q, seasonalPeriod: m)
            let k = key(order, c)
            if !exact, seen.contains(k) { return results.first { key($0.order, $0.constant) == k }?.aicc ?? .infinity }
            if !exact { seen.insert(k) }
            var ic = Double.infinity
            var rejection: String? = nil
            do {
                let approx = useApproximation && !exact
                // With the approximation, a CSS fit whose roots are within 1.01 of the unit circle
                // is rejected below, as auto.arima and statsforecast do (an exact refit of each such
                // candidate cost several times the whole CSS search on long seasonal series).
                let fit = try ARIMAModel.fit(values, order: order, includeConstant: c,
                                             estimation: approx ? .conditionalSumOfSquares : .conditionalThenExact)
                var criterion = fit.aicc
                if approx {
                    let npar = fit.numberOfParameters
                    let aic = offset + Double(nstar) * log(fit.sigma2) + 2 * Double(npar)
                    let denom = Double(nstar - npar - 1)
                    criterion = denom > 0 ? aic + 2 * Double(npar * (npar + 1)) / denom : .infinity
                }
                if !fit.rootsOutside(radius: 1.01) {
                    rejection = "AR or MA roots within 1.01 of the unit circle"
                } else if !criterion.isFinite {
                    rejection = "AICc not finite (too few observations for the parameters)"
                } else {
                    ic = criterion
                    if !approx { fits[k] = fit }
                }
            } catch {
                rejection = "\(error)"
            }
            if !exact { results.append(Candidate(order: order, constant: c, aicc: ic, rejection: rejection)) }
            return ic
        }

        if options.stepwise {
            var p = min(2, maxP), q = min(2, maxQ)
            var P = min(1, maxSP), Q = min(1, maxSQ)
            var constant = allowConstant
            var best = evaluate(p, q, P, Q, constant)
            func tryModel(_ np: Int, _ nq: Int, _ nP: Int, _ nQ: Int, _ nc: Bool) -> Bool {
                if results.count >= options.maxModels { return false }
                let o = ARIMAOrder(p: np, d: d, q: nq, seasonalP: nP, seasonalD: bigD, seasonalQ: nQ, seasonalPeriod: m)
                if seen.contains(key(o, nc)) { return false }
                let ic = evaluate(np, nq, nP, nQ, nc)
                if ic < best {
                    best = ic
                    p = np; q = nq; P = nP; Q = nQ; constant = nc
                    return true
                }
                return false
            }
            _ = tryModel(0, 0, 0, 0, constant)
            if maxP > 0 || maxSP > 0 { _ = tryModel(maxP > 0 ? 1 : 0, 0, maxSP > 0 ? 1 : 0, 0, constant) }
            if maxQ > 0 || maxSQ > 0 { _ = tryModel(0, maxQ > 0 ? 1 : 0, 0, maxSQ > 0 ? 1 : 0, constant) }
            if constant { _ = tryModel(0, 0, 0, 0, false) }
            var improved = true
            while improved && results.count < options.maxModels {
                improved = false
                let moves: [(Int, Int, Int, Int, Bool)] = [
                    (p, q, P - 1, Q, constant), (p, q, P, Q - 1, constant),
                    (p, q, P + 1, Q, constant), (p, q, P, Q + 1, constant),
                    (p, q, P - 1, Q - 1, constant), (p, q, P - 1, Q + 1, constant),
                    (p, q, P + 1, Q - 1, constant), (p, q, P + 1, Q + 1, constant),
                    (p - 1, q, P, Q, constant), (p, q - 1, P, Q, constant),
                    (p + 1, q, P, Q, constant), (p, q + 1, P, Q, constant),
                    (p - 1, q - 1, P, Q, constant), (p - 1, q + 1, P, Q, constant),
                    (p + 1, q - 1, P, Q, constant), (p + 1, q + 1, P, Q, constant),
                    (p, q, P, Q, !constant),
                ]
                for (i, mv) in moves.enumerated() {
                    if i == moves.count - 1 && !allowConstant { continue }
                    if mv.0 < 0 || mv.1 < 0 || mv.2 < 0 || mv.3 < 0 { continue }
                    if mv.0 > maxP || mv.1 > maxQ || mv.2 > maxSP || mv.3 > maxSQ { continue }
                    if tryModel(mv.0, mv.1, mv.2, mv.3, mv.4) { improved = true; break }
                }
            }
        } else {
            for p in 0...maxP {
                for q in 0...maxQ {
                    for P in 0...maxSP {
                        for Q in 0...maxSQ where p + q + P + Q <= options.maxOrder {
                            for c in (allowConstant ? [true, false] : [false]) { _ = evaluate(p, q, P, Q, c) }
                        }
                    }
                }
            }
        }
        // The best admissible model by the search criterion, refitted by exact ML when approximated.
        let order = results.indices.filter { results[$0].aicc.isFinite }.sorted { results[$0].aicc < results[$1].aicc }
        for i in order {
            let c = results[i]
            let k = key(c.order, c.constant)
            if let fit = fits[k] {
                return Selection(best: fit, candidates: results, d: d, seasonalD: bigD,
                                 differencingReason: reason.joined(separator: "; "), approximated: false)
            }
            if evaluate(c.order.p, c.order.q, c.order.seasonalP, c.order.seasonalQ, c.constant, exact: true).isFinite,
               let fit = fits[k] {
                return Selection(best: fit, candidates: results, d: d, seasonalD: bigD,
                                 differencingReason: reason.joined(separator: "; "), approximated: useApproximation)
            }
        }
        throw ForecastError.noModelFitted(reasons: results.compactMap { c in c.rejection.map { "\(c.order): \($0)" } })
    }

    /// Selects a model and forecasts with it.
    /// - Parameters:
    ///   - values: The series.
    ///   - seasonalPeriod: m.
    ///   - horizon: Steps ahead.
    ///   - levels: Interval coverages in percent.
    ///   - options: Search settings.
    /// - Returns: The forecast (model name in ``Forecast/model``).
    /// - Throws: As ``select(_:seasonalPeriod:options:)`` and ``ARIMAFit/forecast(horizon:levels:)``.
    /// - Complexity: As ``select(_:seasonalPeriod:options:)``.
    public static func forecast(
        _ values: [Double], seasonalPeriod: Int, horizon: Int, levels: [Double] = [80, 95], options: Options = .init()
    ) throws -> Forecast {
        try validateHorizon(horizon, levels: levels)
        return try select(values, seasonalPeriod: seasonalPeriod, options: options).best.forecast(horizon: horizon, levels: levels)
    }
}
