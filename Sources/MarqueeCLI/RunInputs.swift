import Foundation
import Support
import PluginKit

/// The `inputs` of a command's machine outputs (docs/output-format.md): the preset folders and
/// plugins in force, from the command's options.
enum RunInputs {
    /// Preset folders in force, built-in first.
    static func presets(_ global: GlobalOptions) -> [String] {
        Startup.presetFolders(global).map(\.path)
    }

    /// The named plugins (each once, in the order given) with the parameters they ran with:
    /// `given` (`--param`, already checked) over their defaults.
    static func plugins(_ names: [String], registry: PluginRegistry, given: [String: [String: ParameterValue]]) -> [PluginUse] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.compactMap { name in
            guard let meta = try? registry.plugin(named: name).metadata else { return nil }
            return PluginUse(meta, parameters: try? meta.resolve(given[name] ?? [:]))
        }
    }
}
