import Foundation
import Support
import PluginKit
import Presets

/// Everything that decides one clip's output (its file and its clips.json entry), as one Codable value.
/// Its JSON with sorted keys, hashed, is the clip's resume key in the run catalog: a re-run skips a
/// clip only when every field is the same. A field added to `ClipJob` that changes outputs belongs here.
struct ClipKey: Encodable {
    /// A stage by plugin name with every resolved parameter (defaults included).
    struct Stage: Encodable {
        let plugin: String
        /// Every resolved parameter as canonical text (`name=value;…`, sorted).
        let parameters: String
        init<S>(_ choice: StageChoice<S>) where S: Sendable {
            plugin = choice.parameters.plugin
            parameters = choice.parameters.canonical
        }
    }

    let version: String
    let replay: ReplayIdentity
    /// The audio stream used (its index in the replay), however it was chosen.
    let audioStream: Int?
    let cue: Cue
    let mode: CutMode
    let format: ClipFormat
    /// Output size, for vertical clips.
    let size: [Int]?
    let encoder: ClipEncoderSettings
    let loudness: LoudnessTarget
    let platform: PlatformPreset?
    let font: FontChoice
    let reframe: Stage?
    let overlays: [Stage]
    /// The captions that fall in the clip, clip-relative, texts and times.
    let captions: [Caption]

    init(_ job: ClipJob, cue: Cue) {
        version = ClipBatch.version
        replay = job.replay.identity
        audioStream = job.replay.audio?.index
        self.cue = cue
        mode = job.mode
        format = job.format
        size = job.format == .vertical ? [job.width, job.height] : nil
        encoder = job.encoder
        loudness = job.loudness
        platform = job.platform(for: cue)
        font = job.fonts.choice(for: cue)
        reframe = job.reframe.map(Stage.init)
        overlays = job.overlays.map(Stage.init)
        captions = SRTReader.captions(job.captions, from: cue.start, to: cue.end)
    }

    /// The canonical encoding: JSON, keys sorted, no extra whitespace.
    func canonical() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value (strings, numbers, arrays, dictionaries): encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data("\(self)".utf8)
    }
}

extension ClipJob {
    /// The resume key of `cue`'s clip: the hash of its `ClipKey`'s canonical encoding.
    public func key(for cue: Cue) -> String {
        var hash = ContentHash()
        hash.add(ClipKey(self, cue: cue).canonical())
        return hash.hex
    }

    /// The resume key of a cue that cannot be cut (it fails, so it is never skipped).
    func failingKey(_ id: String) -> String { ContentHash.of([ClipBatch.version, id, "invalid", problems[id] ?? ""]) }
}
