import Testing
@testable import SalesData

@Suite("Civil dates")
struct CivilDateTests {
    // Reference day numbers: Unix epoch arithmetic (`date -d 2024-03-05 +%s` / 86400 = 19787).
    @Test(arguments: [
        (1970, 1, 1, 0), (2024, 3, 5, 19_787), (2000, 2, 29, 11_016), (1969, 12, 31, -1), (1900, 3, 1, -25_508),
    ])
    func knownDays(_ y: Int, _ m: Int, _ d: Int, _ expected: Int) {
        #expect(CivilDate.days(year: y, month: m, day: d) == expected)
        let back = CivilDate.civil(fromDays: expected)
        #expect(back.year == y && back.month == m && back.day == d)
    }

    @Test func roundTripsEveryDayOverFourCenturies() {
        var previous = CivilDate.days(year: 1800, month: 1, day: 1) - 1
        for year in 1800...2200 {
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let n = CivilDate.days(year: year, month: month, day: day)
                    #expect(n == previous + 1)
                    previous = n
                }
            }
        }
    }

    @Test func validity() {
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2023, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2023, month: 13, day: 1))
        #expect(CivilDate.isoString(fromDays: 19_787) == "2024-03-05")
    }
}
