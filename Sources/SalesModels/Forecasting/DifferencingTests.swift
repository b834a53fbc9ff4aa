import Foundation

/// The tests AutoARIMA uses to choose the number of differences.
public enum DifferencingTests {
    /// The KPSS level-stationarity statistic (Kwiatkowski et al. 1992) as `urca::ur.kpss(type = "mu",
    /// lags = "short")`: residuals from the mean, their partial sums S_t, and
    /// Σ S_t² / (n² σ̂²) with the Bartlett long-run variance at lag ⌊4 (n/100)^{1/4}⌋.
    /// - Parameter x: The series (≥ 2 finite values).
    /// - Returns: The statistic (0 for a constant series).
    /// - Complexity: O(n · lag).
    public static func kpssStatistic(_ x: [Double]) -> Double {
        let n = x.count
        if n < 2 { return 0 }
        let mean = x.reduce(0, +) / Double(n)
        let e = x.map { $0 - mean }
        var s = 0.0, sumS2 = 0.0
        for v in e { s += v; sumS2 += s * s }
        let lag = Int(4 * pow(Double(n) / 100, 0.25))
        var lr = e.reduce(0) { $0 + $1 * $1 } / Double(n)
        if lag >= 1 {
            for k in 1...lag where k < n {
                var c = 0.0
                for t in k..<n { c += e[t] * e[t - k] }
                lr += 2 * (1 - Double(k) / Double(lag + 1)) * c / Double(n)
            }
        }
        if !(lr > 0) { return 0 }
        return sumS2 / (Double(n) * Double(n) * lr)
    }

    /// The KPSS 5 % critical value for the level test (Kwiatkowski et al. 1992, table 1).
    public static let kpssCritical5 = 0.463

    /// The number of first differences d ≤ `maximum` after which KPSS no longer rejects level
    /// stationarity at 5 %, as `forecast::ndiffs(test = "kpss")`: stop at a constant series.
    /// - Parameters:
    ///   - x: The series.
    ///   - maximum: Largest d (default 2).
    /// - Returns: d.
    /// - Complexity: O(maximum · n · lag).
    public static func firstDifferences(_ x: [Double], maximum: Int = 2) -> Int {
        var series = x
        var d = 0
        if isConstant(series) { return 0 }
        while d < maximum && kpssStatistic(series) > kpssCritical5 {
            d += 1
            series = ARMAPolynomial.difference(series, d: 1, seasonalD: 0, period: 1)
            if series.count < 3 || isConstant(series) { return d }
        }
        return d
    }

    /// Seasonal strength F_s = max(0, 1 − Var(R) / Var(S + R)) of Wang, Smith & Hyndman (2006), from
    /// a classical additive decomposition (centred 2×m moving-average trend, seasonal means of the
    /// detrended series centred to sum zero). statsforecast and R use an STL decomposition here;
    /// the classical one gives strengths within a few hundredths on ordinary monthly series, so a
    /// series near the 0.64 threshold may get a different D.
    /// - Parameters:
    ///   - x: The series (≥ 2m values).
    ///   - period: m ≥ 2.
    /// - Returns: Strength in [0, 1] (0 when the series is too short).
    /// - Complexity: O(n · m).
    public static func seasonalStrength(_ x: [Double], period m: Int) -> Double {
        let n = x.count
        if m < 2 || n < 2 * m { return 0 }
        var trend = [Double](repeating: .nan, count: n)
        let half = m / 2
        for t in 0..<n {
            if m % 2 == 0 {
                if t - half < 0 || t + half >= n { continue }
                var s = 0.5 * (x[t - half] + x[t + half])
                for k in (t - half + 1)..<(t + half) { s += x[k] }
                trend[t] = s / Double(m)
            } else {
                if t - half < 0 || t + half >= n { continue }
                var s = 0.0
                for k in (t - half)...(t + half) { s += x[k] }
                trend[t] = s / Double(m)
            }
        }
        var sums = [Double](repeating: 0, count: m), counts = [Double](repeating: 0, count: m)
        for t in 0..<n where !trend[t].isNaN {
            sums[t % m] += x[t] - trend[t]
            counts[t % m] += 1
        }
        var season = (0..<m).map { counts[$0] > 0 ? sums[$0] / counts[$0] : 0 }
        let centre = season.reduce(0, +) / Double(m)
        season = season.map { $0 - centre }
        var rem: [Double] = [], sr: [Double] = []
        for t in 0..<n where !trend[t].isNaN {
            let detrended = x[t] - trend[t]
            rem.append(detrended - season[t % m])
            sr.append(detrended)
        }
        func variance(_ v: [Double]) -> Double {
            let mu = v.reduce(0, +) / Double(v.count)
            return v.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(max(v.count - 1, 1))
        }
        let vsr = variance(sr)
        if !(vsr > 0) { return 0 }
        return max(0, min(1, 1 - variance(rem) / vsr))
    }

    /// Seasonal differences D ∈ {0, 1}: 1 when the seasonal strength exceeds 0.64
    /// (`forecast::nsdiffs(test = "seas")`), 0 for short or constant series.
    /// - Parameters:
    ///   - x: The series.
    ///   - period: m.
    /// - Returns: D.
    /// - Complexity: O(n · m).
    public static func seasonalDifferences(_ x: [Double], period m: Int) -> Int {
        if m < 2 || x.count < 2 * m || isConstant(x) { return 0 }
        return seasonalStrength(x, period: m) > 0.64 ? 1 : 0
    }

    static func isConstant(_ x: [Double]) -> Bool {
        guard let f = x.first else { return true }
        return x.allSatisfy { $0 == f }
    }
}
