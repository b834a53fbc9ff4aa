import ArgumentParser
import Foundation
import SalesKit

/// `--orders FILE`, `--skip-invalid`, `--map` and the input format options (`InputOptions`): how
/// the analysis commands read orders.csv.
struct OrdersInputOptions: ParsableArguments {
    @Option(help: "The orders file (order_id optional, customer_id, order_date, amount).")
    var orders: String

    @Flag(help: "Skip bad rows (each is reported on stderr and under \"rejected\" in JSON) instead of stopping at the first.")
    var skipInvalid = false

    @OptionGroup var columnMap: ColumnMapOptions

    @OptionGroup var refundOptions: RefundOptions

    /// `--refunds`.
    var refunds: RefundPolicy { refundOptions.refunds }
    @OptionGroup var format: InputOptions

    /// The reader options of `--delimiter`, `--encoding`, `--date-format`, … with this command's policy.
    /// - Throws: `ValidationError` (exit 2) for a bad value.
    func readOptions(_ output: OutputOptions) throws -> CSVReadOptions {
        try format.readOptions(policy: policy, output: output)
    }

    /// The checked `--map` for `file`, one of the files the command reads.
    /// - Parameters:
    ///   - file: The file being read.
    ///   - files: Every contract file the command reads (orders by default).
    /// - Throws: `ValidationError` (exit 2) for a bad `--map` entry.
    func mapping(for file: ContractFile, among files: [ContractFile] = [.orders]) throws -> [String: String] {
        try columnMap.mapping(for: file.rawValue, among: files.map(ColumnMapOptions.Scope.contract))
    }

    /// Reads the orders (line items grouped into orders, `--refunds` applied); skipped rows and what
    /// was done are reported through `output`.
    func read(notifying output: OutputOptions, among files: [ContractFile] = [.orders]) throws
        -> (log: OrderLog, rejected: [RejectedRow], facts: OrderInputFacts) {
        let input = try OrderLog.readOrders(file: orders, mapping: try mapping(for: .orders, among: files), policy: policy,
                                            options: try readOptions(output), ids: refundOptions.ids)
        let rejected = output.reportSkipped(input.rejected, file: orders)
        let (log, facts) = refundOptions.prepare(input, output: output)
        return (log, rejected, facts)
    }

    /// `.skipInvalidRows` with `--skip-invalid`, else `.strict`.
    var policy: CSVErrorPolicy { skipInvalid ? .skipInvalidRows : .strict }

    /// Runs an order analysis either streaming over the file (`stream`) or on the whole file read
    /// into memory, reporting skipped rows the same way and marking the end of reading in `timings`
    /// (when streaming, reading and computing are interleaved, so all of it counts as reading).
    /// - Parameters:
    ///   - stream: Stream the file in blocks instead of reading it whole.
    ///   - blockBytes: The streaming block size (`--block-size`; nil: the reader's default, 32 MiB).
    ///   - output: Where skipped rows are reported.
    ///   - timings: The `--timings` stopwatch.
    ///   - streaming: The analysis' streaming entry point, given the path, column mapping, policy,
    ///     reader options and `--ids`.
    ///   - inMemory: The analysis on an order log read into memory.
    ///   - files: Every contract file the command reads (for checking `--map`).
    /// - Returns: The result, every skipped row, and what was done to the orders (nil when streaming:
    ///   the streaming readers group line items and normalize ids as the in-memory reader does, which
    ///   is said in notices, and apply `--refunds` themselves).
    func analyze<Result>(
        stream: Bool, blockBytes: Int? = nil, output: OutputOptions, timings: inout ReadComputeTimings,
        files: [ContractFile] = [.orders],
        streaming: (_ path: String, _ mapping: [String: String], _ policy: CSVErrorPolicy, _ options: CSVReadOptions,
                    _ ids: IDPolicy) throws -> (result: Result, rejected: [RejectedRow], stream: OrderStreamSummary),
        inMemory: (OrderLog) throws -> Result
    ) throws -> (result: Result, rejected: [RejectedRow], facts: OrderInputFacts?) {
        if stream {
            var options = try readOptions(output)
            if let blockBytes { options.blockBytes = blockBytes }
            let streamed = try streaming(orders, try mapping(for: .orders, among: files), policy, options,
                                         refundOptions.ids)
            let rejected = output.reportSkipped(streamed.rejected, file: orders)
            for id in streamed.stream.ids { output.notice("note: " + id.description) }
            if streamed.stream.lines.grouped { output.notice("note: " + streamed.stream.lines.description) }
            timings.readingDone()
            return (streamed.result, rejected, nil)
        }
        let (log, skipped, facts) = try read(notifying: output, among: files)
        timings.readingDone()
        return (try inMemory(log), skipped, facts)
    }
}

/// `--future`, `--stream` and `--timings`: how the order analyses `rfm` and `cohort` treat orders after
/// the as-of date and files larger than memory, and whether they time themselves.
struct OrderAnalysisFlags: ParsableArguments {
    @Option(help: "Orders after --as-of: exclude (and report) or error.")
    var future: FutureOrderPolicy = .exclude

    @Flag(help: "Read the orders block by block (for files larger than memory); line items are grouped and ids normalized as in memory (an order whose lines are apart across a block is an error: sort by order_id or drop --stream).")
    var stream = false

    @Option(name: .customLong("block-size"),
            help: "With --stream: the bytes read per block, e.g. 4M (suffix K, M or G; default 32M). Memory holds a few blocks plus the per-customer state, so smaller blocks use less.")
    var blockSize: ByteSize?

    @Flag(help: "Print the seconds spent reading and computing on stderr.")
    var timings = false

    func validate() throws {
        if blockSize != nil, !stream { throw ValidationError("--block-size applies to --stream only") }
    }
}

/// A size in bytes given as a number with an optional binary suffix: `65536`, `64K`, `4M`, `1G`.
struct ByteSize: ExpressibleByArgument, Equatable {
    /// The size in bytes (≥ 1).
    let bytes: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(suffix: String, scale: Int)] = [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)]
        var digits = Substring(text), scale = 1
        if let unit = units.first(where: { text.hasSuffix($0.suffix) }) {
            digits = text.dropLast(unit.suffix.count)
            scale = unit.scale
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let count = Int(digits), count > 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension OrdersInputOptions {
    /// Runs an order analysis as ``analyze(stream:output:timings:files:streaming:inMemory:)`` with the
    /// `--stream` of `flags`, writing the `--timings` line when asked.
    func analyze<Result>(
        _ flags: OrderAnalysisFlags, output: OutputOptions, files: [ContractFile] = [.orders],
        streaming: (_ path: String, _ mapping: [String: String], _ policy: CSVErrorPolicy, _ options: CSVReadOptions,
                    _ ids: IDPolicy) throws -> (result: Result, rejected: [RejectedRow], stream: OrderStreamSummary),
        inMemory: (OrderLog) throws -> Result
    ) throws -> (result: Result, rejected: [RejectedRow], facts: OrderInputFacts?) {
        var stopwatch = ReadComputeTimings()
        let analyzed = try analyze(stream: flags.stream, blockBytes: flags.blockSize?.bytes, output: output,
                                   timings: &stopwatch, files: files, streaming: streaming, inMemory: inMemory)
        if flags.timings { stopwatch.report() }
        return analyzed
    }
}

/// Parses `YYYY-MM-DD` into a day (a usage error otherwise).
func parseISODate(_ text: String, option: String) throws -> Day {
    guard let day = Day(iso: text), day.int32 != nil else {
        throw ValidationError("\(option) expects a date YYYY-MM-DD, got \"\(text)\"")
    }
    return day
}

/// Shortest round-trip text of a number for CSV cells ("NaN" for NaN).
func csvNumber(_ value: Double) -> String {
    value.isNaN ? "NaN" : "\(value)"
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}

/// The process's peak resident memory so far, in bytes: the high-water mark of this program image
/// (`VmHWM` in `/proc/self/status`), or where that cannot be read `getrusage`'s `ru_maxrss` (KiB on
/// Linux) — which survives `exec` and so includes the resident memory of a large parent that forked
/// this process, hence only the fallback.
func peakResidentBytes() -> Int {
    if let file = fopen("/proc/self/status", "r") {
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            let digits = text.dropFirst(6).filter(\.isNumber)
            if let kib = Int(digits) { return kib * 1024 }
        }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}

/// Processor time of the whole process so far (all threads, user + system), in seconds.
func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
