import Foundation
import PluginKit

/// What `clips cut` was asked for, as given: file paths, preset and plugin names, texts. Nothing
/// here is checked; `ClipJob(_:presets:registry:)` checks all of it before any work starts.
public struct ClipRequest: Sendable {
    public var replay: String
    /// Cue sheet: CSV, YAML or JSON.
    public var cues: String
    /// Output folder.
    public var out: String
    /// nil = smart for source-format clips without overlays, else reencode.
    public var mode: CutMode?
    public var format: ClipFormat = .source
    /// Vertical output size, `WIDTHxHEIGHT`.
    public var size = "720x1280"
    public var platform: String?
    /// Region preset for cues that name none.
    public var region = "na"
    public var reframe = "subject-track"
    /// Overlay stages; nil = the default (title-overlay for vertical clips, none for source), [] = none.
    public var overlays: [String]?
    /// SRT file to burn in.
    public var captions: String?
    /// Index among the replay's audio streams; nil = FFmpeg's best.
    public var audioTrack: Int?
    /// Integrated loudness target in LUFS, or `off`.
    public var loudness = "-14"
    public var truePeak = -1.5
    /// Encoder preset name.
    public var encoder = "x264-veryfast"
    /// Plugin parameters by plugin name, as given.
    public var parameters: [String: [String: ParameterValue]] = [:]

    public init(replay: String, cues: String, out: String) {
        self.replay = replay; self.cues = cues; self.out = out
    }
}
