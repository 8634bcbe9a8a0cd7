import MarqueeCore

/// The built-in clip-finder plugins.
public enum ClipFinders {
    public static let all: [any PipelinePlugin] = []
}
