import Foundation

/// The second axis of a segment rule table: the frequency score, or the mean of the frequency
/// and monetary scores.
public enum RFMSegmentAxis: String, Sendable, Equatable, Codable {
    /// Rules test the frequency score `f` (default; the common R × F grid).
    case f
    /// Rules test `fm = ⌊(f + m + 1) / 2⌋`, the mean of `f` and `m` rounded half up.
    case fm
}

/// One named segment: the customers whose recency score lies in `recency` and whose second-axis
/// score (`f` or `fm`) lies in `frequency`. Ranges are inclusive.
public struct RFMSegmentRule: Sendable, Equatable, Codable {
    /// The segment's name (several rules may share one name).
    public var name: String
    /// Inclusive recency-score range.
    public var recency: ClosedRange<Int>
    /// Inclusive range of the frequency (or FM) score.
    public var frequency: ClosedRange<Int>

    /// A rule.
    /// - Parameters:
    ///   - name: Segment name.
    ///   - recency: Inclusive recency-score range.
    ///   - frequency: Inclusive frequency (or FM) score range.
    public init(_ name: String, recency: ClosedRange<Int>, frequency: ClosedRange<Int>) {
        self.name = name
        self.recency = recency
        self.frequency = frequency
    }

    private enum CodingKeys: String, CodingKey { case name, r, f }

    /// Decodes `{"name": "Champions", "r": [5, 5], "f": [4, 5]}`.
    /// - Throws: `DecodingError` when a key is missing or a range is not two integers `[lower, upper]`
    ///   with `lower ≤ upper`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        func range(_ key: CodingKeys) throws -> ClosedRange<Int> {
            let bounds = try container.decode([Int].self, forKey: key)
            guard bounds.count == 2, bounds[0] <= bounds[1] else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                    debugDescription: "segment \"\(name)\": \(key.rawValue) must be [lower, upper] with lower ≤ upper")
            }
            return bounds[0]...bounds[1]
        }
        self.name = name
        self.recency = try range(.r)
        self.frequency = try range(.f)
    }

    /// Encodes as `{"name", "r": [lower, upper], "f": [lower, upper]}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode([recency.lowerBound, recency.upperBound], forKey: .r)
        try container.encode([frequency.lowerBound, frequency.upperBound], forKey: .f)
    }
}

/// Named RFM segments as data: an ordered list of rules over a `scale × scale` grid of
/// (recency score, frequency or FM score); the first rule that matches names the customer's
/// segment, and every cell of the grid must be matched by some rule.
///
/// JSON form (`RFMSegmentTable(json:)`, CLI `--segments FILE.json`):
/// `{"scale": 5, "axis": "f", "segments": [{"name": "Champions", "r": [5, 5], "f": [4, 5]}, …]}`
/// (`scale` defaults to 5 and `axis` to `"f"` when absent).
///
/// When the scores have another number of levels `b` than the table's `scale` `T` (say quartiles
/// against the 5-level default), a score `s` is looked up as `⌊(2s − 1)·T / (2b)⌋ + 1`: the table
/// level containing the midpoint of the score's quantile interval (quartiles 1,2,3,4 → 1,2,4,5).
public struct RFMSegmentTable: Sendable, Equatable, Codable {
    /// The number of score levels the rules are written for.
    public let scale: Int
    /// Which score the rules' second range tests.
    public let axis: RFMSegmentAxis
    /// The rules, first match wins.
    public let rules: [RFMSegmentRule]
    /// The distinct segment names in rule order.
    public let segmentNames: [String]
    /// `cells[(r − 1)·scale + (a − 1)]`: the index in `segmentNames` of score cell (r, a).
    let cells: [UInt16]

    /// A validated table.
    /// - Parameters:
    ///   - scale: Score levels (2…100).
    ///   - axis: `.f` or `.fm`.
    ///   - rules: Ordered rules; ranges within `1…scale`; together they must cover every cell.
    /// - Throws: `RFMError.invalidSegmentScale`, `.emptySegmentTable`, `.segmentRuleOutOfRange`,
    ///   `.uncoveredSegmentCell` (the first uncovered cell, by r then f).
    /// - Complexity: O(rules × scale²).
    public init(scale: Int = 5, axis: RFMSegmentAxis = .f, rules: [RFMSegmentRule]) throws {
        guard (2...100).contains(scale) else { throw RFMError.invalidSegmentScale(scale) }
        guard !rules.isEmpty else { throw RFMError.emptySegmentTable }
        for rule in rules {
            for (name, range) in [("r", rule.recency), ("f", rule.frequency)]
            where range.lowerBound < 1 || range.upperBound > scale {
                throw RFMError.segmentRuleOutOfRange(segment: rule.name, axis: name, lower: range.lowerBound,
                                             upper: range.upperBound, scale: scale)
            }
        }
        var names: [String] = []
        for rule in rules where !names.contains(rule.name) { names.append(rule.name) }
        var cells = [UInt16](repeating: 0, count: scale * scale)
        for r in 1...scale {
            for a in 1...scale {
                guard let rule = rules.first(where: { $0.recency.contains(r) && $0.frequency.contains(a) }),
                      let index = names.firstIndex(of: rule.name) else {
                    throw RFMError.uncoveredSegmentCell(r: r, f: a)
                }
                cells[(r - 1) * scale + (a - 1)] = UInt16(truncatingIfNeeded: index)
            }
        }
        self.scale = scale
        self.axis = axis
        self.rules = rules
        self.segmentNames = names
        self.cells = cells
    }

    /// A table from its JSON form (see the type's documentation).
    /// - Parameter json: UTF-8 JSON bytes.
    /// - Throws: `DecodingError` for malformed JSON, `RFMError` for an invalid table.
    public init(json: [UInt8]) throws {
        self = try JSONDecoder().decode(RFMSegmentTable.self, from: Data(json))
    }

    private enum CodingKeys: String, CodingKey { case scale, axis, segments }

    /// Decodes the JSON form and validates it.
    /// - Throws: `DecodingError`, or `RFMError` for an invalid table.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scale = try container.decodeIfPresent(Int.self, forKey: .scale) ?? 5
        let axis = try container.decodeIfPresent(RFMSegmentAxis.self, forKey: .axis) ?? .f
        let rules = try container.decode([RFMSegmentRule].self, forKey: .segments)
        try self.init(scale: scale, axis: axis, rules: rules)
    }

    /// Encodes `{"scale", "axis", "segments"}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scale, forKey: .scale)
        try container.encode(axis, forKey: .axis)
        try container.encode(rules, forKey: .segments)
    }

    /// Equal when scale, axis and rules are equal.
    public static func == (lhs: RFMSegmentTable, rhs: RFMSegmentTable) -> Bool {
        lhs.scale == rhs.scale && lhs.axis == rhs.axis && lhs.rules == rhs.rules
    }

    /// The segment index (into `segmentNames`) of a customer's scores.
    /// - Parameters:
    ///   - r: Recency score in `1…recencyLevels`.
    ///   - a: Frequency score, or the FM score (for `.fm`) in `1…secondLevels`.
    ///   - recencyLevels: Levels of the recency score.
    ///   - secondLevels: Levels of the second score.
    @inline(__always)
    func segmentIndex(r: Int, a: Int, recencyLevels: Int, secondLevels: Int) -> UInt16 {
        let rr = recencyLevels == scale ? r : (2 * r - 1) * scale / (2 * recencyLevels) + 1
        let aa = secondLevels == scale ? a : (2 * a - 1) * scale / (2 * secondLevels) + 1
        return cells[(rr - 1) * scale + (aa - 1)]
    }

    /// The common 11-segment table on recency × frequency quintiles (first match wins):
    ///
    /// | r \ f | 1 | 2 | 3 | 4 | 5 |
    /// |---|---|---|---|---|---|
    /// | 5 | New Customers | Potential Loyalist | Potential Loyalist | Champions | Champions |
    /// | 4 | Promising | Potential Loyalist | Potential Loyalist | Loyal | Loyal |
    /// | 3 | About to Sleep | About to Sleep | Need Attention | Loyal | Loyal |
    /// | 2 | Hibernating | Hibernating | At Risk | At Risk | Can't Lose Them |
    /// | 1 | Lost | Hibernating | At Risk | At Risk | Can't Lose Them |
    public static let standard: RFMSegmentTable = {
        let rules = [
            RFMSegmentRule("Champions", recency: 5...5, frequency: 4...5),
            RFMSegmentRule("Loyal", recency: 3...4, frequency: 4...5),
            RFMSegmentRule("Potential Loyalist", recency: 4...5, frequency: 2...3),
            RFMSegmentRule("New Customers", recency: 5...5, frequency: 1...1),
            RFMSegmentRule("Promising", recency: 4...4, frequency: 1...1),
            RFMSegmentRule("Need Attention", recency: 3...3, frequency: 3...3),
            RFMSegmentRule("About to Sleep", recency: 3...3, frequency: 1...2),
            RFMSegmentRule("At Risk", recency: 1...2, frequency: 3...4),
            RFMSegmentRule("Can't Lose Them", recency: 1...2, frequency: 5...5),
            RFMSegmentRule("Lost", recency: 1...1, frequency: 1...1),
            RFMSegmentRule("Hibernating", recency: 1...2, frequency: 1...2),
        ]
        do {
            return try RFMSegmentTable(scale: 5, axis: .f, rules: rules)
        } catch {
            preconditionFailure("the standard segment table is valid: \(error)")
        }
    }()
}
