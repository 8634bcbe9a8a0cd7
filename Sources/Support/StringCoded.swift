/// An integer written to JSON as a string: ids and seeds are 64-bit, and JavaScript and jq read JSON
/// numbers as doubles, which round anything above 2^53. Reads a string, or a number as older files
/// wrote it.
@propertyWrapper
public struct StringCoded<Value: FixedWidthInteger & Codable & Sendable>: Codable, Sendable, Hashable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            guard let v = Value(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "`\(text)` is not a \(Value.self)")
            }
            wrappedValue = v
        } else {
            wrappedValue = try c.decode(Value.self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(String(wrappedValue))
    }
}
