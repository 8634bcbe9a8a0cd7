import Foundation
import Testing
@testable import Clips
@testable import Loudness

/// A clip's "loudness after" is derived from the first measurement only where the output is a linear gain
/// of the input. If the limiter acts where the plan foresaw none, the output is measured, not derived.
@Suite struct AudioLoudnessAfterTests {
    /// 6 s of a 1 kHz tone at about -20 dBFS with a 1 ms click at -3 dBFS every second, in both channels.
    static func spool(in dir: URL) throws -> SampleSpool {
        let rate = Double(ClipAudio.rate)
        let samples = (0..<Int(6 * rate)).map { i -> Float in
            let t = Double(i) / rate
            let click = t.truncatingRemainder(dividingBy: 1) < 0.001 ? 0.7 * sin(2 * Double.pi * 3000 * t) : 0
            return Float(0.1 * sin(2 * Double.pi * 1000 * t) + click)
        }
        let spool = try SampleSpool(url: dir.appendingPathComponent("a.pcm"), channels: 2)
        try spool.append([samples, samples])
        return spool
    }

    /// Encodes the clip's audio with `plan` and returns the loudness after it reports.
    static func encodedAfter(_ spool: SampleSpool, plan: LoudnessGainPlan) throws -> LoudnessMeasurement {
        let meter = try ClipLoudness.meter(spool, skip: 0, count: spool.frames)
        let source = try AudioEncodeSource(spool: spool, skip: 0, count: spool.frames, before: meter, gain: plan,
                                           loudness: LoudnessTarget(integrated: -14, truePeak: -1.5), bitRate: 128_000)
        while try source.next() != nil {}
        return try source.measuredAfter()
    }

    @Test func limitingNoTrialForesawIsMeasured() throws {
        let dir = try TestSupport.tempDir("loudness-after")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try Self.spool(in: dir)
        let meter = try ClipLoudness.meter(spool, skip: 0, count: spool.frames)
        let linear = -14 - meter.result().integrated
        // A linear plan: -6 dB limits nothing, so the figure is derived, and equals a measurement of the output.
        let quiet = LoudnessGainPlan(gainDB: -6, linearGainDB: linear, reachedIntegrated: meter.result().integrated - 6,
                                     trials: 0, shortfall: nil)
        let derived = try Self.encodedAfter(spool, plan: quiet)
        let measuredQuiet = try ClipLoudness.trial(spool, skip: 0, count: spool.frames, LoudnessNormalizer(
            measured: meter.result(), sampleRate: ClipAudio.rate, channels: 2, targetIntegrated: -14, targetTruePeak: -1.5, gainDB: -6))
        #expect(abs(derived.integrated - meter.result(gainedBy: -6).integrated) < 0.001)
        #expect(abs(derived.integrated - measuredQuiet.integrated) < 0.01 && abs(derived.truePeak - measuredQuiet.truePeak) < 0.01,
                "derived \(derived), measured \(measuredQuiet)")
        // A plan claiming no trial while its gain takes the clicks 12 dB over the ceiling: the limiter acts.
        let gain = linear
        let loud = LoudnessGainPlan(gainDB: gain, linearGainDB: linear, reachedIntegrated: -14, trials: 0, shortfall: nil)
        let after = try Self.encodedAfter(spool, plan: loud)
        let measured = try ClipLoudness.trial(spool, skip: 0, count: spool.frames, LoudnessNormalizer(
            measured: meter.result(), sampleRate: ClipAudio.rate, channels: 2, targetIntegrated: -14, targetTruePeak: -1.5, gainDB: gain))
        #expect(abs(after.integrated - measured.integrated) < 0.001 && abs(after.truePeak - measured.truePeak) < 0.001,
                "reported \(after), measured \(measured)")
        #expect(measured.truePeak <= -1.5, "the limiter held the ceiling: \(measured.truePeak) dBTP")
        #expect(meter.result(gainedBy: gain).truePeak - after.truePeak > 3, "a derived figure would claim \(meter.result(gainedBy: gain).truePeak) dBTP")
    }
}
