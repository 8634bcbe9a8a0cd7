import Foundation
import Support
import PluginKit

/// What `clips detect` was asked for, as given; `DetectJob` checks it.
public struct DetectRequest: Sendable {
    public var replay: String
    /// Clip-finder plugin names.
    public var finders: [String] = ["scene", "loudness-peaks"]
    /// Shortest and longest clip to suggest, seconds.
    public var minLength = 8.0
    public var maxLength = 60.0
    /// Plugin parameters by plugin name, as given.
    public var parameters: [String: [String: ParameterValue]] = [:]
    /// The cue sheet to write (CSV).
    public var out: String

    public init(replay: String, out: String) { self.replay = replay; self.out = out }
}

/// One `clips detect` job, validated before the analysis pass: the finders looked up with their
/// parameters resolved, the length limits checked, the replay opened with the streams its finders need.
public struct DetectJob: Sendable {
    public let replay: ReplaySource
    public let finders: [StageChoice<any ClipFinder>]
    public let limits: ClipLengthLimits
    /// The cue sheet to write; detect.json goes beside it.
    public let sheet: URL

    public init(_ r: DetectRequest, registry: PluginRegistry) throws(MarqueeError) {
        guard r.minLength.isFinite, r.maxLength.isFinite, r.minLength > 0, r.maxLength >= r.minLength else {
            throw .usage("--min-length/--max-length: expected 0 < min ≤ max, got \(r.minLength) and \(r.maxLength)")
        }
        limits = ClipLengthLimits(minimum: r.minLength, maximum: r.maxLength)
        for name in r.parameters.keys.sorted() { _ = try registry.plugin(named: name).metadata.resolve(r.parameters[name] ?? [:]) }
        var finders: [StageChoice<any ClipFinder>] = []
        for name in r.finders {
            let finder = try registry.plugin(named: name, as: (any ClipFinder).self, kind: .clipFinder)
            finders.append(StageChoice(stage: finder, parameters: try finder.metadata.resolve(r.parameters[name] ?? [:])))
        }
        guard !finders.isEmpty else { throw .usage("--finders: name at least one clip-finder plugin") }
        self.finders = finders
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: r.out, isDirectory: &isDir), isDir.boolValue {
            throw .usage("--out \(r.out) is a folder; give the cue sheet's file name, e.g. \(r.out)/cues.csv")
        }
        sheet = URL(fileURLWithPath: r.out)
        replay = try ReplaySource(URL(fileURLWithPath: r.replay), audioTrack: nil)
        for f in finders {
            let name = f.stage.metadata.name
            if f.stage.needsVideo && replay.video == nil {
                throw .input("replay \(r.replay) has no video stream for the \(name) finder; leave it out of --finders")
            }
            if f.stage.needsAudio && replay.audio == nil {
                throw .input("replay \(r.replay) has no audio stream for the \(name) finder; leave it out of --finders")
            }
        }
    }
}
