import Support
import PluginKit
import Presets
import Covers

/// The built-in report-writer plugins of this family.
public enum ReportWriters {
    public static let all: [any PipelinePlugin] = [CoverJSON(), ContactSheet()]
}
