import Foundation
import SalesData
import SalesModels
import SalesNumerics

// Training the win model: the closed deals, the design, the fit with its fall-backs.
extension WinProbabilityModel {
    /// Trains the model on the closed deals of an opportunities table.
    /// - Parameters:
    ///   - opportunities: The table (`ContractReader.read(.opportunities, …)`; `deal_age_days` is
    ///     added when a default or chosen feature needs it).
    ///   - features: The features (default `WinFeatures.defaults`).
    ///   - options: Folds, seed, thin-history threshold, penalty, as-of day.
    /// - Returns: The fitted, cross-validated model.
    /// - Throws: `WinModelError`: no closed deals, one outcome, a design error (unknown column,
    ///   single-level category, …), a fit error (collinear features; separation under `.none`).
    /// - Complexity: (folds + 1) logistic fits of O(n·p²) per Newton iteration.
    public static func train(opportunities: Table, features: [DesignSpecification.Term] = WinFeatures.defaults,
                             options: Options = Options()) throws -> WinProbabilityModel {
        let table = try prepared(opportunities, asOf: options.asOf)
        let won: TypedColumn<Bool>
        do { won = try table.booleans("is_won") } catch let error as TableError { throw WinModelError.design(.column(error)) }
        let columns = Self.columns(of: features)
        var mask = [Bool](repeating: false, count: table.rowCount)
        var closed = 0
        for row in 0..<table.rowCount where won.valid[row] {
            closed += 1
            mask[row] = true
        }
        for name in columns {
            guard let column = try? table.column(name) else {
                throw WinModelError.design(.column(.missingColumn(name: name, available: table.columnNames)))
            }
            for row in 0..<table.rowCount where !column.valid[row] { mask[row] = false }
        }
        let complete = mask.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard complete > 0 else { throw WinModelError.noClosedDeals(closed: closed, complete: complete) }
        let training: Table
        do { training = try table.filtered(mask) } catch let error as TableError { throw WinModelError.design(.column(error)) }
        let labels = (0..<table.rowCount).filter { mask[$0] }.map { won.values[$0] ? 1.0 : 0.0 }
        let wins = labels.reduce(0) { $0 + Int($1) }, losses = labels.count - wins
        guard wins > 0 && losses > 0 else { throw WinModelError.singleOutcome(wins: wins, losses: losses) }

        let encoding: DesignEncoding
        let x: Matrix
        do {
            encoding = try DesignEncoding.fit(DesignSpecification(terms: features, intercept: false), on: training)
            x = try encoding.matrix(from: training)
        } catch let error as DesignMatrixError { throw WinModelError.design(error) }

        var notes: [String] = []
        if complete < closed {
            notes.append("\(closed - complete) closed deals lack a feature value and were left out")
        }
        var method: Method
        switch options.penalty {
        case .none: method = .maximumLikelihood
        case .firth: method = .firth
        case let .ridge(lambda): method = .ridge(lambda: lambda)
        case .automatic:
            if wins < options.minimumClassCount || losses < options.minimumClassCount {
                notes.append("too little history: \(wins) wins and \(losses) losses (fewer than \(options.minimumClassCount) of each); "
                    + "using Firth's bias-reduced logistic regression")
                method = .firth
            } else {
                method = .maximumLikelihood
            }
        }
        let fitted: LogisticRegression
        (fitted, method) = try fit(x: x, labels: labels, names: encoding.columnNames, method: method,
                                   allowFallback: options.penalty == .automatic, notes: &notes, fold: nil)

        var average = [Double](repeating: 0, count: x.columns)
        for j in 0..<x.columns {
            var sum = 0.0
            for i in 0..<x.rows { sum += x[i, j] }
            average[j] = sum / Double(x.rows)
        }
        let cv = try crossValidate(x: x, labels: labels, names: encoding.columnNames, method: method,
                                   options: options, notes: &notes)
        return WinProbabilityModel(
            encoding: encoding, terms: fitted.termNames,
            coefficients: fitted.coefficients, standardErrors: fitted.standardErrors, pValues: fitted.pValues,
            method: method, averageRow: average,
            training: TrainingSummary(closedDeals: closed, fittedDeals: complete, wins: wins, losses: losses,
                                      logLikelihood: fitted.logLikelihood, asOf: options.asOf ?? dataAsOf(table).map { Day($0) },
                                      notes: notes),
            crossValidation: cv)
    }

    /// The table with `deal_age_days` added.
    static func prepared(_ table: Table, asOf: Day?) throws -> Table {
        guard table.hasColumn("created_date"), table.hasColumn("close_date") else { return table }
        do { return try WinFeatures.addingDealAge(to: table, asOf: asOf) } catch let error as TableError {
            throw WinModelError.design(.column(error))
        } catch { throw WinModelError.fit(reason: "\(error)", fold: nil) }
    }

    static func dataAsOf(_ table: Table) -> Int32? {
        guard let created = try? table.dates("created_date"), let closed = try? table.dates("close_date") else { return nil }
        let won = try? table.booleans("is_won")
        return WinFeatures.defaultAsOf(created: created, closed: closed, isClosed: { won?.valid[$0] ?? true })
    }

    /// The table columns a feature list reads.
    static func columns(of terms: [DesignSpecification.Term]) -> [String] {
        terms.compactMap { term in
            switch term {
            case let .numeric(column, _): return column
            case let .categorical(column, _): return column
            case .interaction: return nil
            }
        }
    }

    /// One logistic fit with the method's options; under automatic mode a separated or
    /// non-converging maximum-likelihood fit falls back to Firth (then L2 with λ = 1).
    static func fit(x: Matrix, labels: [Double], names: [String], method: Method, allowFallback: Bool,
                    notes: inout [String], fold: Int?) throws -> (LogisticRegression, Method) {
        func options(_ method: Method) -> LogisticRegression.Options {
            switch method {
            case .maximumLikelihood: return LogisticRegression.Options()
            case .firth: return LogisticRegression.Options(firth: true)
            case let .ridge(lambda): return LogisticRegression.Options(l2Penalty: lambda)
            }
        }
        var attempts: [Method] = [method]
        if allowFallback {
            if method == .maximumLikelihood { attempts.append(.firth) }
            if method != .ridge(lambda: 1) { attempts.append(.ridge(lambda: 1)) }
        }
        var lastError = ""
        for (k, attempt) in attempts.enumerated() {
            do {
                let model = try LogisticRegression.fit(features: x, labels: labels, featureNames: names,
                                                       options: options(attempt))
                if k > 0 && fold == nil {
                    notes.append("\(method) failed (\(lastError)); fitted with \(attempt) instead")
                }
                return (model, attempt)
            } catch {
                lastError = "\(error)"
            }
        }
        throw WinModelError.fit(reason: lastError, fold: fold)
    }
}
