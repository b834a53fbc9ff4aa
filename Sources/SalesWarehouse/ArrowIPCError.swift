/// A failure reading an Arrow IPC stream: what is wrong and the byte offset where it was found.
public struct ArrowIPCError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        /// The stream ended inside a message or a body (a partial result).
        case truncated
        /// A length, offset or count points outside the data or is negative.
        case outOfBounds
        /// The bytes are not an Arrow IPC stream message (bad marker, bad flatbuffer).
        case malformed
        /// A valid Arrow type or feature this reader does not support (named in the detail).
        case unsupported
        /// A record batch does not fit the schema (column count, buffer count, lengths).
        case schemaMismatch
    }

    /// The kind of failure.
    public let kind: Kind
    /// Byte offset in the stream (or in the message being decoded) where it was found.
    public let offset: Int
    /// What was found.
    public let detail: String

    /// An error.
    /// - Parameters:
    ///   - kind: The kind.
    ///   - offset: The byte offset.
    ///   - detail: What was found.
    public init(_ kind: Kind, offset: Int, _ detail: String) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    /// `Arrow IPC KIND at byte OFFSET: DETAIL`.
    public var description: String { "Arrow IPC \(kind.rawValue) at byte \(offset): \(detail)" }
}
