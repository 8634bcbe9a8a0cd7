import Foundation

/// Second pass of EBU R128 normalisation: a constant gain that brings the measured integrated
/// loudness to the target, then a true-peak limiter so that the 4x-oversampled peak stays at or
/// under the target true peak.
///
/// Method:
/// - Gain: `targetIntegrated - measured.integrated`, at most `maximumGainDB` (+30 dB: quiet speech
///   at -44 LUFS still reaches -14, while room noise is not pumped up without bound). When the
///   measurement found nothing above the -70 LUFS absolute gate (silence), the gain is 0 dB.
/// - Limiter (`LookaheadLimiter`), linked across channels: the gained signal is oversampled 4x per
///   channel (`TruePeakInterpolator`, the same interpolator the meter uses) and each frame's
///   largest value of any channel sets the gain that frame needs; the gain ramps down linearly
///   over the 5 ms lookahead before a peak (attack = lookahead) and recovers with a 100 ms release.
///   Its ceiling is `targetTruePeak - 0.1 dB`, a margin for the difference between this
///   interpolator and other true-peak meters.
/// - Limiting takes some loudness away, which one pass cannot foresee: with ~3 dB of limiting
///   twice a second the result lands ~0.35 LU under the target, and on audio with a high
///   peak-to-loudness ratio (claps over speech) 1-3 LU under; without limiting it is exact.
///   `LoudnessGainSearch` finds the gain that makes up for it by trial runs over the same audio.
/// - Latency: `latency` frames; `process` returns fewer frames than it takes until then, `flush`
///   returns the rest, so every frame comes out exactly once, in order.
///
/// Not thread-safe: one normaliser per stream.
public final class LoudnessNormalizer {
    /// Largest gain applied, dB.
    public static let maximumGainDB = 30.0
    /// Lookahead (and attack ramp), seconds.
    public static let lookaheadSeconds = 0.005
    /// Release time constant, seconds.
    public static let releaseSeconds = 0.1
    /// Limiter ceiling below `targetTruePeak`, dB.
    public static let ceilingMarginDB = 0.1

    public let sampleRate: Int
    public let channels: Int
    public let targetIntegrated: Double
    public let targetTruePeak: Double
    /// The constant gain applied before the limiter, dB.
    public let gainDB: Double
    /// Frames held back by the limiter's lookahead and the interpolator.
    public let latency: Int
    /// The deepest gain reduction the limiter has applied so far, dB (0 when it never acted).
    public var limiterReductionDB: Double {
        let reduction = -20 * log10(Double(limiter.deepestGain))
        return reduction > 0 ? reduction : 0
    }

    private let gain: Float
    /// The limiter's ceiling, linear.
    private let ceiling: Float
    private let interpolators: [TruePeakInterpolator]
    private let limiter: LookaheadLimiter
    /// One ring of `latency` gained samples per channel, planar.
    private let delay: UnsafeMutablePointer<Float>
    private var delayPosition = 0
    private var received = 0
    private let peaks: UnsafeMutablePointer<Float>
    private let gains: UnsafeMutablePointer<Float>
    private static let sliceLength = 4096

    /// - Parameters:
    ///   - measured: the first pass's `LoudnessMeter.result()` over the same audio.
    ///   - targetIntegrated: LUFS; -14 suits the short-video platforms.
    ///   - targetTruePeak: dBTP.
    ///   - gainDB: the constant gain to apply instead of the linear one (`LoudnessGainSearch`'s choice).
    public init(measured: LoudnessMeasurement, sampleRate: Int, channels: Int,
                targetIntegrated: Double = -14, targetTruePeak: Double = -1.5, gainDB fixedGain: Double? = nil) {
        precondition(sampleRate >= 8000 && channels >= 1, "LoudnessNormalizer: bad format \(sampleRate) Hz, \(channels) ch")
        self.sampleRate = sampleRate
        self.channels = channels
        self.targetIntegrated = targetIntegrated
        self.targetTruePeak = targetTruePeak
        gainDB = fixedGain.map { min($0, Self.maximumGainDB) }
            ?? Self.linearGain(measured: measured, targetIntegrated: targetIntegrated)
        gain = Float(pow(10, gainDB / 20))
        interpolators = (0..<channels).map { _ in TruePeakInterpolator() }
        let lookahead = max(1, Int((Self.lookaheadSeconds * Double(sampleRate)).rounded()))
        ceiling = Float(pow(10, (targetTruePeak - Self.ceilingMarginDB) / 20))
        limiter = LookaheadLimiter(ceiling: ceiling,
                                   lookahead: lookahead, spread: TruePeakFilter.delay,
                                   releaseFrames: Self.releaseSeconds * Double(sampleRate))
        latency = TruePeakFilter.delay + limiter.latency
        delay = .allocate(capacity: channels * latency)
        delay.initialize(repeating: 0, count: channels * latency)
        peaks = .allocate(capacity: Self.sliceLength)
        peaks.initialize(repeating: 0, count: Self.sliceLength)
        gains = .allocate(capacity: Self.sliceLength)
        gains.initialize(repeating: 1, count: Self.sliceLength)
    }

    /// The gain that brings `measured` to the target without limiting, dB: at most `maximumGainDB`,
    /// 0 for silence (nothing above the absolute gate).
    public static func linearGain(measured: LoudnessMeasurement, targetIntegrated: Double) -> Double {
        let loudness = measured.integrated
        guard loudness.isFinite && loudness > LoudnessGating.absoluteGate else { return 0 }
        return min(targetIntegrated - loudness, maximumGainDB)
    }

    deinit {
        delay.deallocate()
        peaks.deallocate()
        gains.deallocate()
    }

    /// Processes planar float samples (one array per channel, all the same length) and returns
    /// the processed frames that are ready: `latency` frames later than their input.
    public func process(planar: [[Float]]) -> [[Float]] {
        precondition(planar.count == channels, "LoudnessNormalizer: \(planar.count) buffers for \(channels) channels")
        let count = planar[0].count
        precondition(planar.allSatisfy { $0.count == count }, "LoudnessNormalizer: channel buffers differ in length")
        var buffers: [UnsafeBufferPointer<Float>] = []
        var output: [[Float]] = []
        func nest(_ index: Int) {
            if index == planar.count { output = run(buffers, count: count); return }
            planar[index].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                nest(index + 1)
            }
        }
        nest(0)
        return output
    }

    /// Returns the frames still held back, then resets the normaliser (same gain) for a new stream.
    public func flush() -> [[Float]] {
        let silence = [Float](repeating: 0, count: latency)
        let rest = silence.withUnsafeBufferPointer { zero in
            run(Array(repeating: zero, count: channels), count: latency)
        }
        for interpolator in interpolators { interpolator.reset() }
        limiter.reset()
        delay.update(repeating: 0, count: channels * latency)
        delayPosition = 0
        received = 0
        return rest
    }

    private func run(_ input: [UnsafeBufferPointer<Float>], count: Int) -> [[Float]] {
        let firstOut = min(count, max(0, latency - received))
        let outCount = count - firstOut
        var output = (0..<channels).map { _ in [Float](repeating: 0, count: outCount) }
        var done = 0
        while done < count {
            let n = min(Self.sliceLength, count - done)
            peaks.update(repeating: 0, count: n)
            for ch in 0..<channels {
                interpolators[ch].accumulatePeaks(input[ch].baseAddress! + done, count: n, gain: gain, into: peaks,
                                                  floor: ceiling)
            }
            limiter.gains(peaks: peaks, count: n, into: gains)
            var position = delayPosition
            for ch in 0..<channels {
                position = delayPosition
                output[ch].withUnsafeMutableBufferPointer { out in
                    delayAndApply(input[ch].baseAddress! + done, count: n, ring: delay + ch * latency,
                                  position: &position, firstFrame: received + done, into: out.baseAddress, outBase: firstOut)
                }
            }
            delayPosition = position
            done += n
        }
        received += count
        return output
    }

    /// Pushes `count` gained samples of one channel through its delay ring and writes the
    /// samples leaving it, times the limiter's gains, to `out` (frame `f` of the stream goes to
    /// `out[f - latency - received + firstOut]`, i.e. in order from the start of this call's output).
    private func delayAndApply(_ x: UnsafePointer<Float>, count: Int, ring: UnsafeMutablePointer<Float>,
                               position: inout Int, firstFrame: Int, into out: UnsafeMutablePointer<Float>?, outBase: Int) {
        let length = latency, g = gain, limit = UnsafePointer(gains)
        var p = position
        // Output index of this slice's first frame, within this call's output.
        var o = firstFrame - received - outBase
        var i = 0
        while i < count {
            let leaving = ring[p]
            ring[p] = x[i] * g
            p += 1
            if p == length { p = 0 }
            if firstFrame + i >= length, let out {
                out[o] = leaving * limit[i]
            }
            o += 1
            i &+= 1
        }
        position = p
    }
}
