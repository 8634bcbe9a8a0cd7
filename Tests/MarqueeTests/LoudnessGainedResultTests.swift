import Foundation
import Loudness
import Testing

/// `LoudnessMeter.result(gainedBy:)` stands in for measuring a clip's audio a second time after a linear gain
/// (the clip writer no longer runs that second meter when the limiter cannot act).
@Suite struct LoudnessGainedResultTests {
    /// 10 s of a loud 1 kHz tone, 2 s 12 dB quieter, then 20 s of near-silence (about -73 LUFS) that a
    /// +20 dB gain lifts over the -70 LUFS absolute gate: there it pulls the relative gate down, so the
    /// 2 s part is gated in after the gain and out before. Shifting the first result by the gain misses that.
    static func programme() -> [[Float]] {
        let rate = 48000.0
        func tone(_ seconds: Double, _ amplitude: Double, phase: Double) -> [Float] {
            (0..<Int(seconds * rate)).map { Float(amplitude * sin(2 * Double.pi * 1000 * Double($0) / rate + phase)) }
        }
        let left = tone(10, 0.1, phase: 0) + tone(2, 0.1 / 3.98, phase: 0) + tone(20, 0.1 / 398, phase: 0)
        let right = tone(10, 0.08, phase: 0.3) + tone(2, 0.08 / 3.98, phase: 0.3) + tone(20, 0.08 / 398, phase: 0.3)
        return [left, right]
    }

    static func measure(_ audio: [[Float]]) -> LoudnessMeter {
        let meter = LoudnessMeter(sampleRate: 48000, channels: 2)
        var offset = 0
        while offset < audio[0].count {
            let n = min(4096, audio[0].count - offset)
            meter.add(planar: audio.map { Array($0[offset..<(offset + n)]) })
            offset += n
        }
        return meter
    }

    @Test(arguments: [20.0, -6.0, 0.0])
    func gainedResultEqualsMeasuringTheGainedAudio(_ gainDB: Double) {
        let audio = Self.programme()
        let before = Self.measure(audio)
        let g = Float(pow(10, gainDB / 20))
        let direct = Self.measure(audio.map { $0.map { $0 * g } }).result()
        let derived = before.result(gainedBy: gainDB)
        #expect(abs(derived.integrated - direct.integrated) < 0.01, "integrated \(derived.integrated) vs \(direct.integrated)")
        #expect(abs(derived.threshold - direct.threshold) < 0.01, "threshold \(derived.threshold) vs \(direct.threshold)")
        #expect(abs(derived.range - direct.range) < 0.01, "range \(derived.range) vs \(direct.range)")
        #expect(abs(derived.truePeak - direct.truePeak) < 0.01, "true peak \(derived.truePeak) vs \(direct.truePeak)")
        if gainDB == 20 {
            // The case that needs the regating: the first result moved by the gain is more than 0.5 LU off.
            #expect(abs(before.result().integrated + gainDB - direct.integrated) > 0.5,
                    "shifted \(before.result().integrated + gainDB) vs measured \(direct.integrated)")
        }
    }
}
