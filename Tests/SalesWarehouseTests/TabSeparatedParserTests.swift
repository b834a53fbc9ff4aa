import Foundation
@testable import SalesWarehouse
import Testing

struct TabSeparatedParserTests {
    let columns = [WarehouseColumn("id", .text), WarehouseColumn("n", .integer), WarehouseColumn("x", .double)]

    @Test func escapesAndNumbers() throws {
        let body = Data("a\\tb\t1\t0.5\nc\\\\d\\ne\t-2\t-inf\n".utf8)
        let rows = try TabSeparatedParser.parse(body, columns: columns, purpose: "t", source: "s")
        #expect(rows.count == 2)
        #expect(rows.texts(0) == ["a\tb", "c\\d\ne"])
        #expect(rows.integers(1) == [1, -2])
        #expect(rows.doubles(2)[0] == 0.5 && rows.doubles(2)[1] == -.infinity)
        #expect(rows.bytesReceived == body.count)
    }

    @Test(arguments: ["a\t1\n", "a\t1\t2\t3\n", "a\tx\t1\n", "a\t1\t\\N\n", "a\t1\tone\n"])
    func malformedBodiesAreTypedErrors(_ text: String) {
        #expect {
            try TabSeparatedParser.parse(Data(text.utf8), columns: columns, purpose: "t", source: "s")
        } throws: { ($0 as? WarehouseError)?.kind == .wrongResultType }
    }

    @Test func emptyBodyIsNoRows() throws {
        #expect(try TabSeparatedParser.parse(Data(), columns: columns, purpose: "t", source: "s").count == 0)
    }
}
