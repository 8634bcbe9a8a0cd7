import Support
import PluginKit
import Presets
import Clips
import Loudness

/// The built-in clip-finder plugins: what `marquee clips detect` can use when there is no cue sheet.
public enum ClipFinders {
    public static let all: [any PipelinePlugin] = [SceneFinder(), LoudnessPeakFinder()]
}
