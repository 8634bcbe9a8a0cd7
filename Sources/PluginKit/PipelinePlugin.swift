import Support
/// A pipeline plugin. Each job's engine declares one protocol per plugin kind (refining this one and
/// fixing `kind`); a plugin conforms to exactly one of them. Built-in plugins declare
/// `static let metadata`; the instance property comes from it. Adapters for external plugins carry
/// the metadata the executable described and return it from the instance property.
public protocol PipelinePlugin: Sendable {
    /// The kind every plugin of this protocol has; the registry checks that `metadata.kind` agrees.
    static var kind: PluginKind { get }
    static var metadata: PluginMetadata { get }
    var metadata: PluginMetadata { get }
}

extension PipelinePlugin {
    public var metadata: PluginMetadata { Self.metadata }
}
