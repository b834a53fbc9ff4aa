import Foundation
import Testing
import SalesTestSupport

/// The input format options end to end: every export of `SalesDataTests/Fixtures/exports` read by
/// the built `saleskit kpi` with the options its case lists, against pandas' monthly revenue
/// (`expected.json`, from `make_exports.py`); standard input through a pipe; bad inputs.
@Suite("saleskit input formats: --timezone, --date-format, --delimiter, --decimal-comma, --encoding, gzip, stdin")
struct InputFormatCommandTests {
    static let directory = PackageFiles.root.appendingPathComponent("Tests/SalesDataTests/Fixtures/exports")

    struct Case: Decodable {
        struct Month: Decodable { var period: String; var revenue: Double; var orders: Int }
        var file: String
        var args: [String]
        var zone: String
        var months: [Month]?
    }

    static let cases: [Case] = {
        struct Document: Decodable { var cases: [Case] }
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("expected.json")),
              let document = try? JSONDecoder().decode(Document.self, from: data) else { return [] }
        return document.cases.filter { $0.months != nil }
    }()

    struct Period: Decodable { var period: String; var revenue: Double }
    struct KPIs: Decodable { var periods: [Period] }

    /// Monthly revenue from `saleskit kpi --format json`.
    static func revenue(_ arguments: [String], stdin: Data? = nil) throws -> (result: CLIRunner.Result, months: [Period]) {
        let result = try CLIRunner.run(["kpi", "--format", "json"] + arguments, in: directory, stdin: stdin)
        guard result.status == 0 else { return (result, []) }
        return (result, try JSONDecoder().decode(KPIs.self, from: Data(result.stdout.utf8)).periods)
    }

    @Test(arguments: cases.map { ($0.file, $0.args, $0.zone) })
    func kpiReadsEveryExport(_ file: String, _ args: [String], _ zone: String) throws {
        let expected = try #require(Self.cases.first { $0.file == file && $0.args == args }?.months)
        let (result, months) = try Self.revenue(["--orders", file] + args)
        #expect(result.status == 0, "\(file): \(result.stderr)")
        #expect(months.map(\.period) == expected.map(\.period), "\(file) in \(zone)")
        for (got, want) in zip(months, expected) {
            // Sums of at most a dozen cent amounts: equal to well below a cent.
            #expect(abs(got.revenue - want.revenue) < 1e-6, "\(file) \(got.period)")
        }
    }

    @Test func standardInputThroughAPipe() throws {
        for file in ["orders_plain.csv", "orders_plain.csv.gz", "orders_cn_gbk.csv"] {
            let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
            let args = file.contains("gbk") ? try #require(Self.cases.first { $0.file == file }).args : []
            let fromFile = try Self.revenue(["--orders", file] + args)
            let fromPipe = try Self.revenue(["--orders", "-"] + args, stdin: data)
            #expect(fromPipe.result.status == 0, "\(file): \(fromPipe.result.stderr)")
            #expect(fromPipe.months.map(\.revenue) == fromFile.months.map(\.revenue))
            #expect(!fromPipe.months.isEmpty)
        }
        // rfm and validate read "-" too; errors name it <stdin>.
        let bad = try CLIRunner.run(["validate", "-", "--kind", "orders", "--format", "json"], in: Self.directory,
                                    stdin: Data("customer_id,order_date,amount\nC1,2024-01-01,x\n".utf8))
        #expect(bad.status == 1, "no valid row: validate exits 1 (and still prints its report)")
        #expect(bad.stdout.contains("\"file\" : \"<stdin>\""))
        let rfm = try CLIRunner.run(["rfm", "--orders", "-", "--as-of", "2024-12-31", "--format", "csv"], in: Self.directory,
                                    stdin: try Data(contentsOf: Self.directory.appendingPathComponent("orders_plain.csv")))
        #expect(rfm.status == 0, "\(rfm.stderr)")
        #expect(rfm.stdout.split(separator: "\n").count == 8)  // header + 7 customers
    }

    @Test(arguments: [
        (["--orders", "bad_truncated.csv.gz"], "bad_truncated.csv.gz:", "the gzip data ends early"),
        (["--orders", "bad_dayfirst.csv"], "bad_dayfirst.csv:2: column \"order_date\": \"05/01/2024\"",
         "it reads with --date-format \"%d/%m/%Y\" (line 4 \"13/01/2024\" rules out \"%m/%d/%Y\")"),
        (["--orders", "bad_ambiguous.csv"], "bad_ambiguous.csv:2: column \"order_date\"", "day/month order is never guessed"),
        (["--orders", "bad_decimal_comma.csv"], "bad_decimal_comma.csv:2: column \"amount\": \"12,50\"", "it reads with --decimal-comma"),
        (["--orders", "orders_cn_gbk.csv", "--map", "customer_id=客户ID"], "orders_cn_gbk.csv:1: column \"#1\"", "give --encoding gb18030"),
        (["--orders", "orders_us.csv", "--map", "customer_id=CustomerID", "--map", "order_date=InvoiceDate", "--map", "amount=Amount",
          "--date-format", "%d/%m/%Y %H:%M"], "orders_us.csv:4: column \"order_date\": \"01/17/2024 16:00\"",
         "it reads with --date-format \"%m/%d/%Y %H:%M\""),
    ] as [([String], String, String)])
    func badInputIsExitOneWithWhatWouldReadIt(_ arguments: [String], _ location: String, _ remedy: String) throws {
        let result = try CLIRunner.run(["kpi"] + arguments, in: Self.directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains(location), "\(result.stderr)")
        #expect(result.stderr.contains(remedy), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test(arguments: [
        ["--date-format", "%d/%m"], ["--date-format", "%Q"], ["--encoding", "ebcdic"], ["--timezone", "Mars/Olympus"],
        ["--delimiter", "ab"], ["--thousands", "x"], ["--amount-format", "fancy"], ["--decimal-comma", "--thousands", "comma"],
    ])
    func badFormatOptionsAreUsageErrors(_ arguments: [String]) throws {
        for command in [["kpi", "--orders", "orders_plain.csv"], ["validate", "orders_plain.csv", "--kind", "orders"],
                        ["report", "--orders", "orders_plain.csv", "--output", "/dev/null"]] {
            let result = try CLIRunner.run(command + arguments, in: Self.directory)
            #expect(result.status == 2, "\(command) \(arguments): \(result.stderr)")
        }
    }

    @Test func everyReadingCommandTakesTheInputOptions() throws {
        for command in [["kpi"], ["rfm"], ["cohort"], ["clv"], ["forecast"], ["funnel"], ["winprob", "train"],
                        ["winprob", "score"], ["validate"], ["report"]] {
            let help = try CLIRunner.run(command + ["--help"])
            for option in ["--delimiter", "--encoding", "--date-format", "--timezone", "--decimal-comma", "--thousands",
                           "--amount-format", "--map"] {
                #expect(help.stdout.contains(option), "\(command) lacks \(option)")
            }
        }
    }

    @Test func sniffedDelimiterNoticeAndQuiet() throws {
        let args = ["--orders", "orders_eu.csv", "--date-format", "%d.%m.%Y", "--decimal-comma", "--thousands", ".",
                    "--map", "customer_id=Kunde", "--map", "order_date=Datum", "--map", "amount=Betrag"]
        let loud = try CLIRunner.run(["kpi"] + args, in: Self.directory)
        #expect(loud.status == 0)
        #expect(loud.stderr.contains("notice: orders_eu.csv: delimiter \";\" detected from the header"))
        let quiet = try CLIRunner.run(["kpi", "--quiet"] + args, in: Self.directory)
        #expect(!quiet.stderr.contains("delimiter"))
    }
}
