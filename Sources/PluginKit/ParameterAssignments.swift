import Support

/// `--param plugin.key=value` assignments as a command line gives them, grouped by plugin. Values stay
/// text here; `PluginMetadata.resolve` checks and converts them against the plugin's declaration.
public enum ParameterAssignments {
    public static func parse(_ raw: [String]) throws(MarqueeError) -> [String: [String: ParameterValue]] {
        var out: [String: [String: ParameterValue]] = [:]
        for item in raw {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            let pk = kv.first?.split(separator: ".", maxSplits: 1).map(String.init) ?? []
            guard kv.count == 2, pk.count == 2 else {
                throw .usage("--param \(item): expected plugin.key=value, e.g. --param safe-zone.margin=0.02")
            }
            out[pk[0], default: [:]][pk[1]] = .string(kv[1])
        }
        return out
    }
}
