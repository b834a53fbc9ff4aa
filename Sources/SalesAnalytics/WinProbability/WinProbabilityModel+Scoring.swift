import Foundation
import SalesData
import SalesModels
import SalesNumerics

/// One feature's push on a deal's log-odds against the average training deal.
public struct WinDriver: Sendable, Equatable, CustomStringConvertible {
    /// The feature's name (`source`, `log(amount)`, `num_meetings:source`).
    public let feature: String
    /// The deal's category level, for a categorical feature.
    public let level: String?
    /// The deal's raw column value (before any log transform), for a numeric feature.
    public let value: Double?
    /// The contribution to the log-odds (positive: raises the win probability).
    public let contribution: Double

    /// `source=referral (+0.62)`, `amount=25000 (-0.11)`, `num_meetings:source (+0.05)`.
    public var description: String {
        let sign = contribution >= 0 ? "+" : ""
        let effect = "(\(sign)\(String(format: "%.2f", contribution)))"
        if let level { return "\(feature)=\(level) \(effect)" }
        if let value {
            let name = feature.hasPrefix("log(") || feature.hasPrefix("log1p(")
                ? String(feature.drop(while: { $0 != "(" }).dropFirst().dropLast()) : feature
            return "\(name)=\(String(format: "%g", value)) \(effect)"
        }
        return "\(feature) \(effect)"
    }
}

/// One scored deal.
public struct WinScore: Sendable, Equatable {
    /// The row in the scored table.
    public let row: Int
    /// The opportunity id, when the table has `opportunity_id`.
    public let opportunityID: String?
    /// The win probability.
    public let probability: Double
    /// Its log-odds.
    public let logOdds: Double
    /// The drivers, largest |contribution| first (the top few, or all for `explain`).
    public let drivers: [WinDriver]
}

/// The result of scoring a table.
public struct WinScoring: Sendable {
    /// Scored deals, in table order.
    public let scores: [WinScore]
    /// Rows left unscored (a missing feature value), at their file lines, in row order.
    public let unscored: [RejectedRow]
}

extension WinProbabilityModel {
    /// Which rows of an opportunities table to score.
    public enum RowSelection: String, Sendable, CaseIterable {
        /// Open deals (`is_won` empty).
        case open
        /// Closed deals.
        case closed
        /// Every row.
        case all
    }

    /// The log-odds of the average training deal, `β₀ + β·x̄` (the drivers' baseline).
    public var baselineLogOdds: Double {
        var eta = coefficients.first ?? 0
        for (j, mean) in averageRow.enumerated() where j + 1 < coefficients.count { eta += coefficients[j + 1] * mean }
        return eta
    }

    /// Scores deals and explains each by its top drivers.
    /// - Parameters:
    ///   - opportunities: An opportunities table (`deal_age_days` is added when needed, with the
    ///     model's as-of day unless `asOf` is given).
    ///   - rows: Which rows (default: open deals).
    ///   - topDrivers: Drivers kept per deal (default 3; `Int.max` for all).
    ///   - asOf: As-of day for open deals' ages (default: the training as-of day).
    ///   - file: The file the table was read from (for the unscored rows' messages).
    ///   - lines: The table rows' file lines (`ContractReadResult.rowLines`); default: row 0 is line 2.
    /// - Returns: Scores in table order, and the rows that could not be scored.
    /// - Throws: `WinModelError.design` for a missing column or a category level the model never
    ///   saw (under the encoding's `.error` policy).
    /// - Complexity: O(rows × design columns) plus O(rows × features) for the drivers.
    public func score(_ opportunities: Table, rows: RowSelection = .open, topDrivers: Int = 3,
                      asOf: Day? = nil, file: String = "opportunities", lines: RowLines? = nil) throws -> WinScoring {
        let table = try Self.prepared(opportunities, asOf: asOf ?? training.asOf)
        let won = try? table.booleans("is_won")
        let ids = try? table.categories("opportunity_id")
        var mask = [Bool](repeating: true, count: table.rowCount)
        if let won {
            for row in 0..<table.rowCount {
                switch rows {
                case .open: mask[row] = !won.valid[row]
                case .closed: mask[row] = won.valid[row]
                case .all: break
                }
            }
        }
        var unscored: [RejectedRow] = []
        for name in Self.columns(of: encoding.specification.terms) {
            guard let column = try? table.column(name) else {
                throw WinModelError.design(.column(.missingColumn(name: name, available: table.columnNames)))
            }
            for row in 0..<table.rowCount where mask[row] && !column.valid[row] {
                mask[row] = false
                let reason = "is missing, the model needs it" + (ids?[row].map { " (opportunity \($0))" } ?? "")
                unscored.append(RejectedRow(file: file, line: lines?[row] ?? row + 2, column: name, reason: reason, text: ""))
            }
        }
        unscored.sort { $0.line < $1.line }
        let selected = (0..<table.rowCount).filter { mask[$0] }
        let subset: Table
        do { subset = try table.filtered(mask) } catch let error as TableError { throw WinModelError.design(.column(error)) }
        let x: Matrix
        do { x = try encoding.matrix(from: subset) } catch let error as DesignMatrixError { throw WinModelError.design(error) }
        let n = x.rows
        let features = encoding.features
        // contributions[f * n + i]
        var contributions = [Double](repeating: 0, count: features.count * n)
        contributions.withUnsafeMutableBufferPointer { c in
            x.storage.withUnsafeBufferPointer { xs in
                for (f, feature) in features.enumerated() {
                    for j in feature.columns {
                        let beta = coefficients[j + 1], mean = averageRow[j]
                        let column = j * n, out = f * n
                        for i in 0..<n { c[out + i] += beta * (xs[column + i] - mean) }
                    }
                }
            }
        }
        // Raw values for the driver labels.
        var levelsByFeature: [CategoryColumn?] = []
        var valuesByFeature: [TypedColumn<Double>?] = []
        for feature in features {
            switch feature.term {
            case let .categorical(column, _):
                levelsByFeature.append(try? subset.categories(column)); valuesByFeature.append(nil)
            case let .numeric(column, _):
                levelsByFeature.append(nil); valuesByFeature.append(try? subset.numbers(column))
            case .interaction:
                levelsByFeature.append(nil); valuesByFeature.append(nil)
            }
        }
        let base = baselineLogOdds
        let keep = max(0, min(topDrivers, features.count))
        var scores: [WinScore] = []
        scores.reserveCapacity(n)
        var order: [Int] = []
        for i in 0..<n {
            var eta = base
            for f in 0..<features.count { eta += contributions[f * n + i] }
            order.removeAll(keepingCapacity: true)
            for f in 0..<features.count {
                // Insertion into the running top list by |contribution|.
                let magnitude = abs(contributions[f * n + i])
                var position = order.count
                while position > 0 && abs(contributions[order[position - 1] * n + i]) < magnitude { position -= 1 }
                if position < keep { order.insert(f, at: position); if order.count > keep { order.removeLast() } }
            }
            let drivers = order.map { f in
                WinDriver(feature: features[f].name, level: levelsByFeature[f]?[i], value: valuesByFeature[f]?[i],
                          contribution: contributions[f * n + i])
            }
            let row = selected[i]
            scores.append(WinScore(row: row, opportunityID: ids?[row], probability: 1 / (1 + exp(-eta)),
                                   logOdds: eta, drivers: drivers))
        }
        return WinScoring(scores: scores, unscored: unscored)
    }

    /// Every driver of one deal.
    /// - Parameters:
    ///   - opportunities: The table holding the deal.
    ///   - opportunityID: Its `opportunity_id`.
    /// - Returns: The deal's score with all drivers, largest first.
    /// - Throws: `WinModelError.unknownOpportunity`, or as `score`.
    public func explain(_ opportunities: Table, opportunityID: String) throws -> WinScore {
        let ids: CategoryColumn
        do { ids = try opportunities.categories("opportunity_id") } catch let error as TableError { throw WinModelError.design(.column(error)) }
        guard let code = ids.code(of: opportunityID), let row = ids.codes.firstIndex(of: code) else {
            throw WinModelError.unknownOpportunity(id: opportunityID)
        }
        var mask = [Bool](repeating: false, count: opportunities.rowCount)
        mask[row] = true
        let one: Table
        do { one = try opportunities.filtered(mask) } catch let error as TableError { throw WinModelError.design(.column(error)) }
        let result = try score(one, rows: .all, topDrivers: Int.max)
        guard let first = result.scores.first else {
            throw WinModelError.design(.missingValue(feature: result.unscored.first?.column ?? "feature", row: row))
        }
        return WinScore(row: row, opportunityID: opportunityID, probability: first.probability,
                        logOdds: first.logOdds, drivers: first.drivers)
    }

    /// The model's probabilities for the closed deals of a table, with their outcomes: the input
    /// of every accuracy measure (``evaluate(_:)``, a ROC curve of the fitted model).
    /// - Parameter opportunities: A table with closed deals (`is_won` set).
    /// - Returns: `labels` (1 won, 0 lost) and `probabilities`, one pair per scored closed deal, in row order.
    /// - Throws: `WinModelError` as `score`, or `.design(.column)` when `is_won` is missing.
    /// - Complexity: as `score` with `topDrivers: 0`.
    public func closedDealPredictions(_ opportunities: Table) throws
        -> (labels: [Double], probabilities: [Double]) {
        let scored = try score(opportunities, rows: .closed, topDrivers: 0)
        let won: TypedColumn<Bool>
        do { won = try opportunities.booleans("is_won") } catch let error as TableError { throw WinModelError.design(.column(error)) }
        return (scored.scores.map { won.values[$0.row] ? 1.0 : 0.0 }, scored.scores.map(\.probability))
    }

    /// The model's accuracy on the closed deals of a table (a hold-out evaluation).
    /// - Parameter opportunities: A table with closed deals.
    /// - Returns: AUC, log-loss, Brier and calibration of the model's probabilities (`folds` is 0).
    /// - Throws: `WinModelError` as `score`, or `.singleOutcome` when the deals are all won or all lost.
    public func evaluate(_ opportunities: Table) throws -> CrossValidationSummary {
        let (labels, p) = try closedDealPredictions(opportunities)
        let wins = Int(labels.reduce(0, +))
        guard wins > 0 && wins < labels.count else { throw WinModelError.singleOutcome(wins: wins, losses: labels.count - wins) }
        return try CrossValidationSummary(folds: 0, labels: labels, probabilities: p, what: "metrics")
    }
}
