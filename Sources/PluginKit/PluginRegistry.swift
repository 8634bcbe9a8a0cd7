import Foundation
import Support

/// The plugins known to this process: the built-ins, registered at start-up, and external
/// `marquee-plugin-NAME` executables found on the search path.
public struct PluginRegistry: Sendable {
    public private(set) var plugins: [String: any PipelinePlugin] = [:]

    public init() {}

    public mutating func register(_ plugin: any PipelinePlugin) throws(MarqueeError) {
        let name = plugin.metadata.name
        let kind = type(of: plugin).kind
        guard plugin.metadata.kind == kind else {
            throw .usage("plugin `\(name)` declares kind `\(plugin.metadata.kind)` but is a \(kind) plugin by its protocol")
        }
        if let problem = plugin.metadata.declarationProblems.first {
            throw .usage("plugin `\(name)` declares its parameters wrongly: \(problem)")
        }
        if let existing = plugins[name] {
            throw .usage("plugin `\(name)` from \(plugin.metadata.origin) clashes with the one from \(existing.metadata.origin); rename one of them")
        }
        plugins[name] = plugin
    }

    /// All plugins' metadata, by kind then name.
    public var all: [PluginMetadata] {
        plugins.values.map(\.metadata).sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
    }

    public func names(of kind: PluginKind) -> [String] { all.filter { $0.kind == kind }.map(\.name) }

    public func plugin(named name: String) throws(MarqueeError) -> any PipelinePlugin {
        if let p = plugins[name] { return p }
        let hint = closestMatch(name, in: Array(plugins.keys)).map { "did you mean `\($0)`? " } ?? ""
        throw .usage("no plugin named `\(name)`; \(hint)run `marquee plugins` to list them")
    }

    /// Every plugin of `kind` that conforms to `P`, by name.
    public func plugins<P>(of kind: PluginKind, as: P.Type) -> [P] {
        names(of: kind).compactMap { plugins[$0] as? P }
    }

    /// Looks up a plugin of a given protocol, e.g. `plugin(named: "safe-zone", as: (any CoverCheck).self)`.
    public func plugin<P>(named name: String, as: P.Type, kind: PluginKind) throws(MarqueeError) -> P {
        let p = try plugin(named: name)
        guard let typed = p as? P else {
            throw .usage("plugin `\(name)` is a \(p.metadata.kind.rawValue) plugin, not a \(kind.rawValue) plugin")
        }
        return typed
    }

    /// Finds `marquee-plugin-*` executables in `folders` and registers the ones that describe themselves,
    /// wrapped by the adapter of their kind (`adapters`: the kinds that can run out of process).
    /// Returns one warning per executable that could not be registered; those are skipped.
    public mutating func discoverExternal(in folders: [String],
                                          adapters: [PluginKind: @Sendable (ExternalPlugin) -> any PipelinePlugin]) -> [String] {
        var warnings: [String] = []
        var seen = Set<String>()
        for folder in folders where !folder.isEmpty {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries.sorted() where entry.hasPrefix(ExternalPlugin.prefix) && !seen.contains(entry) {
                let path = (folder as NSString).appendingPathComponent(entry)
                guard FileManager.default.isExecutableFile(atPath: path) else { continue }
                seen.insert(entry)
                do {
                    let plugin = try ExternalPlugin.describe(path: path, kinds: adapters.keys.sorted())
                    guard let adapt = adapters[plugin.metadata.kind] else { continue }
                    try register(adapt(plugin))
                } catch {
                    warnings.append("skipping external plugin \(path): \(error)")
                }
            }
        }
        return warnings
    }

    /// Folders searched for external plugins: `MARQUEE_PLUGIN_PATH` (colon-separated) first, then `PATH`.
    public static func externalSearchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let own = (environment["MARQUEE_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return own + path
    }
}
