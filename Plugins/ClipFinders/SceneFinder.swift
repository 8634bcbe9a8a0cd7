import Support
import PluginKit
import Presets
import Clips
import Loudness

/// Finds shot changes (cuts) from how much the picture changes between frames, and suggests the
/// scenes between them as clips.
///
/// The detector follows the published algorithm of PySceneDetect's `AdaptiveDetector`
/// (https://www.scenedetect.com/docs/latest/api/detectors.html): every frame gets a content score, the
/// mean absolute difference of its picture from the previous frame's; a frame is a cut when its score
/// is at least `adaptive_threshold` times the mean score of the `window` frames on either side (so
/// steady fast motion, which scores high on every frame, does not cut) and at least `min_content`,
/// and at least `min_scene_len` seconds after the previous cut (or the start).
/// Differences from it: pictures are compared as a coarse grid of Y/Cb/Cr cell means rather than
/// H/S/V pixels (see `AnalysisPicture` for why), a change that reverts within `flash_frames` frames
/// (a camera flash) is not a cut, a fade through black gives one cut, at the first frame out of
/// black, and dissolves (cross-fades), which no single frame shows, are found by `DissolveDetector`.
/// A change of subject within one shot (a presenter picking up the next product) is not a cut: the
/// loudness-peak finder's suggestions rank the cues for those (`CueRanking`).
///
/// Suggestions are the scenes between cuts fitted to the clip-length limits (`SceneSpan.fit`); they
/// tile the replay without overlap. A suggestion's score is the adaptive ratio of its opening cut
/// (3 = just at the default threshold, capped at 255); the opening scene scores 0, and a cut out of
/// black scores at least `adaptive_threshold`.
public struct SceneFinder: ClipFinder {
    public static let metadata = PluginMetadata(
        name: "scene", kind: .clipFinder,
        summary: "suggests the scenes between shot changes (adaptive content-change detection)",
        parameters: [adaptiveThreshold, minContent, window, minSceneLength, flashFrames, blackLevel, dissolveFrames, dissolveMinContent],
        capabilities: [.needsVideo])
    public static let adaptiveThreshold: Param<Double> = .number(
        "adaptive_threshold", 1...50, default: 3, doc: "a cut needs this many times the mean change of the neighbouring frames")
    public static let minContent: Param<Double> = .number(
        "min_content", 0...255, default: 8,
        doc: "a cut also needs at least this much change (mean absolute Y/Cb/Cr difference of ~144 cells, 0–255)")
    public static let window: Param<Int> = .integer(
        "window", 1...12, default: 2, doc: "frames on each side whose mean change the ratio compares against")
    public static let minSceneLength: Param<Double> = .number(
        "min_scene_len", 0...60, default: 0.6, doc: "seconds after a cut during which no other cut is taken")
    public static let flashFrames: Param<Int> = .integer(
        "flash_frames", 0...6, default: 2, doc: "a change that reverts within this many frames is a flash, not a cut (0: off)")
    public static let blackLevel: Param<Double> = .number(
        "black_level", 0...64, default: 16,
        doc: "mean luma (0–255) at or below which a frame is black; leaving black after a fade is a cut (0: off)")
    public static let dissolveFrames: Param<Int> = .integer(
        "dissolve_frames", 0...60, default: 12,
        doc: "frames a dissolve (cross-fade) is looked for over; longer ones are found too, by part (0: off)")
    public static let dissolveMinContent: Param<Double> = .number(
        "dissolve_min_content", 1...255, default: 16,
        doc: "a dissolve's two ends must differ at least this much (same scale as min_content)")
    public init() {}

    public func session(parameters: PluginParameters, limits: ClipLengthLimits) -> any ClipFinderSession {
        SceneFinderSession(settings: .init(parameters), limits: limits)
    }
}

/// One replay's pass of the scene finder. Keeps the last `flash_frames + 1` pictures, the scores of a
/// few frames around the one being decided (decisions lag `max(window, flash_frames)` frames behind
/// the newest frame) and one record per cut.
final class SceneFinderSession: ClipFinderSession {
    struct Settings {
        var adaptiveThreshold: Double
        var minContent: Double
        var window: Int
        var minSceneLength: Double
        var flashFrames: Int
        var blackLevel: Double
        var dissolveFrames: Int
        var dissolveMinContent: Double

        init(_ p: PluginParameters) {
            typealias F = SceneFinder
            adaptiveThreshold = p[F.adaptiveThreshold]
            minContent = p[F.minContent]
            window = max(1, p[F.window])
            minSceneLength = p[F.minSceneLength]
            flashFrames = max(0, p[F.flashFrames])
            blackLevel = p[F.blackLevel]
            dissolveFrames = p[F.dissolveFrames]
            dissolveMinContent = p[F.dissolveMinContent]
        }
    }

    /// A frame waiting for its decision.
    private struct Scored {
        let time: Double
        /// Difference from the previous frame.
        let score: Double
        /// `returns[k - 1]`: difference from the frame k + 1 frames back; a flash at the frame k
        /// frames back is over when this is small.
        let returns: [Double]
        /// The first frame out of black after a fade.
        let fadeIn: Bool
    }

    private let settings: Settings
    private let limits: ClipLengthLimits
    private var recent: [AnalysisPicture] = []
    private var pending: [Scored] = []
    /// Scores of the last `window` decided frames.
    private var before: [Double] = []
    /// Frames left to skip: the rest of a flash.
    private var skip = 0
    private var cuts: [(time: Double, strength: Double)] = []
    private var lastCut: Double?
    private var lastTime = 0.0
    private var frameStep = 0.0
    private var sawLight = false
    private var inBlack = false
    private var dissolves: DissolveDetector?

    init(settings: Settings, limits: ClipLengthLimits) {
        self.settings = settings
        self.limits = limits
        if settings.dissolveFrames > 0 {
            dissolves = DissolveDetector(span: settings.dissolveFrames, minContent: settings.dissolveMinContent,
                                         blackLevel: settings.blackLevel)
        }
    }

    func consume(_ frame: AnalysisFrame) {
        guard let picture = AnalysisPicture(frame) else { return }
        if lastCut == nil { lastCut = frame.time } else { frameStep = frame.time - lastTime }
        lastTime = frame.time

        var fadeIn = false
        if settings.blackLevel > 0, picture.meanLuma <= settings.blackLevel {
            if sawLight { inBlack = true }
        } else {
            fadeIn = inBlack
            inBlack = false
            sawLight = true
        }

        if let previous = recent.last {
            if let score = picture.difference(to: previous) {
                let returns = (0..<settings.flashFrames).map { k in
                    let i = recent.count - 2 - k
                    return i >= 0 ? picture.difference(to: recent[i]) ?? .infinity : .infinity
                }
                pending.append(Scored(time: frame.time, score: score, returns: returns, fadeIn: fadeIn))
            } else {
                recent.removeAll()   // the picture size changed: start comparing afresh
            }
        }
        dissolves?.add(picture, at: frame.time)
        recent.append(picture)
        if recent.count > settings.flashFrames + 1 { recent.removeFirst() }
        while pending.count > max(settings.window, settings.flashFrames) { decideNext() }
    }

    func consume(_ loudness: LoudnessSample) {}

    /// Decides whether the oldest pending frame opens a new shot.
    private func decideNext() {
        let frame = pending.removeFirst()
        let neighbours = before + pending.prefix(settings.window).map(\.score)
        let mean = neighbours.isEmpty ? 0 : neighbours.reduce(0, +) / Double(neighbours.count)
        // As in PySceneDetect, a change out of a perfectly still picture gets the top ratio, 255.
        let ratio = min(255, frame.score / max(mean, 0.05))
        before.append(frame.score)
        if before.count > settings.window { before.removeFirst() }
        if skip > 0 { skip -= 1; return }

        var strength = ratio
        if frame.score >= settings.minContent, ratio >= settings.adaptiveThreshold {
            // A flash: a frame k later looks like the one before this change again.
            for k in stride(from: 1, through: min(settings.flashFrames, pending.count), by: 1)
            where pending[k - 1].returns[k - 1] < 0.5 * frame.score {
                skip = k
                return
            }
        } else if frame.fadeIn {
            strength = max(ratio, settings.adaptiveThreshold)
        } else {
            return
        }
        if frame.time - (lastCut ?? 0) >= settings.minSceneLength - 1e-9 {
            cuts.append((frame.time, strength))
            lastCut = frame.time
        }
    }

    /// Dissolves become cuts where no cut is within `min_scene_len` of them (a quick dissolve can also
    /// make one frame stand out; it is then found once).
    private func addDissolves() {
        guard var d = dissolves else { return }
        d.finish()
        for dissolve in d.found {
            let near = cuts.contains { abs($0.time - dissolve.time) < max(settings.minSceneLength, 1e-9) }
            if !near { cuts.append((dissolve.time, max(settings.adaptiveThreshold, dissolve.strength))) }
        }
        cuts.sort { $0.time < $1.time }
        dissolves = nil
    }

    func finish(duration: Double) -> ClipFinderResult {
        while !pending.isEmpty { decideNext() }
        addDissolves()
        let end = duration.isFinite && duration > 0 ? duration : lastTime + frameStep
        var suggestions: [CueSuggestion] = []
        var number = 0
        for scene in SceneSpan.fit(SceneSpan.between(cuts: cuts, duration: end), to: limits) {
            if scene.part == 1 { number += 1 }
            let part = scene.parts > 1 ? " part \(scene.part)/\(scene.parts)" : ""
            let opening = scene.cut.map { "cut at " + ClipTiming.timecode($0) } ?? "start of replay"
            suggestions.append(CueSuggestion(start: scene.start, end: scene.end, finder: SceneFinder.metadata.name,
                                             reason: "scene \(number)\(part) (\(opening))", score: scene.strength))
        }
        return ClipFinderResult(suggestions: suggestions, cuts: cuts.map(\.time))
    }
}
