import Loudness
import Foundation
import Support

/// A clip's audio read back from its spool exactly as the encoder gets it: silence where the spool
/// starts after the clip, the spooled samples of the clip's range, silence where the spool runs short.
/// Each reader starts again from the beginning, so the audio can be measured and tried more than once.
final class ClipSamples {
    private let reader: SampleSpool.Reader
    private let channels: Int
    private var lead: Int
    private var skip: Int
    private var remaining: Int

    /// `skip`: spooled frames before the clip's first (negative: the spool starts `-skip` frames late).
    init(spool: SampleSpool, skip: Int, count: Int) throws {
        reader = try spool.reader()
        channels = spool.channels
        lead = min(max(0, -skip), count)
        self.skip = max(0, skip)
        remaining = count
    }

    /// Up to `limit` frames per channel, nil once the clip's frames are all given.
    func next(_ limit: Int) throws -> [[Float]]? {
        guard remaining > 0 else { return nil }
        if lead > 0 {
            let n = min(lead, limit)
            lead -= n; remaining -= n
            return Array(repeating: Array(repeating: 0, count: n), count: channels)
        }
        while skip > 0, let chunk = try reader.next(min(skip, 8192)) { skip -= chunk[0].count }
        guard let chunk = try reader.next(min(limit, remaining)) else {
            let n = min(remaining, limit)  // the spool ran short (audio ended early): silence
            remaining -= n
            return Array(repeating: Array(repeating: 0, count: n), count: channels)
        }
        remaining -= chunk[0].count
        return chunk
    }
}

/// The two passes of a clip's loudness normalisation over its spooled audio: the measurement, and
/// the gain search (trial runs of the normaliser) that reaches the target through the limiter, with
/// the warning for clips.json when it cannot.
enum ClipLoudness {
    /// The meter fed the clip's audio: its `result()` is the loudness before, and with a linear gain its
    /// `result(gainedBy:)` is the loudness after, with no second measurement.
    static func meter(_ spool: SampleSpool, skip: Int, count: Int) throws -> LoudnessMeter {
        let meter = LoudnessMeter(sampleRate: ClipAudio.rate, channels: spool.channels)
        let samples = try ClipSamples(spool: spool, skip: skip, count: count)
        while let chunk = try samples.next(8192) { meter.add(planar: chunk) }
        return meter
    }

    /// Runs `normaliser` over the clip's audio and measures its output.
    static func trial(_ spool: SampleSpool, skip: Int, count: Int, _ normaliser: LoudnessNormalizer) throws -> LoudnessMeasurement {
        let meter = LoudnessMeter(sampleRate: ClipAudio.rate, channels: spool.channels)
        let samples = try ClipSamples(spool: spool, skip: skip, count: count)
        while let chunk = try samples.next(8192) { meter.add(planar: normaliser.process(planar: chunk)) }
        meter.add(planar: normaliser.flush())
        return meter.result()
    }

    /// The gain to apply, or nil when loudness normalisation is off.
    static func plan(_ spool: SampleSpool, skip: Int, count: Int, measured: LoudnessMeasurement,
                     target: LoudnessTarget) throws -> LoudnessGainPlan? {
        guard let integrated = target.integrated else { return nil }
        return try LoudnessGainSearch.plan(measured: measured, sampleRate: ClipAudio.rate, channels: spool.channels,
                                           targetIntegrated: integrated, targetTruePeak: target.truePeak) { normaliser in
            try trial(spool, skip: skip, count: count, normaliser)
        }
    }

    /// The clips.json warning of a plan that stops short of the target.
    static func warning(_ plan: LoudnessGainPlan, target: LoudnessTarget) -> String? {
        guard let shortfall = plan.shortfall, let integrated = target.integrated else { return nil }
        let reached = String(format: "loudness reached %.1f LUFS, not the %.1f LUFS target", plan.reachedIntegrated, integrated)
        switch shortfall {
        case .truePeakCeiling:
            return reached + String(format: ": the audio's peaks are far above its loudness, and more gain would need over %.0f dB "
                                    + "more limiting to keep the true peak under %.1f dBTP (lower --loudness, or raise --true-peak)",
                                    LoudnessGainSearch.maximumMakeupDB, target.truePeak)
        case .gainCap:
            return reached + String(format: ": the audio is so quiet that it would need more than the largest gain, +%.0f dB",
                                    LoudnessNormalizer.maximumGainDB)
        }
    }
}
