import Support
/// The type of a plugin parameter, with its allowed range or choices.
public enum ParameterType: Sendable, Hashable {
    case number(ClosedRange<Double>)
    case integer(ClosedRange<Int>)
    case boolean
    case string
    case choice([String])
    /// A colour as `#RRGGBB`.
    case color

    public var description: String {
        switch self {
        case .number(let r): "a number in \(fmt(r.lowerBound))…\(fmt(r.upperBound))"
        case .integer(let r): "an integer in \(r.lowerBound)…\(r.upperBound)"
        case .boolean: "true or false"
        case .string: "a string"
        case .choice(let c): "one of \(c.joined(separator: ", "))"
        case .color: "a colour as #RRGGBB"
        }
    }

    public var name: String {
        switch self {
        case .number: "number"
        case .integer: "integer"
        case .boolean: "boolean"
        case .string: "string"
        case .choice: "choice"
        case .color: "color"
        }
    }
}

func fmt(_ d: Double) -> String { numberText(d) }

/// One declared parameter of a plugin: name, type, default and a line of documentation.
public struct ParameterSpec: Sendable, Hashable {
    public let name: String
    public let type: ParameterType
    public let defaultValue: ParameterValue
    public let doc: String

    public init(_ name: String, _ type: ParameterType, default defaultValue: ParameterValue, doc: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.doc = doc
    }

    /// Checks and normalises a value given for this parameter; `nil` when it does not fit.
    public func coerce(_ value: ParameterValue) -> ParameterValue? {
        switch type {
        case .number(let range):
            guard let d = value.doubleValue, d.isFinite, range.contains(d) else { return nil }
            return .number(d)
        case .integer(let range):
            let i: Int?
            switch value {
            case .integer(let v): i = v
            case .number(let d): i = d == d.rounded() ? Int(exactly: d) : nil
            case .string(let s): i = Int(s)
            case .bool: i = nil
            }
            guard let i, range.contains(i) else { return nil }
            return .integer(i)
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let s) where ["true", "yes", "1"].contains(s.lowercased()): return .bool(true)
            case .string(let s) where ["false", "no", "0"].contains(s.lowercased()): return .bool(false)
            default: return nil
            }
        case .string:
            return .string(value.description)
        case .choice(let choices):
            return choices.contains(value.description) ? .string(value.description) : nil
        case .color:
            let s = value.description
            guard Color(hex: s) != nil else { return nil }
            return .string(s.uppercased())
        }
    }
}
