import Support
import PluginKit
import Presets
import Covers

/// The built-in cover-check plugins of this family.
public enum CoverChecks {
    public static let all: [any PipelinePlugin] = [
        SafeZoneCheck(), EdgeMarginCheck(), TextSizeCheck(), ContrastCheck(), TextDensityCheck(), LegibilityCheck(),
        OcclusionCheck(), PlatformRulesCheck(),
    ]
    /// What `covers check` runs unless told otherwise: every built-in check.
    public static let defaultNames = ["platform-rules", "safe-zone", "edge-margin", "text-size", "contrast", "text-density",
                                      "legibility", "subject-occlusion"]
}
