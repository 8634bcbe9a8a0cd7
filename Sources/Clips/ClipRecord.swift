import Loudness
import Foundation
import Support
import PluginKit
import Presets
import Batch

/// One clip as made, for `clips.json` and the run catalog. Keys are snake_case with their units
/// (docs/output-format.md); numbers are rounded here, where the record is made: seconds to the
/// millisecond, loudness and gain to 0.01 dB.
public struct ClipRecord: Codable, Sendable {
    public struct StreamRecord: Codable, Sendable {
        public var type: String
        public var codec: String
        /// How it was made: `copy`, `encode`, or `copy+encode` (smart cut).
        public var method: String
        public var width: Int?
        public var height: Int?
        public var sampleRate: Int?
        public var channels: Int?
        /// Source stream index.
        public var sourceIndex: Int

        enum CodingKeys: String, CodingKey {
            case type, codec, method, width, height, channels
            case sampleRate = "sample_rate_hz", sourceIndex = "source_index"
        }
    }

    public var id: String
    /// The clip file, relative to the output folder (`{id}.mp4`).
    public var file: String
    public var cue: Cue
    public var modeRequested: String
    public var modeUsed: String
    /// Why the mode used differs from the one asked for.
    public var fallbackReason: String?
    public var format: String
    /// Replay-timeline seconds of the first and last+1 frame actually in the clip.
    public var actualStart: Double
    public var actualEnd: Double
    public var duration: Double
    public var frames: Int
    /// Frames re-encoded (smart cut: the head and tail around the copied middle).
    public var framesEncoded: Int
    public var streams: [StreamRecord]
    public var loudnessBefore: LoudnessMeasurement?
    public var loudnessAfter: LoudnessMeasurement?
    public var gainDB: Double?
    public var overlays: [String]
    public var reframe: String?
    public var bytes: Int
    /// Problems the decoder got past inside this clip's range (corrupt packets).
    public var warnings: [String]
    /// The frame steps run on each re-encoded frame, in order (`convert`, `rotate:90`, `reframe:blur-fit`,
    /// `overlay:title-overlay`); empty when no frame was re-encoded or nothing was done to them (absent in
    /// records written before steps were recorded).
    public var steps: [String]?
    /// The platform preset whose safe zone and minimum text size the overlays followed (the cue's, else `--platform`).
    public var platform: String?
    /// The review page's pictures beside the clip: its first frame, and frames spread across it (JPEG).
    public var poster: String?
    public var contactStrip: String?

    enum CodingKeys: String, CodingKey {
        case id, file, cue, format, frames, streams, overlays, reframe, bytes, warnings
        case modeRequested = "mode_requested", modeUsed = "mode_used", fallbackReason = "fallback_reason"
        case actualStart = "actual_start_s", actualEnd = "actual_end_s", duration = "duration_s"
        case framesEncoded = "frames_encoded", loudnessBefore = "loudness_before", loudnessAfter = "loudness_after"
        case gainDB = "gain_db", steps, platform, poster
        case contactStrip = "contact_strip"
    }

    init(id: String, file: String, cue: Cue, modeRequested: String, modeUsed: String, fallbackReason: String?, format: String,
         actualStart: Double, actualEnd: Double, frames: Int, framesEncoded: Int, streams: [StreamRecord],
         loudnessBefore: LoudnessMeasurement?, loudnessAfter: LoudnessMeasurement?, gainDB: Double?, overlays: [String],
         reframe: String?, bytes: Int, warnings: [String], steps: [String], platform: String? = nil) {
        var cue = cue
        cue.start = Rounded.seconds(cue.start)
        cue.end = Rounded.seconds(cue.end)
        self.id = id; self.file = file; self.cue = cue
        self.modeRequested = modeRequested; self.modeUsed = modeUsed; self.fallbackReason = fallbackReason; self.format = format
        self.actualStart = Rounded.seconds(actualStart); self.actualEnd = Rounded.seconds(actualEnd)
        duration = Rounded.seconds(actualEnd - actualStart)
        self.frames = frames; self.framesEncoded = framesEncoded; self.streams = streams
        self.loudnessBefore = loudnessBefore.map(Self.rounded); self.loudnessAfter = loudnessAfter.map(Self.rounded)
        self.gainDB = gainDB.map(Rounded.decibels)
        self.overlays = overlays; self.reframe = reframe; self.bytes = bytes; self.warnings = warnings
        self.steps = steps
        self.platform = platform
    }

    static func rounded(_ m: LoudnessMeasurement) -> LoudnessMeasurement {
        LoudnessMeasurement(integrated: Rounded.decibels(m.integrated), truePeak: Rounded.decibels(m.truePeak),
                            range: Rounded.decibels(m.range), threshold: Rounded.decibels(m.threshold))
    }
}
