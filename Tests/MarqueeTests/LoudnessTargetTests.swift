import Foundation
import Loudness
import Testing

/// Audio with a high peak-to-loudness ratio (claps over speech, sharp transients over tones): the
/// true-peak limiter takes loudness away, so the linear gain stops short of the target. The gain
/// search must reach it within 0.5 LU with the true peak under the ceiling, ffmpeg's `ebur128` as
/// the oracle; or, when it cannot, say so.
@Suite struct LoudnessTargetTests {
    typealias Signal = LoudnessTests.Signal

    /// Noise "syllables" (3.7 Hz envelope, a pause every 2.3 s) with a loud clap (noise decaying in ~10 ms)
    /// every 0.6 s, all under 5 kHz (as speech, and as AAC keeps it): about -26 LUFS with peaks near -3.6 dBTP (PLR ~22 LU; -14 LUFS under -1.5 dBTP allows 12.5).
    static let speechWithClaps = Signal(
        name: "speech-with-claps",
        graph: "aevalsrc='st(0\\,0.5-0.5*cos(2*PI*3.7*t));st(1\\,lt(mod(t\\,2.3)\\,1.8));"
            + "0.15*ld(0)*ld(1)*(2*random(2)-1)+1.0*exp(-300*mod(t+0.11\\,0.6))*(2*random(3)-1)':s=48000:d=12,"
            + "lowpass=f=5000,asplit[l][r];[l][r]amerge=inputs=2[a]",
        channels: 2, sampleRate: 48000)

    /// A decaying three-note chord every 0.5 s with a 1.7 / 2.3 kHz strike at each onset (left / right
    /// offset by 0.25 s): about -25 LUFS, peaks near -6.8 dBTP (PLR ~18 LU).
    static let tonesWithTransients = Signal(
        name: "tones-with-transients",
        graph: "aevalsrc='st(0\\,mod(t\\,0.5));(0.05*sin(2*PI*220*t)+0.04*sin(2*PI*277*t)+0.035*sin(2*PI*330*t))*exp(-3*ld(0))"
            + "+0.45*exp(-400*ld(0))*sin(2*PI*1700*t)|(0.05*sin(2*PI*220*t)+0.04*sin(2*PI*330*t))*exp(-3*ld(0))"
            + "+0.4*exp(-400*mod(t+0.25\\,0.5))*sin(2*PI*2300*t)':s=48000:c=stereo:d=12[a]",
        channels: 2, sampleRate: 48000)

    /// Nothing but 1 ms clicks, 20 a second: the clicks are the loudness, so holding their
    /// peaks at the ceiling holds the loudness too; -14 LUFS cannot be reached.
    static let clickTrain = Signal(
        name: "click-train",
        graph: "aevalsrc='0.3*lt(mod(t\\,0.05)\\,0.001)*sin(2*PI*3000*t)':s=48000:c=stereo:d=8[a]",
        channels: 2, sampleRate: 48000)

    struct Outcome {
        let before: LoudnessTests.Reference
        let linear: LoudnessTests.Reference
        let searched: LoudnessTests.Reference
        let plan: LoudnessGainPlan
    }

    /// Normalises `signal` to -14 LUFS / -1.5 dBTP with the linear gain and with the searched gain, and
    /// measures input and both outputs with ffmpeg.
    static func normalise(_ signal: Signal) throws -> Outcome {
        let dir = try TestSupport.tempDir("loudness-target")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (wav, audio, measured) = try LoudnessTests.measured(signal, in: dir)
        let plan = LoudnessGainSearch.plan(measured: measured, sampleRate: signal.sampleRate, channels: signal.channels,
                                           targetIntegrated: -14, targetTruePeak: -1.5) { normaliser in
            let out = LoudnessMeter(sampleRate: signal.sampleRate, channels: signal.channels)
            out.add(planar: run(normaliser, audio))
            return out.result()
        }
        func measureOutput(_ gain: Double?) throws -> LoudnessTests.Reference {
            let n = LoudnessNormalizer(measured: measured, sampleRate: signal.sampleRate, channels: signal.channels, gainDB: gain)
            let raw = dir.appendingPathComponent("out-\(UUID().uuidString.prefix(6)).f32")
            try LoudnessTests.interleave(run(n, audio)).write(to: raw)
            return try LoudnessTests.ebur128(input: ["-f", "f32le", "-ar", "\(signal.sampleRate)", "-ac", "\(signal.channels)",
                                                    "-i", raw.path], in: dir)
        }
        let outcome = Outcome(before: try LoudnessTests.ebur128(input: [wav.path], in: dir),
                              linear: try measureOutput(nil), searched: try measureOutput(plan.gainDB), plan: plan)
        print(String(format: "R128 target %@: input I %.2f LUFS TP %.1f dBTP; linear gain %.2f dB -> I %.2f LUFS TP %.1f; "
                     + "searched gain %.2f dB (%d trials) -> I %.2f LUFS TP %.1f (plan says %.2f, shortfall %@)",
                     signal.name, outcome.before.integrated, outcome.before.truePeak, plan.linearGainDB,
                     outcome.linear.integrated, outcome.linear.truePeak, plan.gainDB, plan.trials, outcome.searched.integrated,
                     outcome.searched.truePeak, plan.reachedIntegrated, plan.shortfall?.rawValue ?? "none"))
        return outcome
    }

    /// Runs the normaliser over the audio in 1000-frame chunks, then flushes.
    static func run(_ normaliser: LoudnessNormalizer, _ audio: [[Float]]) -> [[Float]] {
        var out = Array(repeating: [Float](), count: audio.count)
        var offset = 0
        while offset < audio[0].count {
            let n = min(1000, audio[0].count - offset)
            let part = normaliser.process(planar: audio.map { Array($0[offset..<(offset + n)]) })
            for ch in 0..<audio.count { out[ch] += part[ch] }
            offset += n
        }
        let tail = normaliser.flush()
        for ch in 0..<audio.count { out[ch] += tail[ch] }
        return out
    }

    @Test(arguments: [speechWithClaps, tonesWithTransients])
    func highPeakToLoudnessAudioReachesTheTargetUnderTheCeiling(_ signal: Signal) throws {
        let o = try Self.normalise(signal)
        #expect(o.before.truePeak - o.before.integrated > 15, "the signal's peak-to-loudness ratio should be high")
        // The linear gain alone falls short: this is the case the search is for.
        #expect(-14 - o.linear.integrated > 0.5)
        #expect(abs(o.searched.integrated - -14) <= 0.5)
        #expect(o.searched.truePeak <= -1.5 + 0.1)
        #expect(o.plan.shortfall == nil)
        #expect(abs(o.plan.reachedIntegrated - o.searched.integrated) <= 0.1, "the plan predicts what ffmpeg measures")
    }

    @Test func unreachableTargetIsReportedWithTheLoudnessReached() throws {
        let o = try Self.normalise(Self.clickTrain)
        #expect(o.plan.shortfall == .truePeakCeiling)
        #expect(o.plan.gainDB <= o.plan.linearGainDB + LoudnessGainSearch.maximumMakeupDB + 1e-9)
        #expect(-14 - o.plan.reachedIntegrated > 0.5)
        #expect(abs(o.plan.reachedIntegrated - o.searched.integrated) <= 0.1)
        #expect(o.searched.truePeak <= -1.5 + 0.1)
    }

    @Test func audioUnderTheCeilingNeedsNoTrial() {
        let quiet = LoudnessMeasurement(integrated: -30, truePeak: -20, range: 3, threshold: -40)
        var trials = 0
        let plan = LoudnessGainSearch.plan(measured: quiet, sampleRate: 48000, channels: 2, targetIntegrated: -14,
                                           targetTruePeak: -1.5) { _ in trials += 1; return quiet }
        #expect(trials == 0 && plan.trials == 0)
        #expect(plan.gainDB == 16 && plan.reachedIntegrated == -14 && plan.shortfall == nil)
        let whisper = LoudnessMeasurement(integrated: -50, truePeak: -40, range: 3, threshold: -60)
        let capped = LoudnessGainSearch.plan(measured: whisper, sampleRate: 48000, channels: 2, targetIntegrated: -14,
                                             targetTruePeak: -1.5) { _ in whisper }
        #expect(capped.shortfall == .gainCap && capped.gainDB == 30 && capped.reachedIntegrated == -20)
    }
}
