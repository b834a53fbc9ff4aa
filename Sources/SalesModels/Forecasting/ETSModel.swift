import Foundation
import SalesNumerics

/// The smoothing-parameter region searched by maximum likelihood (φ ∈ [0.8, 0.98] in both).
public enum ETSParameterRegion: Sendable, Hashable {
    /// R `forecast::ets(bounds = "usual")`: α ∈ [1e-4, 0.9999], β ∈ [1e-4, α], γ ∈ [1e-4, min(0.9999, 1 − α)].
    case usual
    /// Independent bounds, as statsforecast 2.1.1's Nelder–Mead searches them: α ∈ [1e-4, 0.9999],
    /// β ∈ [1e-4, `betaUpper`], γ ∈ [1e-4, `gammaUpper`], with no link between them (both upper
    /// bounds in [1e-4, 0.9999]). statsforecast's automatic search at m = 12 uses β ≤ 0.19006 for
    /// ETS(A,A,N) and ETS(A,Ad,N), β ≤ 0.016763 for the later trend models, γ ≤ 0.983237.
    case box(betaUpper: Double, gammaUpper: Double)
}

/// Options for maximum-likelihood ETS fitting.
public struct ETSFitOptions: Sendable, Hashable {
    /// Maximum L-BFGS-B iterations (default 250).
    public var maxIterations: Int
    /// Relative objective decrease at which the optimizer stops (default 1e-10).
    public var relativeTolerance: Double
    /// The smoothing-parameter region (default ``ETSParameterRegion/usual``).
    public var region: ETSParameterRegion

    /// Creates options.
    /// - Parameters:
    ///   - maxIterations: Maximum optimizer iterations (≥ 1).
    ///   - relativeTolerance: Relative function-decrease tolerance (> 0).
    ///   - region: The smoothing-parameter region.
    public init(maxIterations: Int = 250, relativeTolerance: Double = 1e-10, region: ETSParameterRegion = .usual) {
        self.maxIterations = maxIterations
        self.relativeTolerance = relativeTolerance
        self.region = region
        if case let .box(b, g) = region {
            precondition((ETSParameterLayout.smoothingLower...ETSParameterLayout.smoothingUpper).contains(b) && (ETSParameterLayout.smoothingLower...ETSParameterLayout.smoothingUpper).contains(g),
                         "ETSParameterRegion.box bounds must lie in [1e-4, 0.9999]")
        }
    }
}

/// The ETS state-space family (Hyndman, Koehler, Ord & Snyder 2008, *Forecasting with Exponential
/// Smoothing*): fitting by maximum likelihood, filtering with given parameters.
///
/// ## Parameter region (R `forecast::ets` `bounds = "usual"`, the defaults statsforecast ports)
/// - α ∈ [1e-4, 0.9999];
/// - β ∈ [1e-4, α] (and ≤ 0.9999);
/// - γ ∈ [1e-4, min(0.9999, 1 − α)];
/// - φ ∈ [0.8, 0.98].
/// The optimizer works on β* = (β − 1e-4)/(α − 1e-4) and γ* = (γ − 1e-4)/(min(0.9999, 1 − α) − 1e-4) in
/// [0, 1], which keeps the linked bounds box-shaped. The lower bounds are absolute, as in R and
/// statsforecast (an earlier β = β*·α form let β and γ fall to 1e-8 and won log-likelihood that
/// statsforecast's family does not contain: `Benchmarks/compare/analysis/autoets_disagreement.py`).
/// statsforecast 2.1.1 differs from R in two ways we do not copy: its Python port narrows β's upper
/// bound to the *starting* α of an earlier candidate (its shared `upper` array is modified in place
/// during the automatic search: β ≤ 0.0168 for most trend models at m = 12), and its Nelder–Mead
/// objective does not enforce γ ≤ 1 − α.
///
/// ## Initial states
/// Estimated jointly with the smoothing parameters (statsmodels `initialization_method="estimated"`,
/// R `forecast::ets`): ℓ₀, b₀ and m − 1 seasonal states; the m-th is set so that the seasonal states
/// sum to 0 (additive) or m (multiplicative), which loses no generality (level and season trade off).
/// The optimizer starts from a two-season decomposition heuristic.
///
/// ## Optimizer
/// Bounded L-BFGS (`LBFGSB` in SalesNumerics) on −log L with its exact gradient (reverse-mode through
/// the recursion, `ETSFilter+Gradient.swift`: one forward and one backward pass instead of p + 1
/// passes for finite differences), the states scaled by the mean of the first season so that all
/// coordinates are of order one. Two starts
/// (α = 0.5, and statsforecast's α = 0.2/m) are each run to a relative tolerance of 1e-7, and the
/// better is polished to ``ETSFitOptions/relativeTolerance``: on short series the likelihood often has
/// one basin at a large α and one near the lower bound, and a single start missed the better one on
/// about 1 % of the benchmark series (where statsforecast, starting at α = 0.2/m, found it).
public enum ETSModel {
    /// The smallest series length accepted for `specification` with seasonal period `m`:
    /// R's rule n > (number of parameters) + 4, and two full seasons for seasonal models.
    /// - Parameters:
    ///   - specification: The model.
    ///   - seasonalPeriod: m.
    /// - Returns: The minimum n.
    public static func minimumLength(for specification: ETSSpecification, seasonalPeriod: Int) -> Int {
        var p = 2
        if specification.hasTrend { p += 2 }
        if specification.isDamped { p += 1 }
        if specification.hasSeason { p += seasonalPeriod }
        let base = p + 5
        return specification.hasSeason ? max(base, 2 * seasonalPeriod) : base
    }

    /// Checks the data against the model's needs.
    static func validate(_ y: [Double], seasonalPeriod m: Int, specification spec: ETSSpecification) throws {
        try validateFinite(y)
        if spec.hasSeason && m < 2 {
            throw ForecastError.invalidArgument(name: "seasonal period", value: "\(m)", expected: "at least 2 for a seasonal model")
        }
        let minimum = minimumLength(for: spec, seasonalPeriod: m)
        if y.count < minimum { throw ForecastError.seriesTooShort(model: spec.description, length: y.count, minimum: minimum) }
        if spec.hasMultiplicativeComponent, let i = y.firstIndex(where: { !($0 > 0) }) {
            throw ForecastError.nonPositiveValue(model: spec.description, position: i, value: y[i])
        }
    }

    /// Runs the model with given parameters and initial states (no estimation).
    /// - Parameters:
    ///   - values: The series (no NaN).
    ///   - seasonalPeriod: m (ignored for non-seasonal models).
    ///   - specification: The model form.
    ///   - parameters: Smoothing parameters and initial states (`initialSeasonal` must have m values
    ///     for a seasonal model).
    /// - Returns: The fit at these parameters (`iterations` 0).
    /// - Throws: ``ForecastError`` for gaps, too short series, non-positive data with multiplicative
    ///   components, or parameters at which the recursion leaves the model's domain.
    /// - Complexity: O(n).
    public static func filter(
        _ values: [Double], seasonalPeriod: Int, specification: ETSSpecification, parameters: ETSParameters
    ) throws -> ETSFit {
        let m = specification.hasSeason ? seasonalPeriod : 1
        try validateFinite(values)
        if specification.hasSeason && parameters.initialSeasonal.count != m {
            throw ForecastError.invalidArgument(name: "initialSeasonal count", value: "\(parameters.initialSeasonal.count)",
                                   expected: "\(m) seasonal states")
        }
        return try makeFit(values, m: m, spec: specification, parameters: parameters, iterations: 0, converged: true)
    }

    /// The relative tolerance of the run from each start (the best is then polished to
    /// ``ETSFitOptions/relativeTolerance``). 1e-4 stopped the runs too early to choose between the starts
    /// (3.4 log-likelihood units short of statsforecast on S00540 ETS(A,Ad,N)); 1e-7 did as well as 1e-10.
    static let coarseTolerance = 1e-7

    /// Fits a model by maximum likelihood.
    /// - Parameters:
    ///   - values: The series (no NaN; strictly positive if a component is multiplicative).
    ///   - seasonalPeriod: m (ignored for non-seasonal models).
    ///   - specification: The model form.
    ///   - options: Optimizer settings.
    /// - Returns: The fitted model.
    /// - Throws: ``ForecastError/gaps(positions:)``, ``ForecastError/seriesTooShort(model:length:minimum:)``,
    ///   ``ForecastError/nonPositiveValue(model:position:value:)``, or
    ///   ``ForecastError/fitFailed(model:reason:)`` when no admissible start exists.
    /// - Complexity: O(n + p) per objective-and-gradient evaluation (p ≤ m + 5 coordinates), typically
    ///   30–150 iterations per start, two starts; O(n) workspace.
    ///   The log-likelihood at the optimum agrees with statsmodels' within the tolerance stated in
    ///   `ETSFixtureTests` (it is usually equal or higher: both are local optimizers).
    public static func fit(
        _ values: [Double], seasonalPeriod: Int, specification spec: ETSSpecification,
        options: ETSFitOptions = .init()
    ) throws -> ETSFit {
        try validate(values, seasonalPeriod: seasonalPeriod, specification: spec)
        let m = spec.hasSeason ? seasonalPeriod : 1
        let layout = ETSParameterLayout(spec: spec, m: m, values: values, region: options.region)
        let starts = layout.startVectors(values)
        let n = values.count
        var seasonScratch = [Double](repeating: 0, count: spec.hasSeason ? m : 0)
        var iterations = 0
        let result: OptimizationResult
        do {
            result = try values.withUnsafeBufferPointer { y in
                var workspace = ETSGradientWorkspace(count: n, seasonalPeriod: spec.hasSeason ? m : 0)
                var modelGradient = ETSGradient()
                var seasonGradient = [Double](repeating: 0, count: spec.hasSeason ? m : 0)
                func minimize(from start: [Double], tolerance: Double) throws -> OptimizationResult {
                    let lbfgs = OptimizationOptions(maxIterations: options.maxIterations,
                                                    relativeFunctionTolerance: tolerance)
                    let r = try LBFGSB.minimize(start: start, lower: layout.lower, upper: layout.upper, options: lbfgs) { x, g in
                        // Exact gradient by reverse-mode differentiation of the recursion (ETSFilter+Gradient).
                        let p = layout.unpack(x, into: &seasonScratch)
                        let f = ETSFilter.negativeLogLikelihood(
                            spec, alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi, level: p.level, trend: p.trend,
                            initialSeason: seasonScratch, y: y, workspace: &workspace, gradient: &modelGradient,
                            seasonGradient: &seasonGradient)
                        guard f.isFinite else { return .infinity }
                        layout.chain(x, modelGradient, seasonGradient: seasonGradient, into: &g)
                        return f
                    }
                    iterations += r.iterations
                    return r
                }
                // Every start to a coarse optimum, then the best one polished to the full tolerance.
                var best: OptimizationResult? = nil
                var failure: (any Error)? = nil
                for start in starts {
                    do {
                        let r = try minimize(from: start, tolerance: max(options.relativeTolerance, Self.coarseTolerance))
                        if r.value.isFinite && r.value < (best?.value ?? .infinity) { best = r }
                    } catch {
                        failure = error
                    }
                }
                guard let coarse = best else {
                    throw failure ?? ForecastError.fitFailed(model: spec.description, reason: "no finite log-likelihood from any start")
                }
                if options.relativeTolerance >= Self.coarseTolerance { return coarse }
                guard let polished = try? minimize(from: coarse.x, tolerance: options.relativeTolerance),
                      polished.value <= coarse.value else { return coarse }
                return polished
            }
        } catch {
            throw ForecastError.fitFailed(model: spec.description, reason: "\(error)")
        }
        var seasons = [Double](repeating: 0, count: spec.hasSeason ? m : 0)
        let p = layout.unpack(result.x, into: &seasons)
        let params = ETSParameters(alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi,
                                   initialLevel: p.level, initialTrend: p.trend, initialSeasonal: seasons)
        return try makeFit(values, m: m, spec: spec, parameters: params, iterations: iterations,
                           converged: result.converged)
    }

    /// Filters once more at the final parameters and assembles the fit.
    static func makeFit(
        _ values: [Double], m: Int, spec: ETSSpecification, parameters p: ETSParameters,
        iterations: Int, converged: Bool
    ) throws -> ETSFit {
        let n = values.count
        var season = spec.hasSeason ? p.initialSeasonal : []
        var fitted = [Double](repeating: .nan, count: n)
        let r = values.withUnsafeBufferPointer { y in
            season.withUnsafeMutableBufferPointer { s in
                fitted.withUnsafeMutableBufferPointer { f in
                    ETSFilter.run(spec, alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi: p.phi,
                                  level: p.initialLevel, trend: p.initialTrend, y: y, season: s,
                                  fitted: f.baseAddress)
                }
            }
        }
        let ll = r.logLikelihood(count: n)
        guard ll.isFinite else {
            throw ForecastError.fitFailed(model: spec.description, reason: "the recursion leaves the model's domain (non-positive forecast, level or season) at these parameters")
        }
        var k = 2  // α, ℓ₀
        if spec.hasTrend { k += 2 }
        if spec.isDamped { k += 1 }
        if spec.hasSeason { k += m }  // γ and m − 1 free seasonal states
        k += 1  // σ²
        let nd = Double(n), kd = Double(k)
        let aic = -2 * ll + 2 * kd
        let aicc = n - k - 1 > 0 ? aic + 2 * kd * (kd + 1) / (nd - kd - 1) : .infinity
        let bic = -2 * ll + kd * log(nd)
        var final: [Double] = []
        if spec.hasSeason {
            final = (0..<m).map { season[(n + $0) % m] }
        }
        return ETSFit(specification: spec, seasonalPeriod: m, parameters: p, count: n, logLikelihood: ll,
                      numberOfParameters: k, aic: aic, aicc: aicc, bic: bic, sigma2: n > k ? r.sse / Double(n - k) : r.sse / nd, fitted: fitted,
                      finalLevel: r.level, finalTrend: spec.hasTrend ? r.trend : 0, finalSeasonal: final,
                      iterations: iterations, converged: converged)
    }
}

/// Maps the optimizer's vector to ETS parameters and back.
///
/// Layout: α, β* (trend), γ* (season) (both in [0, 1], see ``ETSModel``), φ (damped), ℓ₀/c, b₀/c (trend), s₀ … s_{m−2} (season;
/// divided by c when additive), where c is the mean absolute value of the first season (or of the
/// first ten values) so that every coordinate is of order one.
struct ETSParameterLayout {
    let spec: ETSSpecification
    let m: Int
    let region: ETSParameterRegion
    let scale: Double
    let lower: [Double]
    let upper: [Double]

    static let smoothingLower = 1e-4
    static let smoothingUpper = 1 - 1e-4
    static let phiLower = 0.8
    static let phiUpper = 0.98

    init(spec: ETSSpecification, m: Int, values: [Double], region: ETSParameterRegion = .usual) {
        self.spec = spec
        self.m = m
        self.region = region
        let head = values.prefix(spec.hasSeason ? m : min(10, values.count))
        let c = head.reduce(0) { $0 + abs($1) } / Double(max(head.count, 1))
        scale = c > 0 && c.isFinite ? c : 1
        var lo: [Double] = [Self.smoothingLower], hi: [Double] = [Self.smoothingUpper]
        if spec.hasTrend { lo.append(0); hi.append(1) }
        if spec.hasSeason { lo.append(0); hi.append(1) }
        if spec.isDamped { lo.append(Self.phiLower); hi.append(Self.phiUpper) }
        let states = 1 + (spec.hasTrend ? 1 : 0) + (spec.hasSeason ? m - 1 : 0)
        lo += [Double](repeating: -.infinity, count: states)
        hi += [Double](repeating: .infinity, count: states)
        lower = lo
        upper = hi
    }

    struct Unpacked { var alpha, beta, gamma, phi, level, trend: Double }

    /// Decodes `x`; writes the m seasonal states (chronological) into `season`.
    @inline(__always)
    func unpack(_ x: [Double], into season: inout [Double]) -> Unpacked {
        var i = 0
        let alpha = x[i]; i += 1
        var beta = 0.0, gamma = 0.0, phi = 1.0, trend = 0.0
        let low = Self.smoothingLower
        let betaUpper: Double, gammaUpper: Double
        switch region {
        case .usual: betaUpper = alpha; gammaUpper = min(Self.smoothingUpper, 1 - alpha)
        case let .box(b, g): betaUpper = b; gammaUpper = g
        }
        if spec.hasTrend { beta = low + x[i] * (betaUpper - low); i += 1 }
        if spec.hasSeason { gamma = low + x[i] * (gammaUpper - low); i += 1 }
        if spec.isDamped { phi = x[i]; i += 1 }
        let level = x[i] * scale; i += 1
        if spec.hasTrend { trend = x[i] * scale; i += 1 }
        if spec.hasSeason {
            let additive = spec.season == .additive
            var sum = 0.0
            for j in 0..<(m - 1) {
                let v = additive ? x[i + j] * scale : x[i + j]
                season[j] = v
                sum += v
            }
            season[m - 1] = additive ? -sum : Double(m) - sum
        }
        return Unpacked(alpha: alpha, beta: beta, gamma: gamma, phi: phi, level: level, trend: trend)
    }

    /// The gradient with respect to the optimizer's vector `x` from the gradient with respect to the
    /// model quantities (chain rule through ``unpack(_:into:)``).
    func chain(_ x: [Double], _ g: ETSGradient, seasonGradient: [Double], into gx: inout [Double]) {
        var i = 0
        let alpha = x[0]
        let low = Self.smoothingLower
        var gAlpha = g.alpha
        i += 1
        if spec.hasTrend {
            switch region {
            case .usual: gAlpha += g.beta * x[i]; gx[i] = g.beta * (alpha - low)
            case let .box(upper, _): gx[i] = g.beta * (upper - low)
            }
            i += 1
        }
        if spec.hasSeason {
            switch region {
            case .usual:
                let upper = min(Self.smoothingUpper, 1 - alpha)
                if 1 - alpha < Self.smoothingUpper { gAlpha -= g.gamma * x[i] }
                gx[i] = g.gamma * (upper - low)
            case let .box(_, upper): gx[i] = g.gamma * (upper - low)
            }
            i += 1
        }
        gx[0] = gAlpha
        if spec.isDamped { gx[i] = g.phi; i += 1 }
        gx[i] = g.level * scale; i += 1
        if spec.hasTrend { gx[i] = g.trend * scale; i += 1 }
        if spec.hasSeason {
            let c = spec.season == .additive ? scale : 1
            let last = seasonGradient[m - 1]
            for j in 0..<(m - 1) { gx[i + j] = c * (seasonGradient[j] - last) }
        }
    }

    /// The optimizer's starting points, all with the same initial states: α = 0.5, β* = 0.1,
    /// γ* = 0.1, φ = 0.97; and statsforecast's / R's start α = 1e-4 + 0.2·(0.9999 − 1e-4)/m (m = 1
    /// without season), β* = 0.1, γ* = 0.05, φ = 0.9782. Likelihoods of short series often have one
    /// basin at a large α and one at the lower bound; one start finds only one of them.
    func startVectors(_ y: [Double]) -> [[Double]] {
        let mAlpha = spec.hasSeason ? Double(m) : 1
        let smallAlpha = Self.smoothingLower + 0.2 * (Self.smoothingUpper - Self.smoothingLower) / mAlpha
        return [startVector(y, alpha: 0.5, gammaStar: 0.1, phi: 0.97),
                startVector(y, alpha: smallAlpha, gammaStar: 0.05, phi: Self.phiLower + 0.99 * (Self.phiUpper - Self.phiLower))]
    }

    /// One start: the given α, γ* and φ, β* = 0.1; states from a two-season decomposition
    /// (seasonal models) or a straight line through the first ten values.
    func startVector(_ y: [Double], alpha: Double, gammaStar: Double, phi: Double) -> [Double] {
        var x: [Double] = [alpha]
        if spec.hasTrend { x.append(0.1) }
        if spec.hasSeason { x.append(gammaStar) }
        if spec.isDamped { x.append(phi) }
        var level = 0.0, trend = 0.0
        var season: [Double] = []
        if spec.hasSeason {
            let first = y[0..<m].reduce(0, +) / Double(m)
            let second = y[m..<(2 * m)].reduce(0, +) / Double(m)
            let slope = spec.hasTrend ? (second - first) / Double(m) : 0
            trend = slope
            level = first - slope * Double(m + 1) / 2
            season = (0..<m).map { t in
                let base = first + slope * (Double(t) - Double(m - 1) / 2)
                return spec.season == .additive ? y[t] - base : (base > 0 ? y[t] / base : 1)
            }
            if spec.season == .additive {
                let mean = season.reduce(0, +) / Double(m)
                season = season.map { ($0 - mean) / scale }
            } else {
                let mean = season.reduce(0, +) / Double(m)
                season = season.map { $0 / mean }
            }
        } else {
            let k = min(10, y.count)
            let tMean = Double(k - 1) / 2
            let yMean = y[0..<k].reduce(0, +) / Double(k)
            var sxy = 0.0, sxx = 0.0
            for t in 0..<k { sxy += (Double(t) - tMean) * (y[t] - yMean); sxx += (Double(t) - tMean) * (Double(t) - tMean) }
            let slope = spec.hasTrend && sxx > 0 ? sxy / sxx : 0
            trend = slope
            level = spec.hasTrend ? yMean - slope * (tMean + 1) : y[0]
        }
        x.append(level / scale)
        if spec.hasTrend { x.append(trend / scale) }
        if spec.hasSeason { x += season.prefix(m - 1) }
        return x
    }
}
