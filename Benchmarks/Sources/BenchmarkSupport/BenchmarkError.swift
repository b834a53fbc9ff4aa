/// Failures of the benchmark runner: bad arguments, missing or malformed input files.
public enum BenchmarkError: Error, CustomStringConvertible, Sendable {
    /// A command-line problem (unknown option, missing value, bad number).
    case usage(String)
    /// A file could not be opened, read or written.
    case io(path: String, reason: String)
    /// An input file exists but does not have the expected shape.
    case malformedInput(path: String, reason: String)

    public var description: String {
        switch self {
        case .usage(let message): return "usage: \(message)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .malformedInput(let path, let reason): return "\(path): malformed input: \(reason)"
        }
    }
}
