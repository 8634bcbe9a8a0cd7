import Support
/// A parameter value as given by a user, a preset or a default.
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .number(let d): numberText(d)
        case .integer(let i): String(i)
        case .bool(let b): String(b)
        case .string(let s): s
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let d): d
        case .integer(let i): Double(i)
        case .string(let s): Double(s)
        case .bool: nil
        }
    }

    /// A JSON scalar, read and written as `OutputValue` reads and writes it; a list is refused.
    public init(from decoder: Decoder) throws {
        switch try OutputValue(from: decoder) {
        case .number(let d): self = .number(d)
        case .integer(let i): self = .integer(i)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .list:
            throw DecodingError.typeMismatch(ParameterValue.self, .init(codingPath: decoder.codingPath,
                                                                        debugDescription: "expected a number, boolean or string, got a list"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        try OutputValue(self).encode(to: encoder)
    }
}
