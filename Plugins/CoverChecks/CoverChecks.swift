import Support
import PluginKit
import Presets
import Covers

/// The built-in cover-check plugins of this family.
public enum CoverChecks {
    public static let all: [any PipelinePlugin] = [SafeZoneCheck(), TextSizeCheck(), ContrastCheck()]
}
