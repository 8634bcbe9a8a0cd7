/// One rung of a streaming ladder chosen for a region.
public struct LadderRung: Sendable, Hashable {
    /// The encode streamed at this rung.
    public let point: RatePoint
    /// Quality the region's audience sees at this rung (`point.effectiveQuality(mobileShare:)`).
    public let effectiveQuality: Double
    /// Bandwidth a viewer needs to take this rung: bitrate / safety margin, kbps.
    public let requiredBandwidthKbps: Double
    /// Percentile of the region's bandwidth at `requiredBandwidthKbps` (0...1): viewers above
    /// it can afford this rung; so this rung's bitrate is ≤ that percentile × margin.
    public let servesFromPercentile: Double
    /// Share of viewers for whom this is the best affordable rung.
    public let viewerShare: Double
}

/// A ladder chosen (or evaluated) for one region, with its expected quality.
///
/// Objective (exact, no sampling): a viewer at bandwidth b gets the best-quality rung with
/// bitrate ≤ b × safetyMargin; a viewer who cannot afford the lowest rung stalls and is
/// credited `stallQuality` (capped at the lowest rung's quality). `expectedQuality` is the
/// expectation over the region's `BandwidthDistribution`:
/// stallShare × stallQuality + Σ rung.viewerShare × rung.effectiveQuality.
public struct LadderChoice: Sendable, Hashable {
    public let region: String
    /// Rungs in increasing bitrate (and effective quality).
    public let rungs: [LadderRung]
    /// Expected quality of the region's viewers on this ladder.
    public let expectedQuality: Double
    /// Share of viewers below the lowest rung's required bandwidth.
    public let stallShare: Double
    /// Quality credited to those viewers.
    public let stallQuality: Double
}

/// Settings of the ladder objective.
public struct LadderObjective: Sendable, Hashable, Codable {
    /// Maximum number of rungs (≥ 1); 5 by default.
    public var maxRungs: Int
    /// Quality credited to a viewer who cannot sustain the lowest rung (a stall); 0 by default,
    /// so stalls count as the worst outcome. Capped at the lowest rung's effective quality.
    public var stallQuality: Double

    public init(maxRungs: Int = 5, stallQuality: Double = 0) {
        self.maxRungs = maxRungs
        self.stallQuality = stallQuality
    }
}
