import Loudness
import Foundation
import Support
import PluginKit
import Presets
import Batch
/// One clip as made, for `clips.json` and the run catalog.
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
    }

    public var id: String
    public var output: String
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
}
