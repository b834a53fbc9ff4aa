import Foundation
import SalesData
import SalesReport
import Testing

/// Every CSV the package writes escapes its text through `CSVWriter.field`, so the reader reads the
/// cells back as written — ids such as `NA`, `null`, blanks, delimiters, quotes and newlines included.
@Suite("CSV round trip: TextTable and CSVWriter")
struct CSVRoundTripTests {
    static let awkward = ["NA", "null", "NULL", " padded", "trailing ", "a,b", "say \"hi\"", "two\nlines", "plain", "客户", "\r"]

    @Test("TextTable.renderCSV reads back to the same strings; an empty cell is missing")
    func textTableRoundTrip() throws {
        var table = TextTable(headers: ["id", "note"])
        for (i, text) in Self.awkward.enumerated() { table.append([text, i % 2 == 0 ? "" : "n\(i)"]) }
        let csv = table.renderCSV()
        let read = try CSVReader.read(data: Array(csv.utf8), name: "t.csv",
                                      schema: CSVSchema([.init("id", .string), .init("note", .string)])).table
        let ids = try read.strings("id"), notes = try read.strings("note")
        #expect(read.rowCount == Self.awkward.count)
        for (i, text) in Self.awkward.enumerated() {
            #expect(ids.valid[i] && ids.values[i] == text, "row \(i): \(text.debugDescription)")
            #expect(notes.valid[i] == (i % 2 != 0))
        }
    }

    @Test("CSVWriter.field quotes exactly what would otherwise change meaning")
    func fieldQuoting() {
        #expect(CSVWriter.field("C1") == "C1")
        #expect(CSVWriter.field("NA") == "\"NA\"")
        #expect(CSVWriter.field("") == "\"\"")
        #expect(CSVWriter.field("a;b", delimiter: 59) == "\"a;b\"")
        #expect(CSVWriter.field("a;b") == "a;b")
        #expect(CSVWriter.field("q\"") == "\"q\"\"\"")
    }
}
