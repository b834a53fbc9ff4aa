import Foundation

/// How a funnel matches events to steps: ClickHouse `windowFunnel` options, combinable.
///
/// The empty set is ClickHouse's default mode. The exact rules are in `EventFunnel`'s documentation.
public struct FunnelMode: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The option bits.
    public let rawValue: Int

    /// An option set from its bits.
    /// - Parameter rawValue: The bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// ClickHouse's default mode: other events in between are ignored.
    public static let `default`: FunnelMode = []
    /// ClickHouse `strict_order`: once step 1 has been seen, any event that is not the next step of
    /// the chain (a non-funnel event, or a later step whose predecessor has not been reached) stops
    /// the search.
    public static let strictOrder = FunnelMode(rawValue: 1 << 0)
    /// ClickHouse `strict_increase`: a step only counts at a timestamp strictly after the previous
    /// step's (equal timestamps do not advance the chain).
    public static let strictIncrease = FunnelMode(rawValue: 1 << 1)
    /// ClickHouse `strict_deduplication`: a repeat of a step (other than step 1) that has already
    /// been reached stops the search.
    public static let strictDeduplication = FunnelMode(rawValue: 1 << 2)

    /// The mode from its CLI spelling: `default`, `strict-order`, `strict-increase`, `strict-dedup`
    /// (also ClickHouse's own `strict_order`, `strict_increase`, `strict_deduplication`); several
    /// joined with `+` combine.
    /// - Parameter text: The spelling.
    /// - Returns: The mode, or `nil` for an unknown word.
    public static func parse(_ text: String) -> FunnelMode? {
        var mode: FunnelMode = []
        for word in text.split(separator: "+") {
            switch word.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "default": break
            case "strict-order": mode.insert(.strictOrder)
            case "strict-increase": mode.insert(.strictIncrease)
            case "strict-dedup", "strict-deduplication": mode.insert(.strictDeduplication)
            default: return nil
            }
        }
        return mode
    }

    /// `default`, or the options joined with `+` (`strict-order+strict-increase`).
    public var description: String {
        var words: [String] = []
        if contains(.strictOrder) { words.append("strict-order") }
        if contains(.strictIncrease) { words.append("strict-increase") }
        if contains(.strictDeduplication) { words.append("strict-dedup") }
        return words.isEmpty ? "default" : words.joined(separator: "+")
    }
}

/// An event that disqualifies a user when it happens inside the user's converting chain between two
/// steps (Mixpanel/PostHog "exclusion steps").
public struct FunnelExclusion: Sendable, Hashable {
    /// The excluded event's name.
    public var event: String
    /// The step (0-based) from whose time on the exclusion event counts.
    public var fromStep: Int
    /// The step (0-based) up to whose time the exclusion event counts.
    public var toStep: Int

    /// An exclusion.
    /// - Parameters:
    ///   - event: The event name.
    ///   - fromStep: 0-based first step of the guarded span (default 0).
    ///   - toStep: 0-based last step of the guarded span (`nil`: the funnel's last step).
    public init(event: String, fromStep: Int = 0, toStep: Int? = nil) {
        self.event = event
        self.fromStep = fromStep
        self.toStep = toStep ?? Int.max
    }
}

/// A funnel: ordered steps (event names), a conversion window, optional per-step windows, a
/// matching mode and an optional exclusion.
public struct FunnelDefinition: Sendable, Hashable {
    /// The step event names, in order (at most 32, as in ClickHouse). A name may repeat.
    public var steps: [String]
    /// The conversion window in seconds: the last step of a chain is at most this long after its first.
    public var windowSeconds: Int64
    /// Optional per-step windows: `stepWindowSeconds[k]` (k ≥ 1) bounds the time from step k − 1 to
    /// step k of a chain; `nil` entries (and index 0) are unbounded. Empty: no per-step windows.
    public var stepWindowSeconds: [Int64?]
    /// The matching mode.
    public var mode: FunnelMode
    /// An optional exclusion event.
    public var exclusion: FunnelExclusion?

    /// The largest number of steps.
    public static let maximumSteps = 32

    /// A funnel definition (checked when the funnel runs).
    /// - Parameters:
    ///   - steps: Step event names in order.
    ///   - windowSeconds: Conversion window in seconds (≥ 0).
    ///   - stepWindowSeconds: Optional per-step windows (same count as `steps`, or empty).
    ///   - mode: Matching mode (default: ClickHouse default).
    ///   - exclusion: Optional exclusion event.
    public init(steps: [String], windowSeconds: Int64, stepWindowSeconds: [Int64?] = [],
                mode: FunnelMode = .default, exclusion: FunnelExclusion? = nil) {
        self.steps = steps
        self.windowSeconds = windowSeconds
        self.stepWindowSeconds = stepWindowSeconds
        self.mode = mode
        self.exclusion = exclusion
    }

    /// Parses a duration such as `7d`, `12h`, `30m`, `45s` or `90` (seconds).
    /// - Parameter text: The duration.
    /// - Returns: Seconds, or `nil` when the text is not a non-negative duration.
    public static func parseDuration(_ text: String) -> Int64? {
        guard let last = text.last else { return nil }
        let unit: Int64
        var digits = Substring(text)
        switch last {
        case "s": unit = 1; digits = digits.dropLast()
        case "m": unit = 60; digits = digits.dropLast()
        case "h": unit = 3600; digits = digits.dropLast()
        case "d": unit = 86_400; digits = digits.dropLast()
        case "w": unit = 604_800; digits = digits.dropLast()
        default: unit = 1
        }
        guard let value = Int64(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : product
    }
}
