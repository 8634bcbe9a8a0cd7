import Support
import PluginKit
import Presets
import Clips
import Loudness

/// Finds moments where the sound gets much louder than it has been (a host shouting a deal, applause,
/// a product demo) and suggests a clip around each.
///
/// Works on EBU R128 short-term loudness (3 s window): a peak is a stretch where it stands at least
/// `rise_lu` above the running level, the median short-term loudness of the previous `baseline`
/// seconds (samples under the R128 absolute gate of -70 LUFS, i.e. silence, are left out of it), and
/// above `floor`. The peak's moment is its loudest momentary (400 ms) sample. Peaks closer together
/// than the clip length give one suggestion, the one with the largest rise.
public struct LoudnessPeakFinder: ClipFinder {
    public static let riseLU: Param<Double> = .number(
        "rise_lu", 1...40, default: 6, doc: "how far (LU) short-term loudness must rise above the running level")
    public static let baseline: Param<Double> = .number(
        "baseline", 5...600, default: 60, doc: "seconds of preceding audio whose median short-term loudness is the running level")
    public static let floor: Param<Double> = .number("floor", -70...0, default: -40, doc: "a peak must also be at least this loud (LUFS)")
    public static let clipLength: Param<Double> = .number(
        "clip_length", 1...600, default: 20, doc: "seconds per suggested clip (kept within the clip-length limits)")
    public static let lead: Param<Double> = .number("lead", 0...600, default: 5, doc: "seconds of the clip before the peak")
    public static let metadata = PluginMetadata(
        name: "loudness-peaks", kind: .clipFinder,
        summary: "suggests clips around moments much louder than the running level",
        parameters: [riseLU, baseline, floor, clipLength, lead],
        capabilities: [.needsAudio])
    public init() {}

    public func session(parameters: PluginParameters, limits: ClipLengthLimits) -> any ClipFinderSession {
        LoudnessPeakSession(settings: .init(parameters), limits: limits)
    }
}

/// One replay's pass of the loudness-peak finder. Keeps the short-term loudness of the last
/// `baseline` seconds (sorted, for the median) and one record per peak.
final class LoudnessPeakSession: ClipFinderSession {
    struct Settings {
        var rise: Double
        var baseline: Double
        var floor: Double
        var clipLength: Double
        var lead: Double

        init(_ p: PluginParameters) {
            typealias F = LoudnessPeakFinder
            rise = p[F.riseLU]; baseline = p[F.baseline]; floor = p[F.floor]
            clipLength = p[F.clipLength]; lead = p[F.lead]
        }
    }

    struct Peak {
        var time: Double
        var momentary: Double
        /// Highest short-term loudness of the peak, and its rise over the running level then.
        var level: Double
        var rise: Double
    }

    /// EBU R128 absolute gate: quieter samples are silence and stay out of the running level.
    static let gate = -70.0

    private let settings: Settings
    private let limits: ClipLengthLimits
    /// Gated samples of the last `baseline` seconds, in time order (`head` is the oldest kept).
    private var window: [(time: Double, level: Double)] = []
    private var head = 0
    /// The same levels, sorted.
    private var sorted: [Double] = []
    private var firstHeard: Double?
    private var open: Peak?
    private var peaks: [Peak] = []
    private var lastTime = 0.0

    init(settings: Settings, limits: ClipLengthLimits) {
        self.settings = settings
        self.limits = limits
    }

    func consume(_ frame: AnalysisFrame) {}

    func consume(_ sample: LoudnessSample) {
        lastTime = sample.time
        while head < window.count, window[head].time < sample.time - settings.baseline {
            sorted.remove(at: insertionIndex(window[head].level))
            head += 1
        }
        if head > 1024, head * 2 > window.count { window.removeFirst(head); head = 0 }

        // The running level is only trusted after a while of sound: min(baseline, 10 s).
        let warm = firstHeard.map { sample.time - $0 >= min(settings.baseline, 10) } ?? false
        if warm, !sorted.isEmpty {
            let rise = sample.shortTerm - median
            if rise >= settings.rise, sample.shortTerm >= settings.floor {
                var peak = open ?? Peak(time: sample.time, momentary: sample.momentary, level: sample.shortTerm, rise: rise)
                if sample.momentary > peak.momentary { peak.time = sample.time; peak.momentary = sample.momentary }
                if rise > peak.rise { peak.rise = rise; peak.level = sample.shortTerm }
                open = peak
            } else {
                close()
            }
        }

        if sample.shortTerm > Self.gate {
            if firstHeard == nil { firstHeard = sample.time }
            window.append((sample.time, sample.shortTerm))
            sorted.insert(sample.shortTerm, at: insertionIndex(sample.shortTerm))
        }
    }

    private var median: Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// First index in `sorted` whose value is not below `level`.
    private func insertionIndex(_ level: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < level { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func close() {
        if let peak = open { peaks.append(peak) }
        open = nil
    }

    func finish(duration: Double) -> ClipFinderResult {
        close()
        let end = duration.isFinite && duration > 0 ? duration : lastTime
        let length = min(max(settings.clipLength, limits.minimum), limits.maximum)
        // Non-maximum suppression: strongest first, each keeps the clip length around it to itself.
        var kept: [Peak] = []
        for peak in peaks.sorted(by: { $0.rise > $1.rise })
        where kept.allSatisfy({ abs($0.time - peak.time) >= length }) {
            kept.append(peak)
        }
        let suggestions = kept.sorted { $0.time < $1.time }.compactMap { peak -> CueSuggestion? in
            guard let w = ClipTiming.window(around: peak.time, length: length, lead: settings.lead,
                                            duration: end, limits: limits) else { return nil }
            let reason = "loudness peak " + lufs(peak.level) + " LUFS (+" + lufs(peak.rise) + " LU)"
            return CueSuggestion(start: w.start, end: w.end, finder: LoudnessPeakFinder.metadata.name,
                                 reason: reason, score: peak.rise)
        }
        return ClipFinderResult(suggestions: suggestions)
    }

    /// One decimal, as loudness meters show it.
    private func lufs(_ v: Double) -> String {
        let tenths = Int((abs(v) * 10).rounded())
        return (v < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
