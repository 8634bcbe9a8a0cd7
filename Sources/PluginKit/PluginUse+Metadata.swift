import Support

extension PluginUse {
    /// The plugin as machine outputs list it in `inputs.plugins`: name, kind, origin and the
    /// parameters it ran with.
    public init(_ metadata: PluginMetadata, parameters: PluginParameters?) {
        let values = parameters?.values ?? [:]
        switch metadata.origin {
        case .builtin:
            self.init(name: metadata.name, kind: metadata.kind.rawValue, origin: "built-in", parameters: values.mapValues(OutputValue.init))
        case .external(let path):
            self.init(name: metadata.name, kind: metadata.kind.rawValue, origin: "external", path: path,
                      parameters: values.mapValues(OutputValue.init))
        }
    }
}

extension OutputValue {
    public init(_ value: ParameterValue) {
        switch value {
        case .number(let d): self = .number(d)
        case .integer(let i): self = .integer(i)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        }
    }
}
