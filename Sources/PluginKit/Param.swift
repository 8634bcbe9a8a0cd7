import Support

/// Something that declares one plugin parameter: a typed key (`Param`) or a bare `ParameterSpec`
/// (what an external plugin describes). `PluginMetadata.parameters` is built from these.
public protocol ParameterDeclaration: Sendable {
    var spec: ParameterSpec { get }
}

extension ParameterSpec: ParameterDeclaration {
    public var spec: ParameterSpec { self }
}

/// A typed parameter key. A plugin declares each of its parameters once, as a static key, lists the
/// keys in its metadata and reads values with `parameters[Self.key]`: a misspelt key is a compile
/// error, and a read always yields a value of the key's type (the given one, else the default).
///
///     static let margin: Param<Double> = .number("margin", 0...1, default: 0.05, doc: "clearance")
///     let m = parameters[Self.margin]
public struct Param<Value: Sendable>: ParameterDeclaration {
    public let spec: ParameterSpec
    public let defaultValue: Value
    /// Reads a validated value (as `ParameterSpec.coerce` left it); `nil` when it is not of this type.
    private let read: @Sendable (ParameterValue) -> Value?

    public var name: String { spec.name }

    init(_ spec: ParameterSpec, default value: Value, read: @escaping @Sendable (ParameterValue) -> Value?) {
        self.spec = spec
        self.defaultValue = value
        self.read = read
    }

    /// The value in `given`, else the default.
    func value(in given: [String: ParameterValue]) -> Value {
        given[spec.name].flatMap(read) ?? defaultValue
    }
}

extension Param where Value == Double {
    public static func number(_ name: String, _ range: ClosedRange<Double>, default value: Double, doc: String) -> Param {
        Param(ParameterSpec(name, .number(range), default: .number(value), doc: doc), default: value) { $0.doubleValue }
    }
}

extension Param where Value == Int {
    public static func integer(_ name: String, _ range: ClosedRange<Int>, default value: Int, doc: String) -> Param {
        Param(ParameterSpec(name, .integer(range), default: .integer(value), doc: doc), default: value) {
            if case .integer(let i) = $0 { return i }
            return nil
        }
    }
}

extension Param where Value == Bool {
    public static func bool(_ name: String, default value: Bool, doc: String) -> Param {
        Param(ParameterSpec(name, .boolean, default: .bool(value), doc: doc), default: value) {
            if case .bool(let b) = $0 { return b }
            return nil
        }
    }
}

extension Param where Value == String {
    public static func string(_ name: String, default value: String, doc: String) -> Param {
        Param(ParameterSpec(name, .string, default: .string(value), doc: doc), default: value) { $0.description }
    }

    /// One of `choices`, as text. Prefer an enum key (`Param<SomeEnum>.choice`) when the plugin
    /// branches on the value.
    public static func choice(_ name: String, _ choices: [String], default value: String, doc: String) -> Param {
        Param(ParameterSpec(name, .choice(choices), default: .string(value), doc: doc), default: value) { $0.description }
    }
}

extension Param where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the enum's cases, by raw value; the choices offered are all of its cases.
    public static func choice(_ name: String, default value: Value, doc: String) -> Param {
        Param(ParameterSpec(name, .choice(Value.allCases.map(\.rawValue)), default: .string(value.rawValue), doc: doc),
              default: value) { Value(rawValue: $0.description) }
    }
}

extension Param where Value == Color {
    public static func color(_ name: String, default value: Color, doc: String) -> Param {
        Param(ParameterSpec(name, .color, default: .string(value.hex), doc: doc), default: value) { Color(hex: $0.description) }
    }
}
