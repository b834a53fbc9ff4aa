import Foundation
import SalesAnalytics
import Testing
import SalesData
import SalesTestSupport

/// datasets/truth.json → winModel: the generator's true logistic model.
private struct Truth: Decodable {
    struct Coefficient: Decodable { let term: String; let estimate: Double }
    struct WinModel: Decodable { let coefficients: [Coefficient] }
    let winModel: WinModel
}

@Suite("Win probability")
struct WinProbabilityTests {
    static func opportunities() throws -> Table {
        try ContractReader.read(.opportunities, file: PackageFiles.dataset("opportunities.csv")).table
    }

    /// The generator's own model: ln(amount), activities, meetings, source/industry/region against
    /// the baselines inbound / software / north_america.
    static let truthFeatures: [DesignSpecification.Term] = [
        .numeric(column: "amount", transform: .log),
        .numeric(column: "num_activities", transform: .identity),
        .numeric(column: "num_meetings", transform: .identity),
        .categorical(column: "source", reference: "inbound"),
        .categorical(column: "industry", reference: "software"),
        .categorical(column: "region", reference: "north_america"),
    ]

    @Test("the true coefficients of datasets/truth.json are recovered within their standard errors")
    func recoversTruth() throws {
        let truth = try AnalyticsFixtures.decode(Truth.self, file: PackageFiles.dataset("truth.json"))
        let model = try WinProbabilityModel.train(opportunities: Self.opportunities(), features: Self.truthFeatures)
        #expect(model.method == .maximumLikelihood)
        let rename = ["intercept": "(Intercept)", "ln_amount": "log(amount)"]
        var wald = 0.0
        for coefficient in truth.winModel.coefficients {
            let name = rename[coefficient.term] ?? coefficient.term
            let j = try #require(model.terms.firstIndex(of: name), "term \(name)")
            let z = (model.coefficients[j] - coefficient.estimate) / model.standardErrors[j]
            // 3 standard errors: a 0.27 % two-sided miss per coefficient under a correct model.
            #expect(abs(z) < 3, "\(name): estimate \(model.coefficients[j]) truth \(coefficient.estimate) se \(model.standardErrors[j])")
            wald += z * z
        }
        #expect(model.terms.count == truth.winModel.coefficients.count)
        // Sum of squared z (ignores correlations: a loose joint check) below χ²₁₆'s 99.9 % point, 39.25.
        #expect(wald < 39.25)
        let cv = try #require(model.crossValidation)
        #expect(cv.auc > 0.6 && cv.auc < 1)
        #expect(cv.brier < 0.25)  // better than a coin (0.25)
    }

    @Test("drivers add up to the log-odds; save and load round-trips; an unknown schema version is refused")
    func driversAndPersistence() throws {
        let table = try Self.opportunities()
        let model = try WinProbabilityModel.train(opportunities: table)
        let scored = try model.score(table, topDrivers: Int.max)
        #expect(scored.scores.count == 127)  // the open deals of datasets/ (datasets/README.md)
        for score in scored.scores.prefix(20) {
            let sum = model.baselineLogOdds + score.drivers.reduce(0) { $0 + $1.contribution }
            #expect(abs(sum - score.logOdds) < 1e-9)
            #expect(zip(score.drivers, score.drivers.dropFirst()).allSatisfy { abs($0.contribution) >= abs($1.contribution) })
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("winmodel-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try WinProbabilityModel.load(from: path)
        #expect(loaded.coefficients == model.coefficients && loaded.encoding == model.encoding)
        #expect(try loaded.score(table).scores.map(\.probability) == scored.scores.map(\.probability))

        // A file version this code does not know is refused with the numbers.
        var json = try #require(String(data: model.jsonData(), encoding: .utf8))
        json = json.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 99")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { _ = try WinProbabilityModel.load(from: path) } throws: { "\($0)".contains("model-file version 99") }

        // The closed deals' predictions: one per closed deal, labels from is_won, probabilities as `score` gives them.
        let closed = try model.score(table, rows: .closed, topDrivers: 0)
        let won = try table.booleans("is_won")
        let predictions = try model.closedDealPredictions(table)
        #expect(predictions.labels.count == closed.scores.count && closed.scores.count == table.rowCount - 127)
        #expect(predictions.labels == closed.scores.map { won.values[$0.row] ? 1 : 0 })
        #expect(predictions.probabilities == closed.scores.map(\.probability))

        let explained = try model.explain(table, opportunityID: "OPP1")
        #expect(explained.drivers.count == WinFeatures.defaults.count)
        #expect(throws: WinModelError.self) { _ = try model.explain(table, opportunityID: "OPP999999") }
    }

    @Test("too little history: says so with the numbers and uses Firth")
    func thinHistory() throws {
        let table = try Self.opportunities()
        // Keep the first 60 closed deals (about 27 wins, 33 losses).
        let won = try table.booleans("is_won")
        var kept = 0
        let mask = (0..<table.rowCount).map { row -> Bool in
            guard won.valid[row], kept < 60 else { return false }
            kept += 1
            return true
        }
        let small = try table.filtered(mask)
        let model = try WinProbabilityModel.train(opportunities: small, features: [
            .numeric(column: "amount", transform: .log), .numeric(column: "num_meetings", transform: .identity),
        ])
        #expect(model.method == .firth)
        let note = try #require(model.training.notes.first { $0.hasPrefix("too little history") })
        #expect(note.contains("\(model.training.wins) wins and \(model.training.losses) losses"))
    }

    @Test("feature lists: transforms, references, interactions; bad items are errors naming them")
    func featureParsing() throws {
        let table = try WinFeatures.addingDealAge(to: Self.opportunities())
        let terms = try WinFeatures.parse("log(amount), source(ref=inbound),num_meetings,num_meetings:source,deal_age_days", table: table)
        #expect(terms == [.numeric(column: "amount", transform: .log), .categorical(column: "source", reference: "inbound"),
                          .numeric(column: "num_meetings", transform: .identity), .interaction("num_meetings", "source"),
                          .numeric(column: "deal_age_days", transform: .identity)])
        for bad in ["log(amount", "log(nope)", "nope", "source(level=x)", "a:b:c", "amount,,source"] {
            #expect(throws: WinModelError.self, "\(bad)") { _ = try WinFeatures.parse(bad, table: table) }
        }
    }
}
