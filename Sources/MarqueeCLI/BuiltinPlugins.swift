import ClipFinders
import ClipStages
import CoverChecks
import CoverLayouts
import ReportWriters
import MarqueeCore

/// The plugins compiled into `marquee`, one family per target under Plugins/.
enum BuiltinPlugins {
    static let families: [[any PipelinePlugin]] = [CoverLayouts.all, CoverChecks.all, ReportWriters.all, ClipFinders.all, ClipStages.all]

    static func registry() throws -> PluginRegistry {
        var r = PluginRegistry()
        for plugin in families.joined() { try r.register(plugin) }
        return r
    }
}
