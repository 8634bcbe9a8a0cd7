import Foundation
import Support
import PluginKit
import Presets
import Batch
import Loudness

/// A small picture of one decoded video frame, for analysis: packed RGB24, row-major,
/// `width * height * 3` bytes, in display orientation, scaled from the whole frame.
public struct AnalysisFrame: Sendable {
    /// Presentation time in seconds on the replay's timeline (0 = first frame).
    public let time: Double
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]
    public init(time: Double, width: Int, height: Int, rgb: [UInt8]) {
        self.time = time; self.width = width; self.height = height; self.rgb = rgb
    }
}

/// The lengths a suggested clip must have, in seconds.
public struct ClipLengthLimits: Sendable, Hashable {
    public let minimum: Double
    public let maximum: Double
    public init(minimum: Double, maximum: Double) { self.minimum = minimum; self.maximum = maximum }
}

/// A clip a finder suggests.
public struct CueSuggestion: Sendable, Codable, Hashable {
    public var start: Double
    public var end: Double
    /// Plugin name of the finder.
    public var finder: String
    /// Why, for a person reading the sheet: `scene 12 (cut at 00:03:12.400)`, `loudness peak -9.8 LUFS`.
    public var reason: String
    /// Higher is stronger; finders document their scale.
    public var score: Double
    public init(start: Double, end: Double, finder: String, reason: String, score: Double) {
        self.start = start; self.end = end; self.finder = finder; self.reason = reason; self.score = score
    }

    /// The suggestion ending by `duration` (its end moved back), or `nil` when it starts there or later.
    public func clamped(to duration: Double) -> CueSuggestion? {
        guard start < duration else { return nil }
        var s = self
        s.end = min(end, duration)
        return s
    }
}

/// What a finder reports at the end: suggested clips and, for finders that see them, the cut points
/// (scene boundaries) in seconds.
public struct ClipFinderResult: Sendable {
    public var suggestions: [CueSuggestion]
    public var cuts: [Double]
    public init(suggestions: [CueSuggestion], cuts: [Double] = []) {
        self.suggestions = suggestions; self.cuts = cuts
    }
}

/// One finder's pass over one replay. The analysis pass feeds every frame (in presentation order)
/// and every loudness sample (in time order) to every session, then calls `finish` once.
/// A session keeps per-frame scores only, never the frames: memory stays bounded on long replays.
public protocol ClipFinderSession: AnyObject {
    func consume(_ frame: AnalysisFrame)
    func consume(_ loudness: LoudnessSample)
    /// `duration`: the replay's length in seconds.
    func finish(duration: Double) -> ClipFinderResult
}

/// A `clip-finder` plugin: suggests cues from a replay's pictures and/or sound.
public protocol ClipFinder: PipelinePlugin {
    func session(parameters: PluginParameters, limits: ClipLengthLimits) -> any ClipFinderSession
}

extension ClipFinder {
    /// Whether the analysis pass must decode video (frames) for this finder: its `needs-video` capability.
    public var needsVideo: Bool { metadata.has(.needsVideo) }
    /// Whether the analysis pass must decode audio (loudness samples): its `needs-audio` capability.
    public var needsAudio: Bool { metadata.has(.needsAudio) }
}
