import ClipFinders
import ClipStages
import CoverChecks
import CoverLayouts
import ReportWriters
import QualityMetrics
import EncoderProfiles
import Bench
import Quality
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// The plugins compiled into `marquee`, one family per target under Plugins/.
enum BuiltinPlugins {
    static let families: [[any PipelinePlugin]] = [CoverLayouts.all, CoverChecks.all, ReportWriters.all, ClipFinders.all, ClipStages.all, QualityMetrics.all, EncoderProfiles.all]

    /// Every plugin kind the engines define, in listing order.
    static let kinds: [PluginKind] = [.coverLayout, .coverCheck, .reportWriter, .clipFinder, .clipStage, .qualityMetric, .encoderProfile]

    /// The kinds that can run out of process, with the engine's adapter for each.
    static let externalAdapters: [PluginKind: @Sendable (ExternalPlugin) -> any PipelinePlugin] = [
        .coverCheck: { ExternalCoverCheck($0) },
    ]

    static func registry() throws -> PluginRegistry {
        var r = PluginRegistry()
        for plugin in families.joined() { try r.register(plugin) }
        return r
    }
}
