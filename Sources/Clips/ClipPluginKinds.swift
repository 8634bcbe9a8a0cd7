import PluginKit

extension PluginKind {
    public static let clipFinder = PluginKind("clip-finder", order: 20, summary: "suggests clip cues from a replay")
    public static let clipStage = PluginKind("clip-stage", order: 21,
                                             summary: "transforms clip frames (reframe, overlay, captions)")
}

extension Capability {
    /// The analysis pass must decode video for this finder.
    public static let needsVideo = Capability("needs-video")
    /// The analysis pass must decode audio (loudness) for this finder.
    public static let needsAudio = Capability("needs-audio")
    /// A reframe stage that looks at small grey thumbnails of every frame.
    public static let needsThumbnails = Capability("needs-thumbnails")
    /// A stage that decides how source frames fill the output frame.
    public static let reframe = Capability("reframe")
    /// A stage that draws over the clip.
    public static let overlay = Capability("overlay")
}

extension ClipFinder {
    public static var kind: PluginKind { .clipFinder }
}

extension ReframeStage {
    public static var kind: PluginKind { .clipStage }
}

extension OverlayStage {
    public static var kind: PluginKind { .clipStage }
}
