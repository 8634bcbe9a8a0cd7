import Foundation

/// Summary statistics of a per-frame score series (VMAF, PSNR, SSIM, MS-SSIM, …).
///
/// Definitions:
/// - `mean`: arithmetic mean.
/// - `harmonicMean`: libvmaf's definition (`vmaf_feature_score_pooled`, also used by
///   ffmpeg-quality-metrics): `n / Σ 1/(xᵢ + 1) - 1`. The +1 shift keeps zero scores finite.
/// - `min`, `max`: extremes.
/// - `standardDeviation`: population standard deviation, √(Σ(xᵢ - mean)² / n).
/// - `percentile1`, `percentile5`: linear interpolation between closest ranks on the sorted
///   series (NumPy's default "linear" method): rank h = (n - 1)·p/100, value
///   x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]).
/// Non-finite inputs (e.g. an infinite PSNR) propagate as IEEE arithmetic dictates.
public struct PooledStatistics: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let harmonicMean: Double
    public let min: Double
    public let max: Double
    public let standardDeviation: Double
    public let percentile1: Double
    public let percentile5: Double

    /// Pools `values`; nil for an empty series.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        count = values.count
        var sum = 0.0, inverseSum = 0.0
        for x in values {
            sum += x
            inverseSum += 1.0 / (x + 1.0)
        }
        mean = sum / n
        harmonicMean = n / inverseSum - 1.0
        var squares = 0.0
        for x in values {
            let d = x - mean
            squares += d * d
        }
        standardDeviation = (squares / n).squareRoot()
        let sorted = values.sorted()
        min = sorted[0]
        max = sorted[sorted.count - 1]
        percentile1 = Self.percentile(sorted: sorted, 1)
        percentile5 = Self.percentile(sorted: sorted, 5)
    }

    /// The `p`-th percentile (0...100) of an ascending series, linear interpolation between
    /// closest ranks. Returns NaN for an empty series; `p` is clamped to 0...100.
    public static func percentile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let clamped = Swift.min(Swift.max(p, 0), 100)
        let rank = Double(sorted.count - 1) * clamped / 100.0
        let lower = Int(rank.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = rank - Double(lower)
        if fraction == 0 { return sorted[lower] }
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
