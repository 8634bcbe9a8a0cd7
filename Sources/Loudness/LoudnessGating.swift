import Foundation

/// The gating arithmetic of ITU-R BS.1770-4 (integrated loudness) and EBU Tech 3342 (loudness
/// range), on block powers: a block's power is the channel-weighted sum of the mean squares of
/// the K-weighted channels over the block.
enum LoudnessGating {
    /// BS.1770-4 absolute gate, LUFS.
    static let absoluteGate = -70.0
    /// BS.1770-4 relative gate for integrated loudness, LU.
    static let integratedRelativeGate = -10.0
    /// Tech 3342 relative gate for the loudness range, LU.
    static let rangeRelativeGate = -20.0
    /// Powers below this read as silence: -120.7 LUFS, never -infinity.
    static let powerFloor = 1e-12

    /// BS.1770-4 eq. 2/4: `L = -0.691 + 10 log10(power)`.
    static func loudness(_ power: Double) -> Double {
        -0.691 + 10 * log10(max(power, powerFloor))
    }

    static func power(_ loudness: Double) -> Double {
        pow(10, (loudness + 0.691) / 10)
    }

    /// Integrated loudness and the relative threshold, from 400 ms block powers (75 % overlap).
    /// Blocks at or below the absolute gate, then at or below the relative gate, are dropped.
    static func integrated(blockPowers: [Double]) -> (loudness: Double, threshold: Double) {
        let absolutePower = power(absoluteGate)
        var sum = 0.0, count = 0
        for p in blockPowers where p > absolutePower { sum += p; count += 1 }
        guard count > 0 else { return (absoluteGate, absoluteGate) }
        let threshold = loudness(sum / Double(count)) + integratedRelativeGate
        let relativePower = power(threshold)
        var kept = 0.0, keptCount = 0
        for p in blockPowers where p > absolutePower && p > relativePower { kept += p; keptCount += 1 }
        // keptCount > 0: the loudest block is always above the mean, so above mean - 10 LU.
        return (loudness(kept / Double(max(keptCount, 1))), threshold)
    }

    /// Loudness range (EBU Tech 3342) from 3 s short-term block powers (one every 100 ms): after
    /// the absolute gate and a relative gate 20 LU below the gated mean power, the spread between
    /// the 10th and 95th percentiles of the blocks' loudness. Percentiles interpolate linearly
    /// between the sorted values (rank `p * (n - 1)`).
    static func range(shortTermPowers: [Double]) -> Double {
        let absolutePower = power(absoluteGate)
        var sum = 0.0, count = 0
        for p in shortTermPowers where p > absolutePower { sum += p; count += 1 }
        guard count > 0 else { return 0 }
        let relativePower = power(loudness(sum / Double(count)) + rangeRelativeGate)
        let kept = shortTermPowers.filter { $0 > absolutePower && $0 > relativePower }.map(loudness).sorted()
        guard kept.count > 1 else { return 0 }
        func percentile(_ fraction: Double) -> Double {
            let rank = fraction * Double(kept.count - 1)
            let below = Int(rank.rounded(.down))
            let above = min(below + 1, kept.count - 1)
            return kept[below] + (kept[above] - kept[below]) * (rank - Double(below))
        }
        return max(0, percentile(0.95) - percentile(0.10))
    }
}
