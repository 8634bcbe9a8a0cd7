import Foundation
import Support
import PluginKit
import Presets

/// One `clips cut` job, validated: the replay opened and probed, the cue sheet read, presets and
/// plugins resolved with their parameters, the captions read, and every option checked, all before
/// any work starts. The engine trusts it; nothing it holds is checked again. Its canonical encoding
/// per cue (`key(for:)`) is the run catalog's resume key.
public struct ClipJob: Sendable {
    /// The replay, with the audio stream chosen (`--audio-track`, else FFmpeg's best).
    public let replay: ReplaySource
    public let entries: [CueEntry]
    public let outDir: URL
    /// The mode asked for (or the default); a clip may still fall back to re-encoding (`ClipPlanner`).
    public let mode: CutMode
    public let format: ClipFormat
    /// Output size for `vertical` (even numbers).
    public let width: Int
    public let height: Int
    public let loudness: LoudnessTarget
    public let encoder: ClipEncoderSettings
    /// Target platform (its safe zone and minimum text size), when one was given.
    public let platform: PlatformPreset?
    /// The platform presets cues name (a cue's `platform` overrides `platform` for its clip).
    public let cuePlatforms: [String: PlatformPreset]
    public let fonts: RegionFonts
    /// The reframe stage, for `vertical`.
    public let reframe: StageChoice<any ReframeStage>?
    public let overlays: [StageChoice<any OverlayStage>]
    /// All captions of the SRT file, replay timeline.
    public let captions: [Caption]
    /// Cues that cannot be cut, by id, with why (unreadable row, outside the replay, no video, unknown
    /// region): their clips fail; the others are made.
    public let problems: [String: String]

    /// Checks `request` against the presets and plugins; throws the first problem (`.usage` for options,
    /// `.input` for unreadable files), naming the option or file and what to do.
    public init(_ request: ClipRequest, presets: PresetLibrary, registry: PluginRegistry) throws(MarqueeError) {
        let r = request
        (width, height) = try Self.size(r.size)
        loudness = try Self.loudness(r.loudness, truePeak: r.truePeak)
        encoder = try Self.encoder(r.encoder, presets)
        if let a = r.audioTrack, a < 0 { throw .usage("--audio-track \(a): expected 0 or more") }
        platform = try r.platform.map { name throws(MarqueeError) in try presets.platform(name) }
        let region = try presets.region(r.region)
        guard !region.locales.isEmpty else { throw .usage("--region \(r.region): the region preset lists no locale") }
        fonts = RegionFonts(defaultRegion: region, regions: presets.regions)
        format = r.format
        let stages = try StageSelection(r, registry: registry)
        reframe = stages.reframe
        overlays = stages.overlays
        // Vertical clips and overlays change every frame: without an explicit mode they are re-encoded.
        mode = r.mode ?? (format == .vertical || !overlays.isEmpty ? .reencode : .smart)
        if mode == .copy && (format == .vertical || !overlays.isEmpty) {
            throw .usage("--mode copy keeps the replay's frames as they are; it cannot make vertical clips or draw overlays (use --mode smart or reencode)")
        }
        captions = try r.captions.map { path throws(MarqueeError) in try SRTReader.read(URL(fileURLWithPath: path)) } ?? []
        outDir = try Self.outputFolder(r.out)
        entries = try CueSheetReader.read(URL(fileURLWithPath: r.cues))
        replay = try ReplaySource(URL(fileURLWithPath: r.replay), audioTrack: r.audioTrack)
        let named = Set(entries.compactMap { $0.cue?.platform })
        cuePlatforms = presets.platforms.filter { named.contains($0.key) }
        problems = Self.problems(entries, replay: replay, fonts: fonts, platforms: presets.platforms.keys.sorted())
    }

    /// The platform whose safe zone and text size apply to `cue`'s overlays: the cue's own, else the job's.
    public func platform(for cue: Cue) -> PlatformPreset? {
        cue.platform.flatMap { cuePlatforms[$0] } ?? platform
    }

    /// The cues to cut: those read without problems, in sheet order.
    public var cues: [Cue] { entries.compactMap { e in e.cue.flatMap { problems[e.id] == nil ? $0 : nil } } }

    static func size(_ text: String) throws(MarqueeError) -> (Int, Int) {
        let wh = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard wh.count == 2, wh[0] >= 16, wh[1] >= 16, wh[0] % 2 == 0, wh[1] % 2 == 0, wh[0] <= 4096, wh[1] <= 4096 else {
            throw .usage("--size \(text): expected WIDTHxHEIGHT with even numbers, e.g. 720x1280 or 1080x1920")
        }
        return (wh[0], wh[1])
    }

    static func loudness(_ text: String, truePeak: Double) throws(MarqueeError) -> LoudnessTarget {
        guard (-9.0 ... 0.0).contains(truePeak) else { throw .usage("--true-peak \(truePeak): expected -9…0 dBTP") }
        if text.lowercased() == "off" { return LoudnessTarget(integrated: nil, truePeak: truePeak) }
        guard let l = Double(text), (-40.0 ... -5.0).contains(l) else {
            throw .usage("--loudness \(text): expected LUFS in -40…-5 (e.g. -14) or `off`")
        }
        return LoudnessTarget(integrated: l, truePeak: truePeak)
    }

    static func encoder(_ name: String, _ presets: PresetLibrary) throws(MarqueeError) -> ClipEncoderSettings {
        let enc = try presets.encoder(name)
        guard enc.encoder == "libx264" else {
            throw .usage("--encoder \(name): clips are H.264 for posting; choose an x264 profile (e.g. x264-veryfast)")
        }
        return ClipEncoderSettings(name: enc.name, preset: enc.preset, crf: Double(enc.crf ?? 23), audioBitRate: enc.audio_kbps * 1000)
    }

    static func outputFolder(_ path: String) throws(MarqueeError) -> URL {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
            throw .usage("--out \(path) is a file; give a folder for the clips")
        }
        return URL(fileURLWithPath: path)
    }

    /// Per-cue problems found before work: the sheet's own, then the cue against the replay and presets.
    static func problems(_ entries: [CueEntry], replay: ReplaySource, fonts: RegionFonts, platforms: [String]) -> [String: String] {
        let name = replay.url.lastPathComponent
        let duration = replay.duration
        let frame = 1 / max(1, replay.video?.frameRate ?? 30)
        var problems: [String: String] = [:]
        for entry in entries {
            guard let cue = entry.cue else {
                problems[entry.id] = entry.problems.joined(separator: "; ")
                continue
            }
            let at = "clip \(cue.id) (row \(entry.row))"
            if replay.video == nil {
                problems[cue.id] = "clip \(cue.id): replay \(name) has no video stream; clips are cut from video"
            } else if duration > 0 && cue.start >= duration {
                problems[cue.id] = "\(at): starts at \(Timecode.format(cue.start)), after the end of the replay (\(Timecode.format(duration))); fix the cue's start"
            } else if duration > 0 && cue.end > duration + frame {
                problems[cue.id] = "\(at): ends at \(Timecode.format(cue.end)), after the end of the replay (\(Timecode.format(duration))); end it at \(Timecode.format(duration)) or earlier"
            } else if let region = cue.region, !fonts.knows(region) {
                problems[cue.id] = "\(at): region \"\(region)\" is not a region preset (see `marquee presets`); fix the cue's region or leave it empty"
            } else if let platform = cue.platform, !platforms.contains(platform) {
                let hint = closestMatch(platform, in: platforms).map { "did you mean \"\($0)\"? " } ?? ""
                problems[cue.id] = "\(at): platform \"\(platform)\" is not a platform preset; \(hint)known: \(platforms.joined(separator: ", ")); fix the cue's platform or leave it empty"
            }
        }
        return problems
    }
}
