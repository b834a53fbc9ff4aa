import Foundation
import SalesData
import SalesNumerics
import Testing

@Suite("Design matrix builder")
struct DesignEncodingTests {
    /// amount, meetings (integer), source (category), region (category).
    static func table(amount: [Double], meetings: [Int64], source: [String?], region: [String]? = nil) throws -> Table {
        func category(_ name: String, _ values: [String?]) throws -> Column {
            var levels: [String] = [], codes: [Int32] = []
            for value in values {
                guard let value else { codes.append(-1); continue }
                if let k = levels.firstIndex(of: value) { codes.append(Int32(k)) } else {
                    codes.append(Int32(levels.count)); levels.append(value)
                }
            }
            return try Column(name: name, values: .category(levels: levels, codes: codes), valid: values.map { $0 != nil })
        }
        var columns = [
            try Column(name: "amount", values: .double(amount)),
            try Column(name: "meetings", values: .integer(meetings)),
            try category("source", source),
        ]
        if let region { columns.append(try category("region", region)) }
        return try Table(columns: columns)
    }

    @Test("one-hot drop-first in sorted order, intercept, log transform, term names")
    func oneHotAndNames() throws {
        let t = try Self.table(amount: [1, 10, 100, 1000], meetings: [0, 1, 2, 3], source: ["web", "event", "partner", "web"])
        let spec = DesignSpecification(terms: [.numeric(column: "amount", transform: .log),
                                               .categorical(column: "source", reference: nil)])
        let encoding = try DesignEncoding.fit(spec, on: t)
        #expect(encoding.columnNames == ["(Intercept)", "log(amount)", "source=partner", "source=web"])
        #expect(encoding.columnFeature == [-1, 0, 1, 1])
        let x = try encoding.matrix(from: t)
        // Hand-computed: levels sorted event < partner < web; event is the reference.
        #expect(x.column(0) == [1, 1, 1, 1])
        #expect(x.column(1) == [0, log(10.0), log(100.0), log(1000.0)])
        #expect(x.column(2) == [0, 0, 1, 0])
        #expect(x.column(3) == [1, 0, 0, 1])
    }

    @Test("a chosen reference level; an unknown one is an error listing the levels")
    func referenceLevel() throws {
        let t = try Self.table(amount: [1, 2, 3], meetings: [0, 1, 2], source: ["web", "event", "partner"])
        let encoding = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: "web")]), on: t)
        #expect(encoding.columnNames == ["(Intercept)", "source=event", "source=partner"])
        #expect(throws: DesignMatrixError.unknownReference(feature: "source", reference: "tv", levels: ["event", "partner", "web"])) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: "tv")]), on: t)
        }
    }

    @Test("unseen level at prediction: a clear error, or the explicit other level when asked")
    func unseenLevels() throws {
        let train = try Self.table(amount: [1, 2, 3, 4, 5], meetings: [0, 1, 2, 3, 4], source: ["web", "event", "web", "event", "fax"])
        let test = try Self.table(amount: [1, 2], meetings: [0, 1], source: ["tv", "web"])
        let strict = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: nil)]), on: train)
        #expect(throws: DesignMatrixError.unseenLevel(feature: "source", value: "tv", row: 0, known: ["event", "fax", "web"])) {
            _ = try strict.matrix(from: test)
        }
        // "fax" has one row < 2: pooled into "other", which gets its own column; "tv" goes there too.
        let pooled = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: nil)],
                                                                unseenLevels: .other(label: "other", minimumCount: 2)), on: train)
        #expect(pooled.columnNames == ["(Intercept)", "source=web", "source=other"])
        #expect(pooled.features[0].pooledLevels == ["fax"])
        let x = try pooled.matrix(from: test)
        #expect(x.row(0) == [1, 0, 1])
        #expect(x.row(1) == [1, 1, 0])
    }

    @Test("interactions: every pair of operand columns, named a:b")
    func interactions() throws {
        let t = try Self.table(amount: [1, 2, 3, 4], meetings: [1, 2, 3, 4], source: ["a", "b", "a", "b"])
        let spec = DesignSpecification(terms: [.numeric(column: "meetings", transform: .identity),
                                               .categorical(column: "source", reference: nil),
                                               .interaction("meetings", "source")])
        let encoding = try DesignEncoding.fit(spec, on: t)
        #expect(encoding.columnNames == ["(Intercept)", "meetings", "source=b", "meetings:source=b"])
        #expect(try encoding.matrix(from: t).column(3) == [0, 2, 0, 4])
        #expect(throws: DesignMatrixError.self) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.interaction("meetings", "nope")]), on: t)
        }
    }

    @Test("standardization: columns have mean 0 and sd 1, and the transform recovers the original coefficients")
    func standardization() throws {
        let t = try Self.table(amount: [2, 4, 6, 8, 10], meetings: [1, 0, 3, 2, 5], source: ["a", "b", "a", "b", "b"])
        let spec = DesignSpecification(terms: [.numeric(column: "amount", transform: .identity),
                                               .numeric(column: "meetings", transform: .identity),
                                               .categorical(column: "source", reference: nil)], standardize: true)
        let encoding = try DesignEncoding.fit(spec, on: t)
        let z = try encoding.matrix(from: t)
        for j in 1...2 {
            let column = z.column(j)
            let mean = column.reduce(0, +) / 5
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            #expect(abs(mean) < 1e-15 && abs(variance - 1) < 1e-14)  // a few ulps of rounding
        }
        #expect(z.column(3) == [0, 1, 0, 1, 1])  // dummies untouched
        // Linear predictor invariance: η = Z β′ = X β with β = T β′, for an arbitrary β′.
        let betaPrime = [0.3, -1.2, 0.7, 0.25]
        let beta = try encoding.originalScale(coefficients: betaPrime).coefficients
        let raw = try DesignEncoding.fit(DesignSpecification(terms: spec.terms), on: t).matrix(from: t)
        for i in 0..<5 {
            let etaZ = (0..<4).reduce(0.0) { $0 + z[i, $1] * betaPrime[$1] }
            let etaX = (0..<4).reduce(0.0) { $0 + raw[i, $1] * beta[$1] }
            #expect(abs(etaZ - etaX) < 1e-13)
        }
        #expect(throws: DesignMatrixError.constantColumn(term: "amount")) {
            let flat = try Self.table(amount: [1, 1, 1], meetings: [1, 2, 3], source: ["a", "b", "a"])
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.numeric(column: "amount", transform: .identity)], standardize: true), on: flat)
        }
    }

    @Test("bad input: missing values, log of zero, wrong types, one level — typed errors naming the feature")
    func badInput() throws {
        let t = try Self.table(amount: [0, 2], meetings: [1, 2], source: [nil, "a"])
        #expect(throws: DesignMatrixError.missingValue(feature: "source", row: 0)) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: nil)]), on: t)
        }
        #expect(throws: DesignMatrixError.self) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.numeric(column: "amount", transform: .log)]), on: t)
        }
        #expect(throws: DesignMatrixError.wrongType(feature: "source", type: .category, expected: "integer or double")) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.numeric(column: "source", transform: .identity)]), on: t)
        }
        let one = try Self.table(amount: [1, 2], meetings: [1, 2], source: ["a", "a"])
        #expect(throws: DesignMatrixError.singleLevel(feature: "source", level: "a")) {
            _ = try DesignEncoding.fit(DesignSpecification(terms: [.categorical(column: "source", reference: nil)]), on: one)
        }
    }
}

