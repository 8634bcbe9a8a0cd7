import MarqueeCore

/// The built-in clip-stage plugins: reframing and overlays.
public enum ClipStages {
    public static let all: [any PipelinePlugin] = []
}
