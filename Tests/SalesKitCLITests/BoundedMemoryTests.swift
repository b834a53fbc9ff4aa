import Foundation
import SalesTestSupport
import Testing

/// `--stream` holds a few blocks plus the per-customer state, whatever the file's size: `rfm
/// --stream --block-size 1M` and `cohort --stream --block-size 1M` on a generated orders file larger than the address space the process
/// may use (`prlimit --as`, which counts every mapping: heap, stacks, libraries and a mapped input
/// file) completes, with every customer's figures equal to the ones the test computes itself, while
/// the in-memory read of the same file under the same limit stops with a clear error (exit 1, no crash).
///
/// The limit leaves room for the debug binary's own start (libraries, the Swift runtime, Foundation
/// and Dispatch threads take 420–500 MB of address space before the first row), not for the file:
/// the file is 1.2× the limit, and the peak resident memory the command reports (`--timings`) is
/// checked against a tenth of the file (`VmHWM` of the command's own image: `ru_maxrss` would
/// include this test runner's memory, which survives the fork and `exec`).
@Suite("Bounded memory: --stream on a file larger than the process's address-space limit")
struct BoundedMemoryTests {
    static let customers = 500
    static let ordersPerCustomer = 1_500
    static let addressSpaceLimit = 640_000_000
    /// Bytes of the ignored `note` column per row, so the file outgrows the limit with few rows
    /// (the reader tokenizes it and skips it).
    static let noteBytes = 1_000

    @Test("rfm and cohort --stream --block-size 1M complete under prlimit --as 640 MB on a 773 MB file, every customer and cell right")
    func rfmStreamsUnderAnAddressSpaceLimit() throws {
        let prlimit = try #require(["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "prlimit (util-linux) is needed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-bounded-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("orders.csv")
        let expected = try Self.writeOrders(to: input)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int)
        #expect(size > Self.addressSpaceLimit * 6 / 5, "the file (\(size) bytes) must be well beyond the limit")
        let limit = "--as=\(Self.addressSpaceLimit)"
        let common = ["--orders", input.path, "--as-of", "2024-01-01", "--format", "csv"]

        // The limit binds: the whole file cannot be read into memory under it.
        let inMemory = try Self.run(prlimit, [limit, CLIRunner.executable.path, "rfm"] + common + ["--output", "/dev/null"],
                                    timeout: 600)
        #expect(inMemory.status == 1, "in memory under the limit: exit \(inMemory.status): \(inMemory.stderr.suffix(2_000))")
        #expect(!inMemory.stderr.contains("Fatal error"), "\(inMemory.stderr.suffix(2_000))")

        let output = directory.appendingPathComponent("rfm.csv")
        let run = try Self.run(prlimit, [limit, CLIRunner.executable.path, "rfm", "--stream", "--block-size", "1M", "--timings"]
                                   + common + ["--output", output.path], timeout: 900)
        try #require(run.status == 0, "exit \(run.status): \(run.stderr.suffix(2_000))")
        let peak = try #require(Self.peakMegabytes(run.stderr), "no peak memory in --timings: \(run.stderr)")
        #expect(peak * 1_000_000 < size / 10, "peak resident memory \(peak) MB on a \(size / 1_000_000) MB file")

        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "customer_id,recency,frequency,monetary,r,f,m,segment")
        var seen = 0
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            try #require(cells.count == 8, "\(line)")
            let id = String(cells[0])
            let want = try #require(expected[id], "unexpected customer \(id)")
            #expect(Int(cells[1]) == want.recency, "\(id) recency: \(line)")
            #expect(Int(cells[2]) == Self.ordersPerCustomer, "\(id) frequency: \(line)")
            let monetary = try #require(Double(cells[3]), "\(line)")
            #expect(Int((monetary * 100).rounded()) == want.cents, "\(id) monetary: \(line) (want \(Double(want.cents) / 100))")
            seen += 1
        }
        #expect(seen == Self.customers)

        // cohort --stream on the same file under the same limit: every cell (monthly cohorts,
        // customers, active, revenue) equal to the test's own count.
        let cohortOutput = directory.appendingPathComponent("cohort.csv")
        let cohort = try Self.run(prlimit, [limit, CLIRunner.executable.path, "cohort", "--stream", "--block-size", "1M",
                                            "--timings", "--orders", input.path, "--format", "csv",
                                            "--output", cohortOutput.path], timeout: 900)
        try #require(cohort.status == 0, "cohort: exit \(cohort.status): \(cohort.stderr.suffix(2_000))")
        let cohortPeak = try #require(Self.peakMegabytes(cohort.stderr), "no peak memory in --timings: \(cohort.stderr)")
        #expect(cohortPeak * 1_000_000 < size / 10, "cohort: peak resident memory \(cohortPeak) MB on a \(size / 1_000_000) MB file")
        let cells = try String(contentsOf: cohortOutput, encoding: .utf8).split(separator: "\n")
        #expect(cells.first == "cohort,period,customers,active,retention,revenue,partial")
        let want = Self.expectedCohorts()
        var rows = 0
        for line in cells.dropFirst() {
            let field = line.split(separator: ",", omittingEmptySubsequences: false)
            try #require(field.count == 7, "\(line)")
            let key = "\(field[0])+\(field[1])"
            let cell = try #require(want[key], "unexpected cohort cell \(line)")
            #expect(Int(field[2]) == cell.customers && Int(field[3]) == cell.active, "\(line): want \(cell)")
            let revenue = try #require(Double(field[5]), "\(line)")
            #expect(Int((revenue * 100).rounded()) == cell.cents, "\(line): want \(cell)")
            rows += 1
        }
        #expect(rows == want.count, "cohort cells: \(rows), expected \(want.count)")
    }

    /// The monthly cohort cells of `writeOrders`' file, keyed `"2023-MM+offset"`: a customer's
    /// cohort is the month of its earliest order; a cell counts the cohort's customers, those with
    /// an order in the month `offset` later, and those orders' cents. Computed without SalesKit.
    static func expectedCohorts() -> [String: (customers: Int, active: Int, cents: Int)] {
        var first = [(month: Int, day: Int)](repeating: (13, 32), count: customers)
        var activeMonths = [Set<Int>](repeating: [], count: customers)
        var centsByMonth = [[Int: Int]](repeating: [:], count: customers)
        for i in 0..<(customers * ordersPerCustomer) {
            let customer = i % customers, month = i % 12 + 1, day = i % 28 + 1, amount = 100 + i % 9_000
            if (month, day) < first[customer] { first[customer] = (month, day) }
            activeMonths[customer].insert(month)
            centsByMonth[customer][month, default: 0] += amount
        }
        var size = [Int: Int]()
        for c in 0..<customers { size[first[c].month, default: 0] += 1 }
        var cells: [String: (customers: Int, active: Int, cents: Int)] = [:]
        for (cohortMonth, count) in size {
            for month in cohortMonth...12 {
                var active = 0, cents = 0
                for c in 0..<customers where first[c].month == cohortMonth && activeMonths[c].contains(month) {
                    active += 1
                    cents += centsByMonth[c][month] ?? 0
                }
                let label = "2023-\(cohortMonth < 10 ? "0" : "")\(cohortMonth)"
                cells["\(label)+\(month - cohortMonth)"] = (count, active, cents)
            }
        }
        return cells
    }

    /// Writes the orders: row i is order `O<i>` of customer `C<i mod 500>`, dated 2023-(i mod 12 + 1)-(i mod
    /// 28 + 1), amount 1 + (i mod 9000)/100; returns each customer's recency on 2024-01-01 and
    /// monetary cents, computed here without SalesKit.
    static func writeOrders(to url: URL) throws -> [String: (recency: Int, cents: Int)] {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        try file.write(contentsOf: Data("order_id,customer_id,order_date,amount,note\n".utf8))
        let note = [UInt8](repeating: UInt8(ascii: "x"), count: noteBytes)
        var lastDay = [Int](repeating: Int.min, count: customers)
        var cents = [Int](repeating: 0, count: customers)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 22)
        for i in 0..<(customers * ordersPerCustomer) {
            let customer = i % customers, month = i % 12 + 1, day = i % 28 + 1, amount = 100 + i % 9_000
            lastDay[customer] = max(lastDay[customer], daysSince1970(2023, month, day))
            cents[customer] += amount
            let text = "O\(i),C\(customer),2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),"
                + "\(amount / 100).\(amount % 100 < 10 ? "0" : "")\(amount % 100),"
            chunk.append(contentsOf: text.utf8)
            chunk.append(contentsOf: note)
            chunk.append(10)
            if chunk.count >= 1 << 22 {
                try file.write(contentsOf: Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: Data(chunk))
        let asOf = daysSince1970(2024, 1, 1)
        var expected: [String: (recency: Int, cents: Int)] = [:]
        for c in 0..<customers { expected["C\(c)"] = (asOf - lastDay[c], cents[c]) }
        return expected
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func daysSince1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The `peak memory N MB` of a `--timings` line.
    static func peakMegabytes(_ stderr: String) -> Int? {
        guard let range = stderr.range(of: "peak memory ") else { return nil }
        return Int(stderr[range.upperBound...].prefix { $0.isNumber })
    }

    /// Runs `tool arguments` with standard error into a file, killing it after `timeout` seconds
    /// (an allocation failure under a limit can leave the runtime waiting forever; the test must
    /// fail, not hang).
    static func run(_ tool: String, _ arguments: [String], timeout: Double) throws -> (status: Int32, stderr: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-bounded-\(getpid()).stderr")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let errors = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        let killed = process.isRunning
        if killed { process.terminate() }
        process.waitUntilExit()
        try errors.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return killed ? (-1, "killed after \(Int(timeout)) s; " + text) : (process.terminationStatus, text)
    }
}
