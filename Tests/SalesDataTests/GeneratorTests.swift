import SalesTestSupport
import Foundation
import Testing
@testable import SalesData
import SalesNumerics

/// Tests of the synthetic generator: determinism, the contract's structure, and that the data
/// follow the true models written in `truth.json`.
@Suite("Synthetic data generator")
struct GeneratorTests {
    static let contractHeaders: [String: String] = [
        "orders.csv": "order_id,customer_id,order_date,amount",
        "customers.csv": "customer_id,signup_date,acquisition_channel,region",
        "opportunities.csv": "opportunity_id,account_id,rep_id,source,industry,region,amount,created_date,close_date,stage,is_won,num_activities,num_meetings",
        "stage_history.csv": "opportunity_id,stage,entered_at",
        "events.csv": "user_id,event,timestamp",
        "marketing_spend.csv": "month,channel,spend",
        "targets.csv": "rep_id,period,quota",
        "surveys.csv": "customer_id,date,score,kind",
    ]

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-gen-\(UUID().uuidString)").path
    }

    static func generate(_ configuration: GeneratorConfiguration) throws -> String {
        let directory = temporaryDirectory()
        _ = try SyntheticDataGenerator(configuration: configuration).write(to: directory)
        return directory
    }

    static let tiny = GeneratorConfiguration(customers: 300, opportunities: 500, users: 800, reps: 5, seed: 7)

    /// Rows of a generated CSV split on commas (the generator never quotes), header first.
    static func rows(_ directory: String, _ file: String) throws -> [[Substring]] {
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "\(file) ends with a newline")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
    }

    /// Days since the epoch of a strict `YYYY-MM-DD`, nil if malformed or not a real date.
    static func day(_ text: Substring) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }

    /// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ`, nil if malformed.
    static func second(_ text: Substring) -> Int? {
        guard text.utf8.count == 20, text.hasSuffix("Z") else { return nil }
        let date = text.prefix(10), time = text.dropFirst(11).dropLast().split(separator: ":")
        guard text.dropFirst(10).first == "T", let days = day(date), time.count == 3,
              let h = Int(time[0]), let mi = Int(time[1]), let s = Int(time[2]),
              (0..<24).contains(h), (0..<60).contains(mi), (0..<60).contains(s) else { return nil }
        return days * 86_400 + h * 3600 + mi * 60 + s
    }

    /// Cents of a `-123.45` amount with exactly two decimals, nil otherwise.
    static func cents(_ text: Substring) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].utf8.count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return nil }
        return text.hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction
    }

    @Test func sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws {
        let first = try Self.generate(Self.tiny)
        let second = try Self.generate(Self.tiny)
        var other = Self.tiny
        other.seed = 8
        let third = try Self.generate(other)
        defer { for d in [first, second, third] { try? FileManager.default.removeItem(atPath: d) } }
        for name in SyntheticDataGenerator.fileNames {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + name))
            #expect(fnv1a(a) == fnv1a(b) && a == b, "\(name) differs between two runs with the same seed")
        }
        for name in ["orders.csv", "customers.csv", "opportunities.csv", "stage_history.csv", "events.csv", "surveys.csv", "marketing_spend.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            let c = try Data(contentsOf: URL(fileURLWithPath: third + "/" + name))
            #expect(a != c, "\(name) is the same for seeds 7 and 8")
        }
    }

    /// FNV-1a 64-bit hash (the determinism check compares hashes and bytes).
    func fnv1a(_ data: Data) -> UInt64 {
        data.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    @Test func filesFollowTheContract() throws {
        let configuration = Self.tiny
        let directory = try Self.generate(configuration)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endDay = configuration.endDay, startDay = configuration.startDay
        var tables: [String: [[Substring]]] = [:]
        for (file, header) in Self.contractHeaders {
            let table = try Self.rows(directory, file)
            #expect(table.first.map { $0.joined(separator: ",") } == header, "\(file) header")
            let width = header.split(separator: ",").count
            for (i, row) in table.enumerated() where row.count != width {
                Issue.record("\(file):\(i + 1): \(row.count) fields, expected \(width)")
            }
            tables[file] = Array(table.dropFirst())
        }

        // Customers and orders: valid dates in the span, orders on or after signup, known customers.
        var signup: [Substring: Int] = [:]
        for row in tables["customers.csv"] ?? [] {
            let d = try #require(Self.day(row[1]), "customer signup \(row[1])")
            #expect((startDay...endDay).contains(d))
            signup[row[0]] = d
        }
        #expect(signup.count == configuration.customers)
        var orderIDs = Set<Substring>()
        for row in tables["orders.csv"] ?? [] {
            let d = try #require(Self.day(row[2]), "order date \(row[2])")
            let joined = try #require(signup[row[1]], "order of unknown customer \(row[1])")
            #expect(d >= joined && d <= endDay)
            #expect(Self.cents(row[3]).map { $0 != 0 } == true, "amount \(row[3])")
            #expect(orderIDs.insert(row[0]).inserted, "duplicate order id \(row[0])")
        }

        // Opportunities: close ≥ created, stage and is_won agree, open deals close after the as-of date.
        let stageOrder = ["prospecting": 0, "qualification": 1, "proposal": 2, "negotiation": 3, "closed_won": 4, "closed_lost": 4]
        var opportunityStage: [Substring: Substring] = [:]
        for row in tables["opportunities.csv"] ?? [] {
            let created = try #require(Self.day(row[7])), close = try #require(Self.day(row[8]))
            #expect(close >= created && created <= endDay)
            #expect(Self.cents(row[6]).map { $0 > 0 } == true)
            #expect(Int(row[11]) != nil && Int(row[12]) != nil)
            switch row[9] {
            case "closed_won": #expect(row[10] == "1"); #expect(close <= endDay)
            case "closed_lost": #expect(row[10] == "0"); #expect(close <= endDay)
            case "prospecting", "qualification", "proposal", "negotiation": #expect(row[10] == ""); #expect(close > endDay)
            default: Issue.record("unknown stage \(row[9])")
            }
            opportunityStage[row[0]] = row[9]
        }

        // Stage history: per opportunity, stages in pipeline order, strictly increasing times, the
        // last entry equal to the opportunity's stage, won deals pass all four open stages.
        var history: [Substring: [(stage: Substring, at: Int)]] = [:]
        for row in tables["stage_history.csv"] ?? [] {
            let at = try #require(Self.second(row[2]), "timestamp \(row[2])")
            history[row[0], default: []].append((row[1], at))
        }
        #expect(history.count == opportunityStage.count)
        for (id, entries) in history {
            #expect(entries.map { stageOrder[String($0.stage)] ?? -1 } == Array(0..<entries.count)
                    || (entries.last?.stage.hasPrefix("closed") == true
                        && entries.dropLast().map { stageOrder[String($0.stage)] ?? -1 } == Array(0..<(entries.count - 1))),
                    "stage order of \(id)")
            #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.at < $1.at }, "times of \(id)")
            #expect(entries.last?.stage == opportunityStage[id], "last stage of \(id)")
            if opportunityStage[id] == "closed_won" { #expect(entries.count == 5) }
        }

        // Events, spend, targets, surveys: value domains.
        let events: Set<Substring> = ["visit", "signup", "trial", "purchase"]
        for row in tables["events.csv"] ?? [] {
            #expect(events.contains(row[1]) && Self.second(row[2]) != nil)
        }
        #expect((tables["marketing_spend.csv"] ?? []).count == configuration.months * 5)
        for row in tables["marketing_spend.csv"] ?? [] {
            #expect(Self.day(row[0] + "-01") != nil && Self.cents(row[2]).map { $0 >= 0 } == true)
        }
        #expect((tables["targets.csv"] ?? []).count == configuration.months * configuration.reps)
        for row in tables["targets.csv"] ?? [] {
            #expect(Self.day(row[1] + "-01") != nil && Self.cents(row[2]).map { $0 > 0 } == true)
        }
        for row in tables["surveys.csv"] ?? [] {
            let score = try #require(Int(row[2]))
            #expect(row[3] == "nps" ? (0...10).contains(score) : (row[3] == "csat" && (1...5).contains(score)))
            #expect(signup[row[0]] != nil && Self.day(row[1]) != nil)
        }
    }

    @Test func quarterlyQuotasUseQuarterPeriods() throws {
        var configuration = GeneratorConfiguration(customers: 10, opportunities: 10, users: 10, reps: 2, seed: 1, years: 2)
        configuration.quotaPeriod = .quarter
        let directory = try Self.generate(configuration)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let periods = try Self.rows(directory, "targets.csv").dropFirst().map { String($0[1]) }
        #expect(periods.count == 16)
        #expect(Array(periods.prefix(8)) == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"])
    }

    /// The data follow the models in truth.json. Checked on the small preset (2,500 customers,
    /// 3,000 opportunities, 10,000 users), seed 42 — the committed dataset.
    @Test func dataFollowTheTrueModels() throws {
        let configuration = GeneratorConfiguration(size: .small, seed: 42)
        let parameters = configuration.parameters
        let directory = try Self.generate(configuration)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Win rate of closed deals vs the logistic model's mean prediction over the same deals.
        // Tolerance: 4 binomial standard deviations, sqrt(Σ p(1 − p)) (outcomes are independent
        // Bernoulli(p_i) given the features).
        let sources = parameters.sources.map(\.name), industries = parameters.industries.map(\.name)
        let regions = parameters.regions.map(\.name)
        var wins = 0.0, expected = 0.0, variance = 0.0
        for row in try Self.rows(directory, "opportunities.csv").dropFirst() where !row[10].isEmpty {
            let amount = Double(try #require(Self.cents(row[6]))) / 100
            let eta = parameters.winLogit(
                amount: amount, activities: try #require(Int(row[11])), meetings: try #require(Int(row[12])),
                source: try #require(sources.firstIndex(of: String(row[3]))),
                industry: try #require(industries.firstIndex(of: String(row[4]))),
                region: try #require(regions.firstIndex(of: String(row[5]))))
            let p = 1 / (1 + exp(-eta))
            expected += p; variance += p * (1 - p)
            wins += row[10] == "1" ? 1 : 0
        }
        #expect(abs(wins - expected) < 4 * variance.squareRoot(), "wins \(wins), model expects \(expected) ± \(variance.squareRoot())")

        // Mean deseasonalised order value vs Gamma-Gamma's p γ / (q − 1) = 100. Values are
        // correlated within a customer, so the standard error uses customer means (clustered):
        // tolerance 4 × sd(customer mean value) / sqrt(customers).
        var sum: [Substring: (total: Double, count: Double)] = [:]
        var allTotal = 0.0, allCount = 0.0
        for row in try Self.rows(directory, "orders.csv").dropFirst() {
            let value = Double(try #require(Self.cents(row[3]))) / 100
            guard value > 0 else { continue }
            let month = try #require(Int(row[2].dropFirst(5).prefix(2)))
            let deseasonalised = value / parameters.monthlyAmountFactors[month - 1]
            sum[row[1], default: (0, 0)].total += deseasonalised
            sum[row[1], default: (0, 0)].count += 1
            allTotal += deseasonalised; allCount += 1
        }
        let customerMeans = sum.values.map { $0.total / $0.count }
        let grand = customerMeans.reduce(0, +) / Double(customerMeans.count)
        let sd = (customerMeans.map { ($0 - grand) * ($0 - grand) }.reduce(0, +) / Double(customerMeans.count - 1)).squareRoot()
        let mean = allTotal / allCount
        #expect(abs(mean - parameters.impliedMeanTransactionValue) < 4 * sd / Double(customerMeans.count).squareRoot(),
                "mean value \(mean), Gamma-Gamma implies \(parameters.impliedMeanTransactionValue)")

        // Repeat purchases: the share of customers with no repeat purchase by the as-of date, vs
        // its expectation under BG/NBD, P(X(T) = 0) = (α / (α + T))^r averaged over the written
        // signup dates. Binomial tolerance 4 sqrt(Σ P(1 − P)).
        var purchases: [Substring: Int] = [:]
        for row in try Self.rows(directory, "orders.csv").dropFirst() where !row[3].hasPrefix("-") {
            purchases[row[1], default: 0] += 1
        }
        var expectedNone = 0.0, varianceNone = 0.0, observedNone = 0.0
        for row in try Self.rows(directory, "customers.csv").dropFirst() {
            let t = Double(configuration.endDay + 1 - (try #require(Self.day(row[1]))))
            let p0 = pow(parameters.bgnbdAlpha / (parameters.bgnbdAlpha + t), parameters.bgnbdR)
            expectedNone += p0; varianceNone += p0 * (1 - p0)
            observedNone += (purchases[row[0]] ?? 0) >= 2 ? 0 : 1
        }
        #expect(abs(observedNone - expectedNone) < 4 * varianceNone.squareRoot(),
                "customers without repeat purchase \(observedNone), BG/NBD expects \(expectedNone)")

        // Funnel: users with a signup among users (everyone visits) ≈ P(signup | visit) = 0.4;
        // binomial tolerance 4 sqrt(p(1 − p) / users). (Signups after the as-of date are cut, a
        // bias of about 0.1 %.)
        var signedUp = Set<Substring>(), visitors = Set<Substring>()
        for row in try Self.rows(directory, "events.csv").dropFirst() {
            if row[1] == "signup" { signedUp.insert(row[0]) }
            if row[1] == "visit" { visitors.insert(row[0]) }
        }
        let p = parameters.funnelConversion[0], n = Double(visitors.count)
        #expect(visitors.count == configuration.users)
        #expect(abs(Double(signedUp.count) / n - p) < 4 * (p * (1 - p) / n).squareRoot())
    }

    /// The committed `datasets/` is exactly `saleskit generate --size small --seed 42 --out datasets`.
    @Test func committedDatasetsMatchAFreshGeneration() throws {
        let root = PackageFiles.root
        let committed = root.appendingPathComponent("datasets").path
        let directory = try Self.generate(GeneratorConfiguration(size: .small, seed: 42))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in SyntheticDataGenerator.fileNames {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let stored = try Data(contentsOf: URL(fileURLWithPath: committed + "/" + name))
            #expect(fresh == stored, "datasets/\(name) differs from a fresh generation")
        }
    }

    @Test func invalidConfigurationThrowsNamingTheParameter() {
        var configuration = Self.tiny
        configuration.customers = 0
        #expect(throws: GeneratorError.invalidConfiguration(parameter: "customers", value: "0", reason: "must be in 1…1000000000")) {
            try SyntheticDataGenerator(configuration: configuration)
        }
        var parameters = GeneratorParameters()
        parameters.gammaGammaQ = 1
        configuration = Self.tiny
        configuration.parameters = parameters
        #expect(throws: GeneratorError.self) { try SyntheticDataGenerator(configuration: configuration) }
    }

    @Test func writerFormatsMoneyDatesAndTimesWithIntegers() throws {
        let path = Self.temporaryDirectory() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVByteWriter(path: path, header: "h", capacity: 16)
        writer.cents(-5); writer.comma(); writer.cents(123_456); writer.comma(); writer.cents(0); writer.endRow()
        writer.integer(Int.min); writer.comma(); writer.integer(0); writer.endRow()
        writer.date(days: 19_787); writer.comma(); writer.timestamp(seconds: -1); writer.endRow()
        try writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // 19787 = 2024-03-05 (`date -d 2024-03-05 +%s` / 86400); −1 s = 1969-12-31T23:59:59 UTC.
        #expect(text == "h\n-0.05,1234.56,0.00\n-9223372036854775808,0\n2024-03-05,1969-12-31T23:59:59Z\n")
        #expect(writer.rows == 3)
    }
}
