import Support
import PluginKit
import Presets
import Clips

/// The built-in clip-stage plugins: reframing (vertical 9:16 from landscape) and overlays.
public enum ClipStages {
    public static let all: [any PipelinePlugin] = [
        CentreCrop(), SubjectTracking(), BlurFit(), TitleOverlay(), CaptionOverlay(),
    ]
}
