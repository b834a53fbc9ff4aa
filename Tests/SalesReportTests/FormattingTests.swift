import Testing
@testable import SalesReport

@Suite("Formatting and text tables")
struct FormattingTests {
    @Test(arguments: [
        (1234.5, 2, "1,234.50"), (-1234567.891, 2, "-1,234,567.89"), (0.004, 2, "0.00"), (-0.004, 2, "0.00"),
        (999.995, 2, "1,000.00"), (12, 0, "12"), (100, 0, "100"),
    ])
    func grouped(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(Formatting.grouped(value, decimals: decimals) == expected)
    }

    @Test func moneyAndPercent() {
        #expect(Formatting.money(-12, currency: "¥") == "-¥12.00")
        #expect(Formatting.percent(0.12345) == "12.3%")
        #expect(Formatting.percent(.nan) == "NaN")
    }

    @Test func alignedAndCSV() {
        var t = TextTable(headers: ["name", "value"])
        t.append(["北京", "1"])
        t.append(["a,b", "22"])
        #expect(t.renderAligned() == "name  value\n────  ─────\n北京      1\na,b      22\n")
        #expect(t.renderCSV() == "name,value\n北京,1\n\"a,b\",22\n")
    }
}
