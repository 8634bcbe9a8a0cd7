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

    public init(name: String, kind: PluginKind, summary: String, parameters: [ParameterSpec] = [],
                capabilities: Set<Capability> = [], origin: Origin = .builtin(module: "Marquee")) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.parameters = parameters
        self.capabilities = capabilities
        self.origin = origin
    }

    public func has(_ capability: Capability) -> Bool { capabilities.contains(capability) }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

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

/// Validated parameter values for one plugin, with typed accessors.
public struct PluginParameters: Sendable, Hashable {
    public let plugin: String
    public let values: [String: ParameterValue]

    public init(plugin: String, values: [String: ParameterValue]) {
        self.plugin = plugin
        self.values = values
    }

    public func number(_ key: String) -> Double { values[key]?.doubleValue ?? .nan }
    public func integer(_ key: String) -> Int {
        if case .integer(let i) = values[key] { return i }
        return Int(values[key]?.doubleValue ?? 0)
    }
    public func bool(_ key: String) -> Bool {
        if case .bool(let b) = values[key] { return b }
        return false
    }
    public func string(_ key: String) -> String { values[key]?.description ?? "" }
    public func color(_ key: String) -> Color? { Color(hex: string(key)) }

    /// A stable text form, used in content hashes and the run catalog.
    public var canonical: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ";")
    }
}
