import Foundation

/// EBU R128 loudness meter (ITU-R BS.1770-4, EBU Tech 3341 and 3342) in pure Swift, fed planar
/// float samples in chunks of any size.
///
/// Method: each channel is K-weighted (`KWeighting`) and its squared samples are summed per
/// 100 ms step; the steps' channel-weighted sums are the only history kept (one `Double` per
/// 100 ms, about 280 KB for an hour), from which the 400 ms gating blocks (75 % overlap, for the
/// integrated loudness and momentary loudness) and the 3 s short-term blocks (for LRA and
/// short-term loudness) are summed. The true peak is tracked per channel with a 4x polyphase
/// interpolator (`TruePeakInterpolator`). Channel weights follow BS.1770-4 Table 3: LFE 0,
/// surround (back or side) channels 1.41, others 1.0.
///
/// Not thread-safe: feed one meter from one task.
public final class LoudnessMeter {
    public let sampleRate: Int
    public let channels: Int
    /// Time of the first sample fed, in seconds: `LoudnessSample.time` counts from here.
    public let startTime: Double
    /// Channel weights used for the loudness sum.
    public let channelWeights: [Double]

    private let kWeighting: KWeighting
    private var filterStates: [KWeighting.State]
    /// The channels with a non-zero weight (the others are not K-weighted at all).
    private let weighted: [Int]
    /// Samples per 100 ms step.
    private let stepLength: Int
    private var stepFill = 0
    /// Per-channel sum of squared K-weighted samples in the step being filled.
    private var stepEnergy: [Double]
    /// Channel-weighted sum of squares of every completed step.
    private var steps: [Double] = []
    private var pending: [LoudnessSample] = []
    private let interpolators: [TruePeakInterpolator]
    /// Per-channel largest absolute value of the oversampled signal.
    private var truePeaks: [Float]
    /// Where the interpolators write per-sample peaks, which the meter does not need.
    private let scratch: UnsafeMutablePointer<Float>
    private static let scratchLength = 4096

    /// - Parameters:
    ///   - channels: in FFmpeg's order for its default layout of that many channels (mono; stereo;
    ///     2.1; 4.0; 5.0; 5.1 = L R C LFE Ls Rs; 6.1; 7.1).
    ///   - startTime: the time of the first sample, for the `LoudnessSample`s.
    ///   - channelWeights: overrides `defaultWeights(channels:)` (one per channel).
    public init(sampleRate: Int, channels: Int, startTime: Double = 0, channelWeights: [Double]? = nil) {
        precondition(sampleRate >= 8000 && channels >= 1, "LoudnessMeter: bad format \(sampleRate) Hz, \(channels) ch")
        let weights = channelWeights ?? Self.defaultWeights(channels: channels)
        precondition(weights.count == channels, "LoudnessMeter: \(weights.count) weights for \(channels) channels")
        self.sampleRate = sampleRate
        self.channels = channels
        self.startTime = startTime
        self.channelWeights = weights
        kWeighting = KWeighting(sampleRate: sampleRate)
        filterStates = Array(repeating: KWeighting.State(), count: channels)
        weighted = (0..<channels).filter { weights[$0] != 0 }
        stepLength = max(1, Int((Double(sampleRate) / 10).rounded()))
        stepEnergy = Array(repeating: 0, count: channels)
        interpolators = (0..<channels).map { _ in TruePeakInterpolator() }
        truePeaks = Array(repeating: 0, count: channels)
        scratch = .allocate(capacity: Self.scratchLength)
        scratch.initialize(repeating: 0, count: Self.scratchLength)
    }

    deinit { scratch.deallocate() }

    /// BS.1770-4 weights for FFmpeg's default layout of `channels` channels: LFE 0, back and side
    /// channels 1.41, the rest 1.0. Beyond 8 channels, all 1.0.
    public static func defaultWeights(channels: Int) -> [Double] {
        let s = 1.41
        switch channels {
        case 3: return [1, 1, 0]                          // 2.1: FL FR LFE
        case 4: return [1, 1, 1, s]                       // 4.0: FL FR FC BC
        case 5: return [1, 1, 1, s, s]                    // 5.0: FL FR FC BL BR
        case 6: return [1, 1, 1, 0, s, s]                 // 5.1: FL FR FC LFE BL BR
        case 7: return [1, 1, 1, 0, s, s, s]              // 6.1: FL FR FC LFE BC SL SR
        case 8: return [1, 1, 1, 0, s, s, s, s]           // 7.1: FL FR FC LFE BL BR SL SR
        default: return Array(repeating: 1, count: channels)
        }
    }

    /// Seconds of audio fed so far.
    public var duration: Double {
        Double(steps.count * stepLength + stepFill) / Double(sampleRate)
    }

    /// Feeds planar float samples: one buffer per channel, all the same length.
    public func add(planar: [UnsafeBufferPointer<Float>]) {
        precondition(planar.count == channels, "LoudnessMeter: \(planar.count) buffers for \(channels) channels")
        let count = planar[0].count
        precondition(planar.allSatisfy { $0.count == count }, "LoudnessMeter: channel buffers differ in length")
        guard count > 0 else { return }
        var offset = 0
        while offset < count {
            let n = min(count - offset, stepLength - stepFill, Self.scratchLength)
            // Weighted channels two at a time (`KWeighting`'s paired loop: the same sums, faster).
            var k = 0
            while k + 1 < weighted.count {
                let (c0, c1) = (weighted[k], weighted[k + 1])
                var (f0, f1) = (filterStates[c0], filterStates[c1])
                let (e0, e1) = kWeighting.sumOfSquares(planar[c0].baseAddress! + offset, planar[c1].baseAddress! + offset,
                                                       count: n, states: &f0, &f1)
                (filterStates[c0], filterStates[c1]) = (f0, f1)
                stepEnergy[c0] += e0
                stepEnergy[c1] += e1
                k += 2
            }
            if k < weighted.count {
                let c = weighted[k]
                stepEnergy[c] += kWeighting.sumOfSquares(planar[c].baseAddress! + offset, count: n, state: &filterStates[c])
            }
            for ch in 0..<channels {
                let x = planar[ch].baseAddress! + offset
                // Only values above the peak so far matter, so most quieter runs skip the interpolation.
                let peak = interpolators[ch].accumulatePeaks(x, count: n, gain: 1, into: scratch, floor: truePeaks[ch])
                if peak > truePeaks[ch] { truePeaks[ch] = peak }
            }
            stepFill += n
            offset += n
            if stepFill == stepLength { closeStep() }
        }
    }

    /// Convenience for `add(planar:)` with arrays.
    public func add(planar: [[Float]]) {
        var buffers: [UnsafeBufferPointer<Float>] = []
        buffers.reserveCapacity(planar.count)
        func nest(_ index: Int) {
            if index == planar.count { add(planar: buffers); return }
            planar[index].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                nest(index + 1)
            }
        }
        nest(0)
    }

    /// The loudness samples made since the last call, one per 100 ms of audio fed, in time
    /// order. `time` is the end of the windows (`startTime` + audio fed). Before 400 ms (3 s for
    /// short-term) have been fed, the windows average what has been fed so far. Silence reads
    /// -120.7 LUFS. Samples not drained accumulate (one small value per 100 ms).
    public func drainSamples() -> [LoudnessSample] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    /// The measurement of everything fed so far (the partial last 100 ms is left out of the
    /// loudness figures, as full blocks only are gated; it is included in the true peak).
    public func result() -> LoudnessMeasurement { result(gainedBy: 0) }

    /// The measurement this meter would give had every sample fed been multiplied by the gain
    /// `gainDB` (a linear gain with nothing clipped: what a normaliser gives when its limiter never
    /// acts). Exact, not `result()` shifted: the K-weighted powers are scaled and gated again, so blocks
    /// that the gain lifts over the absolute gate count as they would in a second measurement.
    public func result(gainedBy gainDB: Double) -> LoudnessMeasurement {
        let power = pow(10, gainDB / 10)
        let (integrated, threshold) = LoudnessGating.integrated(blockPowers: windowPowers(steps: 4).map { $0 * power })
        let range = LoudnessGating.range(shortTermPowers: windowPowers(steps: 30).map { $0 * power })
        var peak: Float = 0
        for ch in 0..<channels { peak = max(peak, truePeaks[ch], interpolators[ch].pendingSamplePeak) }
        let peakDB = peak > 0 ? max(-120, 20 * log10(Double(peak)) + gainDB) : -120
        return LoudnessMeasurement(integrated: integrated, truePeak: peakDB, range: range, threshold: threshold)
    }

    // MARK: - Internals

    private func closeStep() {
        var power = 0.0
        for ch in 0..<channels {
            power += channelWeights[ch] * stepEnergy[ch]
            stepEnergy[ch] = 0
        }
        steps.append(power)
        stepFill = 0
        let time = startTime + Double(steps.count * stepLength) / Double(sampleRate)
        pending.append(LoudnessSample(time: time,
                                      momentary: LoudnessGating.loudness(recentPower(steps: 4)),
                                      shortTerm: LoudnessGating.loudness(recentPower(steps: 30))))
    }

    /// Mean power over the last `count` steps (or all of them while fewer have been fed).
    private func recentPower(steps count: Int) -> Double {
        let available = min(count, steps.count)
        guard available > 0 else { return 0 }
        var sum = 0.0
        for k in (steps.count - available)..<steps.count { sum += steps[k] }
        return sum / Double(available * stepLength)
    }

    /// The powers of every complete window of `count` steps, one per step (hop 100 ms).
    private func windowPowers(steps count: Int) -> [Double] {
        guard steps.count >= count else { return [] }
        let length = Double(count * stepLength)
        return steps.withUnsafeBufferPointer { s in
            (count - 1..<s.count).map { end in
                var sum = 0.0
                for k in (end - count + 1)...end { sum += s[k] }
                return sum / length
            }
        }
    }
}
