/// A setting or parameter value in a machine output's `inputs`: a JSON string, number, boolean or
/// list of those, written as plain JSON (`"jpg"`, `2`, `true`, `["safe-zone", "contrast"]`).
public enum OutputValue: Codable, Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case list([OutputValue])

    public init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [OutputValue] = []
            while !list.isAtEnd { items.append(try list.decode(OutputValue.self)) }
            self = .list(items)
            return
        }
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .list(let l): try c.encode(l)
        }
    }

    /// A list of strings.
    public static func strings(_ items: [String]) -> OutputValue { .list(items.map(OutputValue.string)) }
}
