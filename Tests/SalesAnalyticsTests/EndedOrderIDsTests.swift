import Testing
@testable import SalesAnalytics

/// The ended-order set of the streamed reader: exact for prefix + number ids (bits), hashes for the
/// rest, and the same answers after sparse numbers retire the pages into the hash set.
@Suite("Ended order ids")
struct EndedOrderIDsTests {
    @Test func prefixAndNumberIsExactOrNil() {
        #expect(EndedOrderIDs.prefixAndNumber("540123")! == ("", 540_123))
        #expect(EndedOrderIDs.prefixAndNumber("C540123")! == ("C", 540_123))
        #expect(EndedOrderIDs.prefixAndNumber("INV-2024-17")! == ("INV-2024-", 17))
        #expect(EndedOrderIDs.prefixAndNumber("0")! == ("", 0))
        #expect(EndedOrderIDs.prefixAndNumber("007") == nil)           // "7" and "007" are different ids
        #expect(EndedOrderIDs.prefixAndNumber("A-") == nil)
        #expect(EndedOrderIDs.prefixAndNumber("1234567890123456789") == nil)  // 19 digits
    }

    @Test func everyShapeAnswersLikeASetOfStrings() {
        var ended = EndedOrderIDs()
        var reference = Set<String>()
        var ids: [String] = []
        for i in 0..<3_000 { ids += ["\(536_000 + i)", "C\(536_000 + i * 7)", "O\(i)", "00\(i)", "u-\(i)-x"] }
        for i in 0..<200 { ids += ["P\(i)", "Q\(i)", "R\(i)"] }        // more than four prefixes
        ids += ids.prefix(5_000)                                       // repeats
        for id in ids {
            let inserted = ended.insert(id, hash: { HashSet64.hash(id) }), expected = reference.insert(id).inserted
            #expect(inserted == expected, "\(id)")
        }
    }

    @Test func sparseNumbersMoveToTheHashSetWithoutLosingAnId() {
        var ended = EndedOrderIDs()
        let ids = (0..<20_000).map { "\(1_000_003 * $0 + 17)" }        // one id per 32k page: pages retire
        for id in ids {
            let inserted = ended.insert(id, hash: { HashSet64.hash(id) })
            #expect(inserted)
        }
        for id in ids {
            let inserted = ended.insert(id, hash: { HashSet64.hash(id) })
            #expect(!inserted, "\(id) forgotten")
        }
    }
}
