import Support
/// Static, inspectable description of a plugin: what `marquee plugins NAME` prints.
public struct PluginMetadata: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        case builtin(module: String)
        case external(path: String)
    }

    public let name: String
    public let kind: PluginKind
    public let summary: String
    public let parameters: [ParameterSpec]
    /// What the engine must know about the plugin (it needs video, it reframes…).
    public let capabilities: Set<Capability>
    public var origin: Origin

    /// `parameters`: the plugin's typed keys (`Param`), in the order `marquee plugins NAME` lists them.
    public init(name: String, kind: PluginKind, summary: String, parameters: [any ParameterDeclaration] = [],
                capabilities: Set<Capability> = [], origin: Origin = .builtin(module: "Marquee")) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.parameters = parameters.map(\.spec)
        self.capabilities = capabilities
        self.origin = origin
    }

    public func has(_ capability: Capability) -> Bool { capabilities.contains(capability) }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// Problems with the declaration itself (checked when the plugin is registered): an empty or
    /// repeated parameter name, a default that is not a value of its parameter's type.
    public var declarationProblems: [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for spec in parameters {
            if spec.name.isEmpty { problems.append("a parameter has an empty name") }
            if !seen.insert(spec.name).inserted { problems.append("parameter `\(spec.name)` is declared twice") }
            if spec.coerce(spec.defaultValue) == nil {
                problems.append("parameter `\(spec.name)`: default `\(spec.defaultValue)` is not \(spec.type.description)")
            }
        }
        return problems
    }

    /// Validates user-given values against the declared parameters and fills in defaults.
    /// Throws on the first problem, with a message naming plugin, parameter, expectation and value.
    public func resolve(_ given: [String: ParameterValue]) throws(MarqueeError) -> PluginParameters {
        var values: [String: ParameterValue] = [:]
        for key in given.keys.sorted() where parameter(key) == nil {
            let known = parameters.map(\.name)
            var hint = known.isEmpty ? "it takes no parameters" : "its parameters are \(known.map { "`\($0)`" }.joined(separator: ", "))"
            if let near = closestMatch(key, in: known) { hint = "did you mean `\(near)`? " + hint }
            throw .usage("plugin `\(name)`: unknown parameter `\(key)`; \(hint)")
        }
        for spec in parameters {
            guard let raw = given[spec.name] else { values[spec.name] = spec.defaultValue; continue }
            guard let v = spec.coerce(raw) else {
                throw .usage("plugin `\(name)`: expected \(spec.type.description) for `\(spec.name)`, got `\(raw)`")
            }
            values[spec.name] = v
        }
        return PluginParameters(plugin: name, values: values)
    }
}

/// Validated parameter values for one plugin. Plugins read them by typed key, `parameters[Self.key]`:
/// the value given, else the key's default, never a missing or mistyped value.
public struct PluginParameters: Sendable, Hashable, Encodable {
    public let plugin: String
    /// By name, for passing through to an external plugin and for the canonical form; built-in
    /// plugins read by key.
    let values: [String: ParameterValue]

    public init(plugin: String, values: [String: ParameterValue]) {
        self.plugin = plugin
        self.values = values
    }

    public subscript<Value>(_ key: Param<Value>) -> Value { key.value(in: values) }

    /// The values as text by parameter name, for reports and records. Plugins read by key.
    public var textValues: [String: String] { values.mapValues(\.description) }

    /// A stable text form, used in content hashes and the run catalog.
    public var canonical: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ";")
    }
}
