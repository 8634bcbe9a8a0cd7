/// What a region's viewers' networks sustain, for ladder choice and playback simulation.
///
/// `percentiles` give the distribution of sustainable video bitrate across the region's
/// viewing sessions (e.g. p10, p25, p50, p75, p90 in kbps); `BandwidthDistribution` says how it
/// is interpolated between and beyond them. `mobileShare` is the share of viewing on phones
/// (it blends `RatePoint.quality` with `RatePoint.phoneQuality`). `safetyMargin` is the share
/// of measured bandwidth a player dares to spend: a viewer at bandwidth b can take a rung of
/// bitrate ≤ b × safetyMargin.
public struct RegionNetworkProfile: Sendable, Hashable, Codable {
    public var name: String
    public var percentiles: [BandwidthPercentile]
    /// Share of viewing on phones, 0...1.
    public var mobileShare: Double
    /// Fraction of bandwidth usable for video, in (0, 1]; 0.8 by default.
    public var safetyMargin: Double
    /// Bandwidth at p = 0 as a fraction of the lowest percentile (see `BandwidthDistribution`).
    public var lowerTailFactor: Double
    /// Bandwidth at p = 1 as a multiple of the highest percentile.
    public var upperTailFactor: Double

    public init(name: String, percentiles: [BandwidthPercentile], mobileShare: Double,
                safetyMargin: Double = 0.8, lowerTailFactor: Double = 0.25, upperTailFactor: Double = 2.0) {
        self.name = name
        self.percentiles = percentiles
        self.mobileShare = mobileShare
        self.safetyMargin = safetyMargin
        self.lowerTailFactor = lowerTailFactor
        self.upperTailFactor = upperTailFactor
    }

    /// The usual five percentiles, in kbps.
    public init(name: String, p10: Double, p25: Double, p50: Double, p75: Double, p90: Double,
                mobileShare: Double, safetyMargin: Double = 0.8) {
        self.init(name: name,
                  percentiles: [BandwidthPercentile(probability: 0.10, kbps: p10),
                                BandwidthPercentile(probability: 0.25, kbps: p25),
                                BandwidthPercentile(probability: 0.50, kbps: p50),
                                BandwidthPercentile(probability: 0.75, kbps: p75),
                                BandwidthPercentile(probability: 0.90, kbps: p90)],
                  mobileShare: mobileShare, safetyMargin: safetyMargin)
    }

    /// The interpolated bandwidth distribution.
    /// - Throws: `invalidParameter` for a bad share, margin or percentile list.
    public func distribution() throws -> BandwidthDistribution {
        guard mobileShare.isFinite, (0...1).contains(mobileShare) else {
            throw BenchMathError.invalidParameter(name: "mobileShare", detail: "\(mobileShare) is not in 0...1")
        }
        guard safetyMargin.isFinite, safetyMargin > 0, safetyMargin <= 1 else {
            throw BenchMathError.invalidParameter(name: "safetyMargin", detail: "\(safetyMargin) is not in (0, 1]")
        }
        return try BandwidthDistribution(percentiles: percentiles, lowerTailFactor: lowerTailFactor,
                                         upperTailFactor: upperTailFactor)
    }

    /// The same region with every percentile multiplied by `factor`.
    public func scaled(by factor: Double) -> RegionNetworkProfile {
        var copy = self
        copy.percentiles = percentiles.map { BandwidthPercentile(probability: $0.probability, kbps: $0.kbps * factor) }
        return copy
    }
}
