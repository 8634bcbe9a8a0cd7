import Foundation
@testable import Loudness
import Testing

/// The meter's paired K-weighting loop (two channels in one loop) pinned to the one-channel kernel it
/// replaced: the same sums bit for bit, so the same loudness figures, on a music-like signal FFmpeg makes
/// (pink noise and a tone with a slow swell, different in each channel, as the clips benchmark's replay).
@Suite struct LoudnessKernelTests {
    static func signal() throws -> [[Float]] {
        let dir = try TestSupport.tempDir("loudness-kernel")
        defer { try? FileManager.default.removeItem(at: dir) }
        let graph = "anoisesrc=c=pink:a=0.05:d=8:r=48000:seed=5[n];sine=f=330:d=8:r=48000[s];"
            + "[n][s]amix=inputs=2,volume='0.5+0.4*sin(t/2)':eval=frame,aformat=channel_layouts=stereo[m];"
            + "anoisesrc=c=brown:a=0.2:d=8:r=48000:seed=6[b];[m][b]amerge=inputs=2,pan=stereo|c0=c0|c1=c1+c2[a]"
        let wav = try LoudnessTests.generate(LoudnessTests.Signal(name: "kernel", graph: graph, channels: 2, sampleRate: 48000), in: dir)
        return try LoudnessTests.decode(wav, channels: 2)
    }

    @Test func pairedKWeightingMatchesTheOneChannelKernelBitForBit() throws {
        let audio = try Self.signal()
        let n = audio[0].count
        #expect(n == 8 * 48000)
        let k = KWeighting(sampleRate: 48000)
        var single = [KWeighting.State(), KWeighting.State()]
        var pairLeft = KWeighting.State(), pairRight = KWeighting.State()
        var steps: [Double] = []
        var mismatches = 0
        // The meter sums each 100 ms step in slices of at most 4096 samples: the reference does the same.
        for step in stride(from: 0, to: n, by: 4800) {
            var energy = (0.0, 0.0)
            for (start, count) in [(step, 4096), (step + 4096, 704)] {
                let (l, r) = audio[0].withUnsafeBufferPointer { x in
                    audio[1].withUnsafeBufferPointer { y in
                        (k.sumOfSquares(x.baseAddress! + start, count: count, state: &single[0]),
                         k.sumOfSquares(y.baseAddress! + start, count: count, state: &single[1]))
                    }
                }
                let (pl, pr) = audio[0].withUnsafeBufferPointer { x in
                    audio[1].withUnsafeBufferPointer { y in
                        k.sumOfSquares(x.baseAddress! + start, y.baseAddress! + start, count: count, states: &pairLeft, &pairRight)
                    }
                }
                if l != pl || r != pr { mismatches += 1 }
                energy.0 += l
                energy.1 += r
            }
            steps.append(energy.0 + energy.1)
        }
        #expect(mismatches == 0, "\(mismatches) of \(2 * steps.count) slice sums differ")

        // The meter's figures are those of the one-channel kernel: its 400 ms blocks gated by BS.1770.
        var blocks: [Double] = []
        for end in 3..<steps.count {
            var sum = 0.0
            for k in (end - 3)...end { sum += steps[k] }
            blocks.append(sum / Double(4 * 4800))
        }
        let reference = LoudnessGating.integrated(blockPowers: blocks).loudness
        let meter = LoudnessMeter(sampleRate: 48000, channels: 2)
        LoudnessTests.feed(meter, audio, chunk: 4800)
        let measured = meter.result()
        print("kernel pin: integrated \(measured.integrated) LUFS (one-channel kernel \(reference)), true peak \(measured.truePeak) dBTP")
        #expect(measured.integrated == reference)
        #expect(measured.integrated > -30 && measured.integrated < -10)
    }
}
