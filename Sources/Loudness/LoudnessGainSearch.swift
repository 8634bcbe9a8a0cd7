import Foundation

/// The constant gain a `LoudnessNormalizer` should apply so that its output, limited to the
/// true-peak ceiling, measures the integrated-loudness target; or, when no gain within bounds
/// gets there, the gain that comes closest, with the reason.
public struct LoudnessGainPlan: Sendable, Hashable {
    /// Why the target cannot be reached.
    public enum Shortfall: String, Sendable, Hashable {
        /// Reaching the target would take more than `LoudnessGainSearch.maximumMakeupDB` of gain
        /// above the linear gain, i.e. that much more limiting to hold the true-peak ceiling.
        case truePeakCeiling = "true-peak-ceiling"
        /// The gain is at `LoudnessNormalizer.maximumGainDB` (very quiet audio).
        case gainCap = "gain-cap"
    }

    /// The constant gain before the limiter, dB.
    public let gainDB: Double
    /// The gain that would reach the target without limiting, dB.
    public let linearGainDB: Double
    /// Integrated loudness of the normaliser's output with `gainDB` (LUFS): measured by a trial run,
    /// or the target itself when the limiter cannot act (no trial needed).
    public let reachedIntegrated: Double
    /// Trial runs made.
    public let trials: Int
    /// Set when `reachedIntegrated` misses the target by more than `LoudnessGainSearch.tolerance`.
    public let shortfall: Shortfall?
}

/// Finds the gain that reaches the loudness target through the true-peak limiter (a second-pass
/// search, as ffmpeg's `loudnorm` turns to its dynamic mode when linear gain cannot meet the ceiling).
///
/// Method: the linear gain `target - measured` is exact when the gained true peak stays under the
/// limiter's ceiling (then no trial is run). Otherwise limiting takes loudness away, so the search
/// runs the normaliser over the same audio (`trial`), measures its output, and raises the gain by the
/// shortfall divided by the slope seen between the last two trials (secant steps; the first step
/// assumes slope 1), until the output is within `aim` of the target or `maximumTrials` are spent.
/// The gain stays within `linear + maximumMakeupDB` and `LoudnessNormalizer.maximumGainDB`: beyond
/// that the limiter would squash the programme rather than catch its peaks, and the plan says why
/// it stopped short. Every trial is deterministic, so the chosen gain's output measures exactly
/// `reachedIntegrated` when it is run again.
public enum LoudnessGainSearch {
    /// Largest gain above the linear gain, dB.
    public static let maximumMakeupDB = 6.0
    /// The search stops once the output is this close to the target, LU.
    public static let aim = 0.1
    /// A plan further than this from the target carries a shortfall, LU.
    public static let tolerance = 0.5
    public static let maximumTrials = 6

    /// - Parameter trial: runs a normaliser over the whole audio (every chunk, then `flush()`) and
    ///   returns its output's measurement.
    public static func plan(measured: LoudnessMeasurement, sampleRate: Int, channels: Int,
                            targetIntegrated: Double, targetTruePeak: Double,
                            trial: (LoudnessNormalizer) throws -> LoudnessMeasurement) rethrows -> LoudnessGainPlan {
        let linear = LoudnessNormalizer.linearGain(measured: measured, targetIntegrated: targetIntegrated)
        let ceiling = targetTruePeak - LoudnessNormalizer.ceilingMarginDB
        let silent = !(measured.integrated.isFinite && measured.integrated > LoudnessGating.absoluteGate)
        if silent || measured.truePeak + linear <= ceiling - 0.01 {
            let capped = !silent && linear >= LoudnessNormalizer.maximumGainDB
            let reached = silent ? measured.integrated : measured.integrated + linear
            return LoudnessGainPlan(gainDB: linear, linearGainDB: linear, reachedIntegrated: reached, trials: 0,
                                    shortfall: capped && targetIntegrated - reached > tolerance ? .gainCap : nil)
        }
        let upper = min(LoudnessNormalizer.maximumGainDB, linear + maximumMakeupDB)
        var gain = linear
        var best: (gain: Double, loudness: Double)?
        var previous: (gain: Double, loudness: Double)?
        var trials = 0
        while trials < maximumTrials {
            let normaliser = LoudnessNormalizer(measured: measured, sampleRate: sampleRate, channels: channels,
                                                targetIntegrated: targetIntegrated, targetTruePeak: targetTruePeak, gainDB: gain)
            let loudness = try trial(normaliser).integrated
            trials += 1
            if abs(targetIntegrated - loudness) < abs(targetIntegrated - (best?.loudness ?? .infinity)) { best = (gain, loudness) }
            let miss = targetIntegrated - loudness
            if abs(miss) <= aim || (miss > 0 && gain >= upper) { break }
            var slope = 1.0
            if let p = previous, gain != p.gain { slope = (loudness - p.loudness) / (gain - p.gain) }
            previous = (gain, loudness)
            // Limiting never adds loudness faster than gain does, nor (with more gain) takes it away.
            slope = min(1, max(0.05, slope))
            let next = min(upper, max(linear - maximumMakeupDB, gain + miss / slope))
            if abs(next - gain) < 0.001 { break }
            gain = next
        }
        let chosen = best ?? (linear, measured.integrated + linear)
        var shortfall: LoudnessGainPlan.Shortfall?
        if abs(targetIntegrated - chosen.loudness) > tolerance {
            shortfall = chosen.gain >= LoudnessNormalizer.maximumGainDB - 0.001 ? .gainCap : .truePeakCeiling
        }
        return LoudnessGainPlan(gainDB: chosen.gain, linearGainDB: linear, reachedIntegrated: chosen.loudness,
                                trials: trials, shortfall: shortfall)
    }
}
