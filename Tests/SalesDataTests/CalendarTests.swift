import Foundation
import Testing
@testable import SalesData

/// The one calendar: `Day`, `PeriodUnit`, `Period`, `PeriodCoverage`. Independent references:
/// Foundation's ISO 8601 and Gregorian calendars (week-of-year, week-year, month, quarter), and
/// dates checked by hand against `cal`/`date +%G-W%V` (named next to each value).
@Suite("Calendar")
struct CalendarTests {
    static func day(_ iso: String) -> Int {
        guard let d = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return d.rawValue
    }

    @Test func indexZeroIsThePeriodOfTheEpoch() {
        for unit in PeriodUnit.allCases {
            #expect(unit.index(ofDay: 0) == 0, "\(unit)")
            #expect(unit.firstDay(ofIndex: 0) <= 0 && unit.lastDay(ofIndex: 0) >= 0, "\(unit)")
        }
        // 1970-01-01 was a Thursday: ISO week 0 runs Monday 1969-12-29 … Sunday 1970-01-04.
        #expect(PeriodUnit.week.firstDay(ofIndex: 0) == Self.day("1969-12-29"))
        #expect(PeriodUnit.week.lastDay(ofIndex: 0) == Self.day("1970-01-04"))
        #expect(PeriodUnit.week.index(ofDay: Self.day("1970-01-05")) == 1)
        #expect(PeriodUnit.week.index(ofDay: Int32(-4)) == -1)  // Sunday 1969-12-28
    }

    @Test(arguments: [
        // (day, unit, label, ISO label) — week-years by `date -d DAY +%G-W%V` (GNU date).
        ("2024-03-05", PeriodUnit.day, "2024-03-05", "2024-03-05"),
        ("2024-03-05", .week, "2024-03-04", "2024-W10"),
        ("2024-02-26", .week, "2024-02-26", "2024-W09"),
        ("2024-12-31", .week, "2024-12-30", "2025-W01"),
        ("2021-01-03", .week, "2020-12-28", "2020-W53"),
        ("2027-01-01", .week, "2026-12-28", "2026-W53"),
        ("1969-12-31", .week, "1969-12-29", "1970-W01"),
        ("2024-03-05", .month, "2024-03", "2024-03"),
        ("1969-12-31", .month, "1969-12", "1969-12"),
        ("2024-11-15", .quarter, "2024-Q4", "2024-Q4"),
        ("1969-10-01", .quarter, "1969-Q4", "1969-Q4"),
        ("2024-02-29", .year, "2024", "2024"),
    ])
    func labels(_ iso: String, _ unit: PeriodUnit, _ label: String, _ isoLabel: String) {
        let period = Day(rawValue: Self.day(iso)).period(unit)
        #expect(period.label == label)
        #expect(period.isoLabel == isoLabel)
        #expect(Period(label: isoLabel) == period)
        #expect(Period(label: label, unit: unit) == period)
        #expect(period.contains(Day(rawValue: Self.day(iso))))
        #expect(period.firstDay <= Day(rawValue: Self.day(iso)) && Day(rawValue: Self.day(iso)) <= period.lastDay)
    }

    @Test func parsingRejectsWhatIsNotAPeriod() {
        for bad in ["2024-13", "2023-02-29", "2024-Q5", "2024-Q0", "2024-W54", "2021-W53", "2024-W00", "24-03",
                    "2024/03", "2024-3", "", "abcd", "2024-03-05T10:00"] {
            #expect(Period(label: bad) == nil, "\(bad)")
        }
        #expect(Period(label: " 2024-Q2 ") == Period(unit: .quarter, index: (2024 - 1970) * 4 + 1))
        #expect(Period(label: "2020-W53")?.firstDay == Day(year: 2020, month: 12, day: 28))
        // A week given as a date must be its Monday.
        #expect(Period(label: "2024-03-05", unit: .week) == nil)
        #expect(Period(label: "2024-03-04", unit: .week)?.isoLabel == "2024-W10")
        #expect(Day(iso: "2024-02-30") == nil)
    }

    /// Every day 1900–2100 against Foundation's ISO 8601 calendar (weeks) and Gregorian calendar
    /// (month, quarter, year), and first/last day and label round trips.
    @Test func agreesWithFoundationOverTwoCenturies() throws {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = Self.day("1900-01-01"), end = Self.day("2100-12-31")
        var failures: [String] = []
        for d in stride(from: start, through: end, by: 3) where failures.count < 10 {
            let date = Date(timeIntervalSince1970: Double(d) * 86_400)
            let c = iso.dateComponents([.yearForWeekOfYear, .weekOfYear, .year, .month, .weekday], from: date)
            let text = CivilDate.isoString(fromDays: d)
            let day = Day(rawValue: d)
            let expectedWeek = String(format: "%04ld-W%02ld", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
            if day.period(.week).isoLabel != expectedWeek { failures.append("\(text): \(day.period(.week).isoLabel) ≠ \(expectedWeek)") }
            if day.isoWeekday != ((c.weekday ?? 1) + 5) % 7 + 1 { failures.append("\(text): weekday \(day.isoWeekday)") }
            if day.period(.month).label != String(format: "%04ld-%02ld", c.year ?? 0, c.month ?? 0) { failures.append("\(text): month") }
            if day.period(.quarter).label != "\(c.year ?? 0)-Q\(((c.month ?? 1) - 1) / 3 + 1)" { failures.append("\(text): quarter") }
            if day.period(.year).label != "\(c.year ?? 0)" { failures.append("\(text): year") }
            for unit in PeriodUnit.allCases {
                let p = day.period(unit), first = p.firstDay.rawValue, last = p.lastDay.rawValue
                let ok = unit.index(ofDay: Int32(d)) == p.index
                    && unit.index(ofDay: first) == p.index && unit.index(ofDay: first - 1) == p.index - 1
                    && unit.index(ofDay: last) == p.index && unit.index(ofDay: last + 1) == p.index + 1
                    && Period(label: p.label, unit: unit) == p && Period(label: p.isoLabel) == p
                if !ok { failures.append("\(text): \(unit) \(p.label)") }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func dayCountsAndDistances() {
        #expect(PeriodUnit.month.dayCount(ofIndex: (2024 - 1970) * 12 + 1) == 29)
        #expect(PeriodUnit.quarter.dayCount(ofIndex: (2024 - 1970) * 4) == 91)
        #expect(PeriodUnit.year.dayCount(ofIndex: 2100 - 1970) == 365)
        #expect(PeriodUnit.week.dayCount(ofIndex: 2_800) == 7)
        let jan = Period(label: "2023-11")!, mar = Period(label: "2024-03")!
        #expect(jan.distance(to: mar) == 4)
        #expect(jan.advanced(by: 2).label == "2024-01")
        #expect(Array(jan...mar).map(\.label) == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"])
        #expect(Period(label: "2024-02")?.within(.quarter)?.label == "2024-Q1")
        #expect(Period(label: "2024-Q2")?.within(.month) == nil)
        #expect(Period(label: "2024-02")?.within(.week) == nil)
        #expect(Period(label: "2024-W08")?.within(.month)?.label == "2024-02")  // 2024-02-19 … 2024-02-25
        #expect(Period(label: "2024-W09")?.within(.month) == nil)  // 2024-02-26 … 2024-03-03
        #expect(Period(label: "2024-W05")?.within(.month) == nil)  // 2024-01-29 … 2024-02-04
    }

    @Test func weeksStartingOnAnotherWeekday() {
        // Sunday-start weeks: 2024-01-07 was a Sunday.
        let sunday = Self.day("2024-01-07")
        #expect(Day(rawValue: sunday).isoWeekday == 7)
        let w = PeriodUnit.weekIndex(ofDay: sunday, startingOn: 7)
        #expect(PeriodUnit.firstDayOfWeek(w, startingOn: 7) == sunday)
        #expect(PeriodUnit.weekIndex(ofDay: sunday + 6, startingOn: 7) == w)
        #expect(PeriodUnit.weekIndex(ofDay: sunday - 1, startingOn: 7) == w - 1)
        #expect(PeriodUnit.weekIndex(ofDay: sunday, startingOn: 1) == PeriodUnit.week.index(ofDay: sunday))
    }

    @Test func partialPeriods() {
        // Data from Wednesday 2024-01-03 through Monday 2024-12-30 (a file ending on a Monday).
        let weeks = PeriodCoverage(unit: .week, firstDay: Self.day("2024-01-03"), lastDay: Self.day("2024-12-30"))
        #expect(weeks.isFirstPartial && weeks.isLastPartial)
        #expect(weeks.partialLabels == ["2024-01-01", "2024-12-30"])
        #expect(weeks.isPartial(weeks.last) && !weeks.isPartial(weeks.last - 1))
        // Mid-month end; a first day on the 1st.
        let months = PeriodCoverage(unit: .month, firstDay: Self.day("2024-01-01"), lastDay: Self.day("2024-06-15"))
        #expect(!months.isFirstPartial && months.isLastPartial && months.count == 6)
        #expect(months.partialLabels == ["2024-06"])
        let whole = PeriodCoverage(unit: .quarter, firstDay: Self.day("2024-01-01"), lastDay: Self.day("2024-06-30"))
        #expect(whole.partialLabels.isEmpty)
        // One partial period that is first and last.
        let one = PeriodCoverage(unit: .month, firstDay: Self.day("2024-02-10"), lastDay: Self.day("2024-02-12"))
        #expect(one.count == 1 && one.partialLabels == ["2024-02"])
    }

    @Test func timestampsToDays() {
        #expect(Day(secondsSince1970: 0).rawValue == 0)
        #expect(Day(secondsSince1970: 86_399).rawValue == 0)
        #expect(Day(secondsSince1970: -1).rawValue == -1)  // 1969-12-31T23:59:59Z
        #expect(Day(secondsSince1970: -86_400).rawValue == -1)
        #expect(Day(secondsSince1970: -86_401).rawValue == -2)
        #expect(Day(secondsSince1970: 1_709_596_800).description == "2024-03-05")  // `date -ud @1709596800`
    }

    @Test func foundationInterop() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let day = try #require(Day(year: 2024, month: 3, day: 5))
        #expect(day.rawValue == 19_787)  // `date -d 2024-03-05 +%s` / 86400
        #expect(day.date(in: utc) == Date(timeIntervalSince1970: 19_787 * 86_400))
        #expect(Day(day.date(in: utc), in: utc) == day)
        // 23:30 UTC on 2024-03-04 is already 2024-03-05 in Tokyo (+09:00).
        let lateEvening = Date(timeIntervalSince1970: 19_786 * 86_400 + 23.5 * 3_600)
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(Day(lateEvening, in: utc).description == "2024-03-04")
        #expect(Day(lateEvening, in: tokyo) == day)
        #expect(Day(day.date(in: tokyo), in: tokyo) == day)
        #expect(Day(day.dateComponents) == day)
        #expect(Day(DateComponents(year: 2023, month: 2, day: 29)) == nil)
        #expect(Day(DateComponents(year: 2023, month: 2)) == nil)
        let march = Day(rawValue: day.rawValue).period(.month)
        let interval = march.dateInterval(in: utc)
        #expect(interval.duration == 31 * 86_400)
    }
}
