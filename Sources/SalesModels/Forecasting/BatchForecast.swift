import Dispatch
import Foundation

/// Forecasting many series in one call on all cores.
public enum BatchForecast {
    /// Forecasts every series with one method, in parallel.
    ///
    /// Work is split into chunks run by `DispatchQueue.concurrentPerform`; results come back in input
    /// order, and a failing series yields its ``ForecastError`` in its slot without stopping the others.
    /// Results are identical to forecasting the series one by one (the same `seed` is used per series).
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - horizon: Steps ahead.
    ///   - method: The method (default AutoETS).
    ///   - levels: Interval coverages in percent.
    ///   - seed: Seed for simulated intervals.
    /// - Returns: One result per series, in input order.
    /// - Complexity: series × (cost of the method) / cores.
    public static func forecast(
        _ series: [[Double]], seasonalPeriod: Int, horizon: Int, method: ForecastMethod = .autoETS,
        levels: [Double] = [80, 95], seed: UInt64 = 42
    ) -> [Result<Forecast, ForecastError>] {
        map(series) { _, values in
            do throws(ForecastError) {
                return .success(try method.forecast(values, seasonalPeriod: seasonalPeriod, horizon: horizon,
                                                    levels: levels, seed: seed))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Runs AutoETS model selection on every series, in parallel, keeping every candidate's fit.
    ///
    /// Use it when the chosen model, its parameters or the candidates' AICc are needed next to the
    /// forecast (``AutoETS/Selection/best`` forecasts with ``ETSFit/forecast(horizon:levels:simulationPaths:seed:)``).
    /// - Parameters:
    ///   - series: The series.
    ///   - seasonalPeriod: m, shared.
    ///   - options: Optimizer settings for each fit.
    /// - Returns: One selection or error per series, in input order.
    /// - Complexity: series × (up to 15 fits) / cores.
    public static func selectAutoETS(
        _ series: [[Double]], seasonalPeriod: Int, options: ETSFitOptions = .init()
    ) -> [Result<AutoETS.Selection, ForecastError>] {
        map(series) { _, values in
            do throws(ForecastError) {
                return .success(try AutoETS.select(values, seasonalPeriod: seasonalPeriod, options: options))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Applies `body` to every element on all cores, keeping input order.
    static func map<T, R>(_ items: [T], _ body: (Int, T) -> R) -> [R] {
        let n = items.count
        if n == 0 { return [] }
        let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let chunks = min(n, cores * 8)
        var out = [R?](repeating: nil, count: n)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = SendablePointer(base: buffer.baseAddress!)
            items.withUnsafeBufferPointer { input in
                let source = SendableInput(base: input.baseAddress!)
                withoutActuallyEscaping(body) { body in
                    let work = UncheckedBox(body)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let lo = c * n / chunks, hi = (c + 1) * n / chunks
                        for i in lo..<hi { slots.base[i] = work.value(i, source.base[i]) }
                    }
                }
            }
        }
        return out.map { $0! }
    }
}

/// Each chunk writes disjoint slots, so sharing the base pointer across threads is race-free.
private struct SendablePointer<R>: @unchecked Sendable { let base: UnsafeMutablePointer<R?> }
private struct SendableInput<T>: @unchecked Sendable { let base: UnsafePointer<T> }
private struct UncheckedBox<F>: @unchecked Sendable { let value: F; init(_ v: F) { value = v } }
