import Testing
import SalesData

@Suite("Id normalization")
struct IDNormalizationTests {
    @Test func trimsAndReadsFloatFormattedIntegers() {
        let (levels, map, report) = IDNormalization.normalize(levels: ["17850", " 17850", "17850.0", "13047.00", "12583 "],
                                                               column: "customer_id")
        #expect(levels == ["17850", "13047", "12583"])
        #expect(map == [0, 0, 0, 1, 2])
        #expect(report.trimmed == 2 && report.floatIntegers == 2)
        #expect(report.distinctBefore == 5 && report.distinctAfter == 3)
        #expect(report.description.contains("--ids verbatim"))
    }

    /// The float rule is all or nothing: a column with any non-integer id keeps its decimals.
    @Test func aColumnWithOtherIdsKeepsItsDecimals() {
        let (levels, map, report) = IDNormalization.normalize(levels: ["1.0", "2.5", "C3"], column: "customer_id")
        #expect(levels == ["1.0", "2.5", "C3"] && map == [0, 1, 2] && !report.changed)
        let negative = IDNormalization.normalize(levels: ["-7.0", "-7", "8"], column: "id")
        #expect(negative.levels == ["-7", "8"] && negative.codeMap == [0, 0, 1])
        // "1." and ".0" are not float-formatted integers.
        #expect(!IDNormalization.normalize(levels: ["1.", "2"], column: "id").report.changed)
        #expect(!IDNormalization.normalize(levels: [".0", "2"], column: "id").report.changed)
    }

    @Test func nothingToChangeIsTheIdentity() {
        let (levels, map, report) = IDNormalization.normalize(levels: ["C1", "C2", "é "], column: "customer_id")
        #expect(levels == ["C1", "C2", "é"] && map == [0, 1, 2] && report.trimmed == 1)
        let same = IDNormalization.normalize(levels: ["C1", "C2"], column: "customer_id")
        #expect(same.levels == ["C1", "C2"] && same.codeMap == [0, 1] && !same.report.changed)
    }
}
