import Foundation
import Testing
@testable import SalesData

/// The realistic exports of `Fixtures/exports` (written by `make_exports.py`), read with the
/// options that describe them and compared row by row with pandas' reading (`expected.json`).
@Suite("CSV reader: real export formats (zones, date styles, decimal comma, encodings, gzip)")
struct CSVReaderExportFormatsTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/exports")

    struct Case: Decodable {
        struct Row: Decodable { var customer: String; var date: String; var amount: Double; var instant: Int64? }
        var file: String
        var args: [String]
        var zone: String
        var rows: [Row]?
        var instants: [Int64]?
    }

    static let cases: [Case] = {
        struct Document: Decodable { var cases: [Case] }
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("expected.json")),
              let document = try? JSONDecoder().decode(Document.self, from: data) else { return [] }
        return document.cases
    }()

    /// The reader options the CLI arguments of a case stand for (the CLI's own translation is
    /// tested end to end in SalesKitCLITests).
    static func options(_ args: [String]) throws -> (CSVReadOptions, [String: String]) {
        var options = CSVReadOptions()
        var mapping: [String: String] = [:]
        var numbers = CSVNumberFormat()
        var i = 0
        while i < args.count {
            let flag = args[i], value = i + 1 < args.count ? args[i + 1] : ""
            switch flag {
            case "--timezone": options.timeZone = try #require(CSVTimeZone(value))
            case "--date-format": options.dateFormat = try CSVDateFormat(value)
            case "--encoding": options.encoding = try #require(CSVEncoding(name: value))
            case "--delimiter": options.delimiter = ["semicolon": 59, "pipe": 124, "tab": 9][value] ?? 44
            case "--thousands": numbers.thousandsSeparator = value
            case "--amount-format": numbers.amounts = try #require(CSVNumberFormat.AmountNotation(rawValue: value))
            case "--decimal-comma": numbers.decimalSeparator = 44; i -= 1
            case "--map":
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                mapping[parts[0]] = parts[1]
            default: Issue.record("unknown flag \(flag)")
            }
            i += 2
        }
        options.numberFormat = numbers
        return (options, mapping)
    }

    static let orderSchema = CSVSchema([
        .init("customer_id", .category), .init("order_date", .date), .init("amount", .double),
    ])

    @Test func everyCaseIsPresent() {
        #expect(Self.cases.count >= 14)
    }

    @Test(arguments: cases.filter { $0.rows != nil }.map { ($0.file, $0.args, $0.zone) })
    func ordersReadAsPandasReadsThem(_ file: String, _ args: [String], _ zone: String) throws {
        let expected = try #require(Self.cases.first { $0.file == file && $0.args == args }?.rows)
        let (options, mapping) = try Self.options(args)
        let path = Self.directory.appendingPathComponent(file).path
        for streaming in [false, true] {
            var table: Table
            if streaming {
                // Small blocks, so records, multi-byte characters and the gzip/iconv buffers
                // straddle block boundaries.
                var small = options
                small.blockBytes = 64
                var chunks: [Table] = []
                _ = try CSVReader.forEachChunk(file: path, schema: Self.orderSchema.mapped(mapping), options: small) {
                    chunks.append($0.table)
                }
                table = try #require(chunks.first)
                #expect(chunks.map(\.rowCount).reduce(0, +) == expected.count)
                var ids: [String] = [], days: [Int32] = [], amounts: [Double] = []
                for chunk in chunks {
                    let c = try chunk.categories("customer_id")
                    ids += c.codes.map { c.levels[Int($0)] }
                    days += try chunk.dates("order_date").values
                    amounts += try chunk.doubles("amount").values
                }
                #expect(ids == expected.map(\.customer), "\(file) streamed")
                #expect(days.map { CivilDate.isoString(fromDays: Int($0)) } == expected.map(\.date), "\(file) streamed")
                #expect(amounts == expected.map(\.amount), "\(file) streamed")
            } else {
                table = try CSVReader.read(file: path, schema: Self.orderSchema.mapped(mapping), options: options).table
                let c = try table.categories("customer_id")
                #expect(c.codes.map { c.levels[Int($0)] } == expected.map(\.customer), "\(file)")
                #expect(try table.dates("order_date").values.map { CivilDate.isoString(fromDays: Int($0)) }
                        == expected.map(\.date), "\(file) in \(zone)")
                // Exact: both sides round the same decimal text to the nearest double.
                #expect(try table.doubles("amount").values == expected.map(\.amount), "\(file)")
            }
        }
    }

    @Test(arguments: ["UTC", "Europe/Berlin", "+08:00"])
    func naiveTimestampsAreWallClockTimesInTheZone(_ zone: String) throws {
        let expected = try #require(Self.cases.first { $0.file == "events_naive.csv" && $0.zone == zone }?.instants)
        var options = CSVReadOptions()
        options.timeZone = try #require(CSVTimeZone(zone))
        let schema = CSVSchema([.init("user_id", .category), .init("event", .category), .init("timestamp", .timestamp)])
        let table = try CSVReader.read(file: Self.directory.appendingPathComponent("events_naive.csv").path,
                                       schema: schema, options: options).table
        #expect(try table.timestamps("timestamp").values == expected)
    }

    @Test func truncatedGzipIsAnErrorWithTheLineWhereItStops() throws {
        let path = Self.directory.appendingPathComponent("bad_truncated.csv.gz").path
        for stream in [false, true] {
            let error = try #require(#expect(throws: CSVError.self) {
                if stream {
                    _ = try CSVReader.forEachChunk(file: path, schema: Self.orderSchema, options: CSVReadOptions(blockBytes: 4096)) { _ in }
                } else {
                    _ = try CSVReader.read(file: path, schema: Self.orderSchema)
                }
            })
            guard case let .unreadableInput(file, line, reason) = error else {
                Issue.record("expected unreadableInput, got \(error)")
                continue
            }
            #expect(file == path)
            #expect(line > 1)
            #expect(reason.contains("truncated"))
        }
    }

    @Test func dayFirstFileNamesTheOneFormatThatReadsIt() throws {
        let path = Self.directory.appendingPathComponent("bad_dayfirst.csv").path
        let error = try #require(#expect(throws: CSVError.self) { try CSVReader.read(file: path, schema: Self.orderSchema) })
        #expect(error == .invalidField(file: path, line: 2, column: "order_date", text: "05/01/2024",
                                       problem: .unreadableDate(timestamp: false, given: nil, fits: ["%d/%m/%Y"],
                                                                evidence: "line 4 \"13/01/2024\" rules out \"%m/%d/%Y\"")))
        // Given the format, the file reads; the other order is refused, naming the right one.
        let read = try CSVReader.read(file: path, schema: Self.orderSchema, options: CSVReadOptions(dateFormat: try CSVDateFormat("%d/%m/%Y")))
        #expect(try read.table.dates("order_date").values.map { CivilDate.isoString(fromDays: Int($0)) }
                == ["2024-01-05", "2024-01-07", "2024-01-13"])
        let wrong = try #require(#expect(throws: CSVError.self) {
            try CSVReader.read(file: path, schema: Self.orderSchema, options: CSVReadOptions(dateFormat: try CSVDateFormat("%m/%d/%Y")))
        })
        #expect(wrong.description.hasSuffix("column \"order_date\": \"13/01/2024\" is neither ISO 8601 nor a date in the format "
                                            + "\"%m/%d/%Y\"; it reads with --date-format \"%d/%m/%Y\""))
    }

    @Test func ambiguousDateIsRefusedWithBothFormats() throws {
        let path = Self.directory.appendingPathComponent("bad_ambiguous.csv").path
        let error = try #require(#expect(throws: CSVError.self) { try CSVReader.read(file: path, schema: Self.orderSchema) })
        #expect(error.description == "\(path):2: column \"order_date\": \"01/02/2024\" is not an ISO 8601 date; it is ambiguous: "
                + "it reads with --date-format \"%m/%d/%Y\" or \"%d/%m/%Y\" (month first or day first) — day/month order is never guessed")
    }

    @Test func decimalCommaWithoutTheOptionIsRefusedWithTheOption() throws {
        let path = Self.directory.appendingPathComponent("bad_decimal_comma.csv").path
        let error = try #require(#expect(throws: CSVError.self) { try CSVReader.read(file: path, schema: Self.orderSchema) })
        #expect(error.description == "\(path):2: column \"amount\": \"12,50\" is not a number (it reads with --decimal-comma)")
    }

    @Test func gbkReadAsUTF8NamesTheEncoding() throws {
        let path = Self.directory.appendingPathComponent("orders_cn_gbk.csv").path
        let error = try #require(#expect(throws: CSVError.self) { try CSVReader.read(file: path, schema: Self.orderSchema) })
        #expect(error.description.hasPrefix("\(path):1: column \"#1\""))
        #expect(error.description.hasSuffix("is not valid UTF-8 (it reads as GB18030 \"客户ID\": give --encoding gb18030)"))
    }

    @Test func windows1252ReadAsUTF8NamesTheEncoding() throws {
        let path = Self.directory.appendingPathComponent("orders_win1252.csv").path
        let schema = CSVSchema([.init("customer_id", .category, header: "Customer")])
        let error = try #require(#expect(throws: CSVError.self) {
            try CSVReader.read(file: path, schema: schema, options: CSVReadOptions(delimiter: 59))
        })
        #expect(error.description == "\(path):2: column \"customer_id\": \"M\u{FFFD}ller\" is not valid UTF-8 "
                + "(it reads as Windows-1252 \"Müller\": give --encoding windows-1252)")
    }

    @Test func bytesInvalidInTheGivenEncodingAreReportedAtTheirField() throws {
        // 0x81 is undefined in Windows-1252; 0xFF alone is not GBK.
        let cases: [(CSVEncoding, [UInt8])] = [(.windows1252, [0x4D, 0x81, 0x6C]), (.gbk, [0x4D, 0xFF, 0x6C])]
        for (encoding, name) in cases {
            let bytes = Array("customer_id,order_date,amount\nC1,2024-01-01,1\n".utf8) + name + Array(",2024-01-02,2\n".utf8)
            let options = CSVReadOptions(policy: .skipInvalidRows, encoding: encoding)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-enc-\(UUID().uuidString).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let read = try CSVReader.read(file: path, schema: Self.orderSchema, options: options)
            #expect(read.table.rowCount == 1)
            #expect(read.rejected.map(\.line) == [3])
            #expect(read.rejected.first?.column == "customer_id")
            #expect(read.rejected.first?.reason.hasPrefix("is not valid \(encoding.displayName)") == true)
        }
    }

    @Test func sniffedDelimiterIsPostedAsANotice() throws {
        final class Box: @unchecked Sendable { var messages: [String] = [] }
        let box = Box()
        let notices = CSVNotices { box.messages.append($0) }
        _ = try readCSV("customer_id|order_date|amount\nC1|2024-01-01|1\n", Self.orderSchema, CSVReadOptions(notices: notices))
        _ = try readCSV("customer_id,order_date,amount\nC1,2024-01-01,1\n", Self.orderSchema, CSVReadOptions(notices: notices))
        #expect(box.messages == ["t.csv: delimiter \"|\" detected from the header (give --delimiter to choose another)"])
    }

    @Test func headerOfAGzipFile() throws {
        let path = Self.directory.appendingPathComponent("orders_plain.csv.gz").path
        #expect(try CSVReader.header(file: path) == ["customer_id", "order_date", "amount"])
    }
}
