import Foundation
import SalesNumerics
import SalesTestSupport
import Testing
@testable import SalesData

/// The generator's layout options (`customerIDShape`, `orderRowOrder`) change only how customer ids
/// are spelled and in which order `orders.csv` lists its rows — never a draw, an amount or a date.
@Suite("Generator layouts: id shapes and row orders")
struct GeneratorLayoutTests {
    static let base = GeneratorConfiguration(customers: 300, opportunities: 200, users: 300, reps: 4, seed: 11)

    static func generate(shape: CustomerIDShape, order: OrderRowOrder) throws -> String {
        var configuration = base
        configuration.customerIDShape = shape
        configuration.orderRowOrder = order
        return try GeneratorTests.generate(configuration)
    }

    static func lines(_ directory: String, _ file: String) throws -> [String] {
        try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// The file with every customer id of `shape` spelled back as the default `C<number>`.
    static func respelled(_ lines: [String], shape: CustomerIDShape, column: Int) throws -> [String] {
        var number: [String: Int] = [:]
        for n in 1...base.customers { number[shape.spelling(n)] = n }
        return try lines.enumerated().map { index, line in
            guard index > 0 else { return line }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let n = try #require(number[fields[column]], "\(fields[column]) is not an id of shape \(shape)")
            fields[column] = "C\(n)"
            return fields.joined(separator: ",")
        }
    }

    @Test("every shape and order gives the same rows as the default layout", arguments: CustomerIDShape.allCases)
    func sameRows(shape: CustomerIDShape) throws {
        let reference = try Self.generate(shape: .prefixed, order: .customer)
        defer { try? FileManager.default.removeItem(atPath: reference) }
        let referenceOrders = try Self.lines(reference, "orders.csv")
        for order in OrderRowOrder.allCases {
            let directory = try Self.generate(shape: shape, order: order)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // Files without customer ids are byte for byte the same.
            for file in ["opportunities.csv", "stage_history.csv", "targets.csv", "events.csv", "marketing_spend.csv"] {
                #expect(try Self.lines(directory, file) == Self.lines(reference, file), "\(file), \(shape), \(order)")
            }
            // truth.json: the same except the files' byte sizes (ids of other lengths).
            let truth = { (d: String) in try Self.lines(d, "truth.json").filter { !$0.contains("\"bytes\"") } }
            #expect(try truth(directory) == truth(reference))
            #expect(try Self.respelled(Self.lines(directory, "customers.csv"), shape: shape, column: 0)
                    == Self.lines(reference, "customers.csv"))
            #expect(try Self.respelled(Self.lines(directory, "surveys.csv"), shape: shape, column: 0)
                    == Self.lines(reference, "surveys.csv"))
            let orders = try Self.respelled(Self.lines(directory, "orders.csv"), shape: shape, column: 1)
            if order == .customer {
                #expect(orders == referenceOrders)
            } else {
                #expect(orders.count == referenceOrders.count)
                #expect(orders.first == referenceOrders.first)             // the header
                #expect(Set(orders) == Set(referenceOrders), "\(order) holds exactly the same rows")
                #expect(orders != referenceOrders, "\(order) is not the customer order")
            }
        }
    }

    @Test("date order: dates never decrease, ties keep the order ids' generation order")
    func dateOrder() throws {
        let directory = try Self.generate(shape: .numeric, order: .date)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = try Self.lines(directory, "orders.csv").dropFirst().map { $0.split(separator: ",") }
        var previous: (date: Substring, id: Int)? = nil
        for row in rows {
            let id = try #require(Int(row[0].dropFirst()))
            if let previous {
                #expect(previous.date <= row[2])
                if previous.date == row[2] { #expect(previous.id < id) }
            }
            previous = (row[2], id)
        }
    }

    @Test("shuffled order is deterministic: the same seed gives the same bytes")
    func shuffledIsDeterministic() throws {
        let a = try Self.generate(shape: .uuid, order: .shuffled), b = try Self.generate(shape: .uuid, order: .shuffled)
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a + "/orders.csv")) == Data(contentsOf: URL(fileURLWithPath: b + "/orders.csv")))
    }

    /// Salesforce's case-folding suffix, computed here independently of the generator.
    static func salesforceSuffix(_ id15: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        let characters = Array(id15)
        return String((0..<3).map { chunk -> Character in
            var bits = 0
            for i in 0..<5 where characters[chunk * 5 + i].isUppercase { bits += 1 << i }
            return alphabet[bits]
        })
    }

    /// Whether `id` is well formed for customer number `n` in `shape`.
    static func isWellFormed(_ id: String, _ n: Int, _ shape: CustomerIDShape) -> Bool {
        switch shape {
        case .prefixed: return id == "C\(n)"
        case .numeric: return id == "\(n)"
        case .uuid:
            let groups = id.split(separator: "-", omittingEmptySubsequences: false)
            return groups.map(\.count) == [8, 4, 4, 4, 12]
                && id.allSatisfy { $0 == "-" || ($0.isHexDigit && !$0.isUppercase) }
                && groups[2].first == "4" && "89ab".contains(groups[3].first ?? "x")
        case .salesforce:
            return id.count == 18 && id.hasPrefix("003") && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                && String(id.suffix(3)) == salesforceSuffix(String(id.prefix(15)))
        case .email:
            let parts = id.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && id == id.lowercased() && parts[0].hasSuffix("\(n)") && parts[1].contains(".")
        }
    }

    @Test("id shapes are well formed and distinct (Salesforce ids distinct ignoring case)", arguments: CustomerIDShape.allCases)
    func shapesAreDistinct(shape: CustomerIDShape) {
        let count = 100_000
        var seen = Set<String>(), folded = Set<String>()
        var malformed: [String] = []
        for n in 1...count {
            let id = shape.spelling(n)
            seen.insert(id)
            folded.insert(id.lowercased())
            if !Self.isWellFormed(id, n, shape) && malformed.count < 5 { malformed.append(id) }
        }
        #expect(malformed.isEmpty, "malformed \(shape) ids: \(malformed)")
        #expect(seen.count == count, "\(shape) ids are distinct")
        #expect(folded.count == count, "\(shape) ids are distinct ignoring case")
    }
}
