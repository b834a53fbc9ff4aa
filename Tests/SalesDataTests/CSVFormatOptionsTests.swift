import Testing
@testable import SalesData

@Suite("Reader formats: strftime date formats, time zones, number formats")
struct CSVFormatOptionsTests {
    static let schema = CSVSchema([.init("d", .date), .init("t", .timestamp), .init("x", .double), .init("n", .integer)])

    func days(_ iso: String) -> Int32 {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        return Int32(CivilDate.days(year: p[0], month: p[1], day: p[2]))
    }

    // Expected instants: `date -u -d '<text>' +%s` (GNU date) for each reading.
    @Test(arguments: [
        ("%m/%d/%Y", "12/01/2010", "2010-12-01", Int64(1_291_161_600)),
        ("%d.%m.%Y", "01.12.2010", "2010-12-01", 1_291_161_600),
        ("%Y%m%d", "20101201", "2010-12-01", 1_291_161_600),
        ("%d/%m/%Y %H:%M", "01/12/2010 08:26", "2010-12-01", 1_291_191_960),
        ("%m/%d/%y %I:%M %p", "12/1/10 8:26 PM", "2010-12-01", 1_291_235_160),
        ("%d %b %Y", "1 Dec 2010", "2010-12-01", 1_291_161_600),
        ("%B %d, %Y", "december 1, 2010", "2010-12-01", 1_291_161_600),
        ("%Y年%m月%d日", "2010年12月1日", "2010-12-01", 1_291_161_600),
        ("%d/%m/%Y %H:%M:%S%z", "01/12/2010 23:30:00-05:00", "2010-12-02", 1_291_264_200),
        ("%F %T.%f", "2010-12-01 08:26:00.999", "2010-12-01", 1_291_191_960),
    ])
    func explicitFormats(_ pattern: String, _ text: String, _ date: String, _ instant: Int64) throws {
        let options = CSVReadOptions(dateFormat: try CSVDateFormat(pattern))
        let r = try readCSV("d;t;x;n\n\(text);\(text);1;1\n", Self.schema, options)
        #expect(try r.table.dates("d").values == [days(date)])
        #expect(try r.table.timestamps("t").values == [instant])
    }

    @Test(arguments: ["%d/%m", "%Y-%m-%d %q", "%I:%M %Y-%m-%d", "%Y-%m-%"])
    func unusablePatternsAreErrors(_ pattern: String) {
        #expect(throws: CSVDateFormat.PatternError.self) { try CSVDateFormat(pattern) }
    }

    @Test func isoTimestampsInDateColumnsTakeTheDateInTheZone() throws {
        let text = "d,t,x,n\n2024-01-31T23:30:00-05:00,2024-01-31 23:30:00,1,1\n2024-02-01 07:30:00.5+08:00,2024-02-01T07:30:00Z,1,1\n"
        let utc = try readCSV(text, Self.schema)
        #expect(try utc.table.dates("d").values == [days("2024-02-01"), days("2024-01-31")])
        #expect(try utc.table.timestamps("t").values == [1_706_743_800, 1_706_772_600])
        let shanghai = try readCSV(text, Self.schema, CSVReadOptions(timeZone: try #require(CSVTimeZone("Asia/Shanghai"))))
        #expect(try shanghai.table.dates("d").values == [days("2024-02-01"), days("2024-02-01")])
        // The naive reading 2024-01-31 23:30 in Shanghai is 15:30 UTC; the Z one is unchanged.
        #expect(try shanghai.table.timestamps("t").values == [1_706_743_800 - 8 * 3600, 1_706_772_600])
    }

    @Test func ianaZonesFollowDaylightSavingTime() throws {
        let zone = try #require(CSVTimeZone("America/New_York"))
        // 2024-01-15T12:00Z (EST, -5 h) and 2024-07-01T12:00Z (EDT, -4 h).
        #expect(zone.offset(atInstant: 1_705_320_000) == -18_000)
        #expect(zone.offset(atInstant: 1_719_835_200) == -14_400)
        // Wall clock 2024-07-01 08:00 in New York is 12:00 UTC.
        #expect(zone.instant(fromWall: 1_719_835_200 - 4 * 3600) == 1_719_835_200)
        #expect(CSVTimeZone("Nowhere/Atlantis") == nil)
        #expect(CSVTimeZone("+05:30")?.fixedOffset == 19_800)
        #expect(CSVTimeZone("UTC-0800")?.fixedOffset == -28_800)
        #expect(CSVTimeZone("+25:00") == nil)
    }

    @Test(arguments: [
        (CSVNumberFormat(decimalSeparator: 44), "12,50", 12.5),
        (CSVNumberFormat(decimalSeparator: 44, thousandsSeparator: "."), "1.234.567,5", 1_234_567.5),
        (CSVNumberFormat(decimalSeparator: 44, thousandsSeparator: " "), "1\u{00A0}234,5", 1234.5),
        (CSVNumberFormat(thousandsSeparator: ","), "-1,234", -1234),
        (CSVNumberFormat(thousandsSeparator: "'"), "1'234.25", 1234.25),
        (CSVNumberFormat(amounts: .currency), "-$3.50", -3.5),
        (CSVNumberFormat(decimalSeparator: 44, amounts: .currency), "12,50 €", 12.5),
        (CSVNumberFormat(thousandsSeparator: ",", amounts: .accounting), "($1,027.50)", -1027.5),
        (CSVNumberFormat(amounts: .accounting), "(27.50)", -27.5),
        (CSVNumberFormat(decimalSeparator: 44), "NaN", Double.nan),
    ] as [(CSVNumberFormat, String, Double)])
    func numberFormats(_ format: CSVNumberFormat, _ text: String, _ value: Double) throws {
        let r = try readCSV("d;t;x;n\n2024-01-01;2024-01-01;\"\(text)\";1\n", Self.schema, CSVReadOptions(numberFormat: format))
        let got = try r.table.doubles("x").values[0]
        #expect(got == value || (got.isNaN && value.isNaN))
    }

    @Test(arguments: [
        (CSVNumberFormat(decimalSeparator: 44), "12.50"),       // a point is not the decimal separator here
        (CSVNumberFormat(thousandsSeparator: ","), "1,23"),      // groups of three
        (CSVNumberFormat(thousandsSeparator: ","), "1,234,5"),
        (CSVNumberFormat(), "(27.50)"),                         // parentheses only when asked
        (CSVNumberFormat(amounts: .currency), "(27.50)"),
        (CSVNumberFormat(decimalSeparator: 44), "1,2,3"),
    ] as [(CSVNumberFormat, String)])
    func numbersThatDoNotFitTheFormatAreRejected(_ format: CSVNumberFormat, _ text: String) throws {
        let r = try readCSV("d;t;x;n\n2024-01-01;2024-01-01;\"\(text)\";1\n", Self.schema,
                            CSVReadOptions(policy: .skipInvalidRows, numberFormat: format))
        #expect(r.table.rowCount == 0)
        #expect(r.rejected.first?.column == "x")
    }

    @Test func integersTakeTheThousandsSeparatorButNotCurrency() throws {
        let format = CSVNumberFormat(decimalSeparator: 44, thousandsSeparator: ".", amounts: .accounting)
        let r = try readCSV("d;t;x;n\n2024-01-01;2024-01-01;1;1.234\n2024-01-01;2024-01-01;1;(5)\n", Self.schema,
                            CSVReadOptions(policy: .skipInvalidRows, numberFormat: format))
        #expect(try r.table.integers("n").values == [1234])
        #expect(r.rejected.map(\.line) == [3])
    }
}
