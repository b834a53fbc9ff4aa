/// Why the synthetic generator could not run or finish.
public enum GeneratorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A configuration value is outside its allowed range.
    case invalidConfiguration(parameter: String, value: String, reason: String)
    /// The output directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file could not be opened or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(parameter, value, reason):
            return "generator parameter \(parameter) = \(value): \(reason)"
        case let .cannotCreateDirectory(path, reason):
            return "\(path): cannot create directory: \(reason)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
