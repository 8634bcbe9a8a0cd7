import Foundation
import Support
import PluginKit
import Presets
import Batch
import Imaging

/// How clips are cut.
public enum CutMode: String, Sendable, Codable, CaseIterable {
    /// Stream copy from the keyframe at or before the start.
    case copy
    /// Frame-accurate: re-encode only up to the next keyframe (and from the last keyframe before the
    /// end), stream-copy the rest.
    case smart
    /// Decode and encode the whole clip.
    case reencode
}

/// The picture shape of the clips.
public enum ClipFormat: String, Sendable, Codable, CaseIterable {
    /// The replay's own frame.
    case source
    /// 9:16, reframed by a reframe stage.
    case vertical
}

/// A reframe or overlay stage with its validated parameters.
public struct StageChoice<Stage: Sendable>: Sendable {
    public let stage: Stage
    public let parameters: PluginParameters
    public init(stage: Stage, parameters: PluginParameters) { self.stage = stage; self.parameters = parameters }
}

/// Everything that decides how a replay's clips are made (besides the cues).
public struct ClipOptions: Sendable {
    public var mode: CutMode = .smart
    public var format: ClipFormat = .source
    /// Output size for `vertical` (even numbers).
    public var width = 720
    public var height = 1280
    /// Audio stream to use, as an index among the replay's audio streams (0 = first); nil = FFmpeg's best.
    public var audioTrack: Int?
    /// Loudness target; nil leaves the level as it is.
    public var loudnessTarget: Double? = -14
    public var truePeakTarget: Double = -1.5
    /// x264 settings for re-encoded video (from the encoder preset).
    public var preset = "veryfast"
    public var crf = 23.0
    public var audioBitRate = 128_000
    public var reframe: StageChoice<any ReframeStage>?
    public var overlays: [StageChoice<any OverlayStage>] = []
    public var platform: PlatformPreset?
    public var captions: [Caption] = []
    /// Pango font list and direction for a cue (from the region presets).
    public var font: @Sendable (Cue) -> (font: String, rightToLeft: Bool) = { _ in ("Noto Sans", false) }

    public init() {}

    /// Stable text of what changes the output, for the run catalog's input hash.
    public var canonical: String {
        var parts = ["mode=\(mode.rawValue)", "format=\(format.rawValue)", "size=\(width)x\(height)",
                     "audio=\(audioTrack.map(String.init) ?? "best")", "lufs=\(loudnessTarget.map { "\($0)" } ?? "off")",
                     "tp=\(truePeakTarget)", "x264=\(preset)/\(crf)", "aac=\(audioBitRate)",
                     "platform=\(platform?.name ?? "none")", "captions=\(captions.count)"]
        if let r = reframe { parts.append("reframe=\(r.stage.metadata.name)[\(r.parameters.canonical)]") }
        for o in overlays { parts.append("overlay=\(o.stage.metadata.name)[\(o.parameters.canonical)]") }
        return parts.joined(separator: ";")
    }
}
