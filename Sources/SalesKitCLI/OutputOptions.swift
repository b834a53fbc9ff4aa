import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
import SalesKit

/// How a command's result is rendered (`--format`), where it goes (`--output`), how chatty the
/// command is (`--quiet`) and how many threads it computes on (`--parallelism`). Every command of
/// the CLI contract takes these.
struct OutputOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(help: "Output format: table (aligned, for people), csv, or json.")
    var format: Format = .table

    @Option(name: .customLong("output"), help: "Write the result to FILE instead of standard output.")
    var outputFile: String?

    @Flag(help: "No progress or notices on standard error.")
    var quiet = false

    @OptionGroup var threads: ParallelismOption

    /// Writes `text` to `--output` or stdout.
    func write(_ text: String) throws {
        if let outputFile {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: outputFile))
            } catch {
                throw CLIError.cannotWrite(path: outputFile, reason: "\(error.localizedDescription)")
            }
        } else {
            try Self.writeStandardOutput(Array(text.utf8))
        }
    }

    /// Writes all of `bytes` to standard output with write(2). A reader that has gone away (`EPIPE`,
    /// e.g. `saleskit … | head`) ends the output quietly — the consumer has what it wanted — instead of
    /// crashing as FileHandle.write does; any other failure is a `CLIError.cannotWrite`.
    static func writeStandardOutput(_ bytes: [UInt8]) throws {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is EPIPE from write(2), handled below
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(1, base + offset, buffer.count - offset)
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && errno == EPIPE { return }
                throw CLIError.cannotWrite(path: "<stdout>", reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Renders a result in the chosen format: `json` encodes `payload` with a `version` field and
    /// sorted keys; `table` and `csv` render `table`.
    func emit<Payload: Encodable>(json payload: Payload, table: @autoclosure () -> [TextTable]) throws {
        switch format {
        case .json:
            try write(try JSONOutput.encode(payload) + "\n")
        case .csv:
            try write(table().map { $0.renderCSV() }.joined(separator: "\n"))
        case .table:
            try write(table().map { $0.renderAligned() }.joined(separator: "\n"))
        }
    }

    /// A notice on stderr unless `--quiet` (skipped rows, fall-backs, progress).
    func notice(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// JSON output with the contract's `version` field next to the payload's own keys.
enum JSONOutput {
    private struct Versioned<Payload: Encodable>: Encodable {
        let payload: Payload
        enum Key: String, CodingKey { case version }
        func encode(to encoder: Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(SalesKitVersion.string, forKey: .version)
        }
    }

    /// What non-finite numbers are encoded as before they become `null`: a sentinel bracketed by
    /// NUL characters (escaped `\u0000` in JSON text). `JSONEncoder` has no `null` strategy for
    /// non-finite numbers; a text field equal to this sentinel would also come out as `null`.
    private static let nonFinite = "\u{0}saleskit-non-finite\u{0}"

    /// Pretty, key-sorted JSON of `payload` plus `"version"`. Every missing or undefined number —
    /// `nil`, NaN, ±infinity (an empty ratio, an unobservable cell) — is `null`.
    static func encode<Payload: Encodable>(_ payload: Payload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFinite, negativeInfinity: nonFinite, nan: nonFinite)
        let text = String(decoding: try encoder.encode(Versioned(payload: payload)), as: UTF8.self)
        return text.replacingOccurrences(of: "\"\\u0000saleskit-non-finite\\u0000\"", with: "null")
    }
}

/// Errors of the CLI layer itself (files it cannot write, inputs it cannot find).
enum CLIError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// `validate`: the file was read, but no row passed the rules (exit 1).
    case noValidRows(file: String, rejected: Int)

    var description: String {
        switch self {
        case let .noValidRows(file, rejected): return "\(file): no valid row (\(rejected) rejected; see the summary by reason above)"
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .cannotRead(path, reason): return "\(path): cannot read: \(reason)"
        }
    }
}
