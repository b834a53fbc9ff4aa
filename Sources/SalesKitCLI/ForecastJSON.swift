import Foundation
import SalesKit

/// The JSON of `saleskit forecast` (CLI contract: `model`, `forecast[{period, mean, lo80, hi80, lo95, hi95}]`,
/// `accuracy{mape, smape, mase}`), plus `kind`, `accuracySource`, `notes`, `rejected` and details per kind.
struct ForecastJSON: Encodable {
    struct Row: Encodable {
        var period: String
        var mean: Double
        var bounds: [(key: String, value: Double)]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(period, forKey: Key("period"))
            try c.encode(mean, forKey: Key("mean"))
            for b in bounds { try c.encode(b.value, forKey: Key(b.key)) }
        }
    }

    struct Accuracy: Encodable {
        var mape: Double?
        var smape: Double?
        var mase: Double?
        var wape: Double?
        var bias: Double?
        var pairs: Int
    }

    struct WinRate: Encodable {
        var stage: String
        var passed: Double
        var won: Double
        var rate: Double
    }

    struct Pipeline: Encodable {
        var asOf: String
        var openDeals: Int
        var winRateSource: String
        var overallWinRate: Double
        var stageWinRates: [WinRate]
        var closeTiming: String
        var expectedBeyondHorizon: Double
        var paths: Int
        var seed: UInt64
    }

    struct Component: Encodable {
        var name: String
        var mean: [Double]
    }

    struct Group: Encodable {
        var group: String
        var model: String?
        var forecast: [Row]
        var accuracy: Accuracy?
        var accuracySource: String?
        var notes: [String]
        var error: String?
    }

    var kind: String
    var model: String
    var forecast: [Row]
    var accuracy: Accuracy?
    var accuracySource: String?
    var notes: [String]
    var rejected: [RejectedRow]
    var pipeline: Pipeline?
    var components: [Component]?
    var quota: QuotaProposal?
    var groups: [Group]? = nil
    /// The history the model was fitted on, each period flagged when the data cover it only in part.
    var history: [HistoryRow]? = nil
    /// A partial last period of the orders that was left out of the model (`--include-partial` keeps it).
    var excludedPartialPeriod: String? = nil

    /// One period of the history.
    struct HistoryRow: Encodable {
        var period: String
        var value: Double?
        var partial: Bool
    }

    enum CodingKeys: String, CodingKey {
        case kind, model, forecast, accuracy, accuracySource, notes, rejected, pipeline, components, quota, groups
        case history, excludedPartialPeriod
    }

    /// The history rows of a labelled series (NaN values are null).
    static func history(_ series: PeriodSeries) -> [HistoryRow] {
        series.series.values.indices.map { i in
            let v = series.series.values[i]
            return HistoryRow(period: series.label(at: i), value: v.isFinite ? v : nil, partial: series.isPartial(at: i))
        }
    }

    /// `accuracy` and `accuracySource` are always present (null when there is none), as the contract lists them.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(model, forKey: .model)
        try c.encode(forecast, forKey: .forecast)
        if let accuracy { try c.encode(accuracy, forKey: .accuracy) } else { try c.encodeNil(forKey: .accuracy) }
        if let accuracySource { try c.encode(accuracySource, forKey: .accuracySource) } else { try c.encodeNil(forKey: .accuracySource) }
        try c.encode(notes, forKey: .notes)
        try c.encode(rejected, forKey: .rejected)
        try c.encodeIfPresent(pipeline, forKey: .pipeline)
        try c.encodeIfPresent(components, forKey: .components)
        try c.encodeIfPresent(quota, forKey: .quota)
        try c.encodeIfPresent(groups, forKey: .groups)
        try c.encodeIfPresent(history, forKey: .history)
        try c.encodeIfPresent(excludedPartialPeriod, forKey: .excludedPartialPeriod)
    }

    static func rows(periods: [String], forecast: Forecast) -> [Row] {
        periods.indices.map { k in
            var bounds: [(String, Double)] = []
            for band in forecast.intervals {
                let l = Self.levelName(band.level)
                bounds.append(("lo" + l, band.lower[k]))
                bounds.append(("hi" + l, band.upper[k]))
            }
            return Row(period: periods[k], mean: forecast.mean[k], bounds: bounds)
        }
    }

    static func accuracy(_ a: ForecastAccuracy?) -> Accuracy? {
        guard let a else { return nil }
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        return Accuracy(mape: finite(a.mape), smape: finite(a.smape), mase: finite(a.mase), wape: finite(a.wape),
                        bias: finite(a.bias), pairs: a.count)
    }

    static func levelName(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }
}
