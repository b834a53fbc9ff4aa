/// An optional property of a JSON document that is written as `null` when it is `nil` (synthesized
/// `Encodable` leaves nil optionals out), so a contract key is always present.
@propertyWrapper
struct NullEncoded<Value: Encodable>: Encodable {
    /// The value, or `nil` for `null`.
    var wrappedValue: Value?

    /// Wraps `wrappedValue`.
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    /// Writes the value, or `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
