import Testing
import SalesModels
import SalesNumerics

/// Every data problem is a typed error naming the feature, row or condition.
@Suite("Regression bad input")
struct BadInputTests {
    let x: [[Double]] = [[1, 5, 2], [2, 5, 4], [3, 5, 6.5], [4, 5, 8], [5, 5, 9.5], [6, 5, 12]]
    let y: [Double] = [1.1, 2.3, 2.9, 4.2, 5.1, 5.8]
    let labels: [Double] = [0, 0, 1, 0, 1, 1]

    /// The least-squares methods: every one must raise the same typed errors (the normal-equations
    /// fast path declines on bad data and leaves the diagnosis to the validating path).
    static let methods: [LeastSquares.Method] = [.qr, .automatic, .normalEquations]

    @Test(arguments: methods)
    func constantFeatureIsNamed(method: LeastSquares.Method) throws {
        #expect(throws: ModelError.constantFeature(feature: "region", value: 5)) {
            try LinearRegression.fit(features: matrix(x), response: y, featureNames: ["size", "region", "age"],
                                     options: .init(method: method))
        }
    }

    @Test func constantFeatureIsNamedInLogistic() throws {
        #expect(throws: ModelError.constantFeature(feature: "region", value: 5)) {
            try LogisticRegression.fit(features: matrix(x), labels: labels, featureNames: ["size", "region", "age"])
        }
    }

    @Test(arguments: methods)
    func duplicateFeatureIsNamed(method: LeastSquares.Method) throws {
        let rows = x.map { [$0[0], $0[2], $0[0]] }
        #expect(throws: ModelError.duplicateFeatures(feature: "size copy", duplicateOf: "size")) {
            try LinearRegression.fit(features: matrix(rows), response: y, featureNames: ["size", "age", "size copy"],
                                     options: .init(method: method))
        }
    }

    @Test func collinearFeatureIsNamed() throws {
        // total = size + age exactly: one of the three is dependent; QR names it.
        let rows = x.map { [$0[0], $0[2], $0[0] + $0[2]] }
        do {
            _ = try LinearRegression.fit(features: matrix(rows), response: y, featureNames: ["size", "age", "total"])
            Issue.record("collinear design accepted")
        } catch let ModelError.collinearFeatures(dependent, rank, terms) {
            #expect(rank == 3 && terms == 4 && dependent.count == 1)
            #expect(["size", "age", "total"].contains(dependent.first ?? ""))
        }
        #expect(throws: ModelError.self) {
            try LogisticRegression.fit(features: matrix(rows), labels: labels, featureNames: ["size", "age", "total"])
        }
    }

    @Test(arguments: methods)
    func moreFeaturesThanRows(method: LeastSquares.Method) throws {
        let wide = try matrix([[1, 2, 3, 4], [2, 1, 4, 3], [3, 3, 1, 1]])
        #expect(throws: ModelError.tooFewObservations(observations: 3, parameters: 5)) {
            try LinearRegression.fit(features: wide, response: [1, 2, 3], options: .init(method: method))
        }
    }

    @Test(arguments: methods)
    func nonFiniteFeatureNamesFeatureAndRow(method: LeastSquares.Method) throws {
        let options = LinearRegression.Options(method: method)
        var rows = x.map { [$0[0], $0[2]] }
        rows[3][1] = .nan
        do {
            _ = try LinearRegression.fit(features: matrix(rows), response: y, featureNames: ["size", "age"], options: options)
            Issue.record("NaN accepted")
        } catch let ModelError.nonFiniteFeature(feature, row, _) {
            #expect(feature == "age" && row == 3)
        }
        var response = y
        response[2] = .infinity
        #expect(throws: ModelError.nonFiniteValue(what: "response", row: 2, value: .infinity)) {
            try LinearRegression.fit(features: matrix(x.map { [$0[0]] }), response: response, options: options)
        }
        #expect(throws: ModelError.dimensionMismatch(context: "LinearRegression: responses per row", expected: 6, actual: 5)) {
            try LinearRegression.fit(features: matrix(x.map { [$0[0]] }), response: Array(y.prefix(5)), options: options)
        }
    }

    @Test func singleClassAndInvalidLabels() throws {
        let features = try matrix(x.map { [$0[0]] })
        #expect(throws: ModelError.singleClass(label: 1)) {
            try LogisticRegression.fit(features: features, labels: [1, 1, 1, 1, 1, 1])
        }
        #expect(throws: ModelError.invalidLabel(row: 4, value: 2)) {
            try LogisticRegression.fit(features: features, labels: [0, 1, 0, 1, 2, 1])
        }
        // Zero weights on every negative leave one class.
        #expect(throws: ModelError.singleClass(label: 1)) {
            try LogisticRegression.fit(features: features, labels: labels, weights: [0, 0, 1, 0, 1, 1])
        }
    }

    @Test func weightsAreChecked() throws {
        let features = try matrix(x.map { [$0[0]] })
        #expect(throws: ModelError.allWeightsZero) {
            try LinearRegression.fit(features: features, response: y, weights: [0, 0, 0, 0, 0, 0])
        }
        #expect(throws: ModelError.negativeWeight(what: "weight", row: 1, value: -1)) {
            try LinearRegression.fit(features: features, response: y, weights: [1, -1, 1, 1, 1, 1])
        }
        #expect(throws: ModelError.allWeightsZero) {
            try LogisticRegression.fit(features: features, labels: labels, weights: [0, 0, 0, 0, 0, 0])
        }
    }

    @Test func invalidOptionsThrow() throws {
        let features = try matrix(x.map { [$0[0]] })
        #expect(throws: ModelError.self) {
            try LinearRegression.fit(features: features, response: y, options: .init(ridgePenalty: -1))
        }
        #expect(throws: ModelError.self) {
            try LogisticRegression.fit(features: features, labels: labels, options: .init(l2Penalty: 1, firth: true))
        }
        #expect(throws: ModelError.self) {
            try LogisticRegression.fit(features: features, labels: labels, options: .init(firth: true, solver: .lbfgs))
        }
        #expect(throws: ModelError.dimensionMismatch(context: "LinearRegression: feature names per column", expected: 1, actual: 2)) {
            try LinearRegression.fit(features: features, response: y, featureNames: ["a", "b"])
        }
    }

    @Test func messagesNameTheFeature() {
        #expect(ModelError.constantFeature(feature: "region", value: 5).description.contains("\"region\""))
        #expect(ModelError.separation(complete: false, features: ["flag"]).description.contains("quasi-complete"))
        #expect(ModelError.collinearFeatures(dependent: ["total"], rank: 3, terms: 4).description.contains("\"total\""))
    }
}
