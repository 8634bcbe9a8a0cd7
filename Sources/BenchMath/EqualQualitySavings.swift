import Foundation

/// Bitrate saved at one quality level.
public struct SavingsAtQuality: Sendable, Hashable {
    public let quality: Double
    /// Bitrate the baseline needs for `quality`, kbps.
    public let baselineKbps: Double
    /// Bitrate the candidate needs for `quality`, kbps.
    public let candidateKbps: Double
    /// `baselineKbps − candidateKbps`; positive when the candidate is cheaper.
    public var savedKbps: Double { baselineKbps - candidateKbps }
    /// `(1 − candidate / baseline) × 100`; positive when the candidate is cheaper.
    public var savedPercent: Double { (1 - candidateKbps / baselineKbps) * 100 }
    /// Weight of this level in the mean (e.g. the rung's viewer share).
    public let weight: Double
}

/// How much bitrate a candidate profile saves over a baseline at equal quality, at the
/// quality levels a ladder actually uses.
///
/// Bitrate at a quality is read off each curve by the BD-rate interpolation: log10(bitrate)
/// as a PCHIP (or cubic) function of quality, without extrapolation: levels outside either
/// curve's quality range are listed in `skippedQualities`. `overallBDRate` is the classic
/// BD-rate of candidate vs baseline over their whole overlap when it can be computed
/// (≥ 4 points each and overlapping), else nil.
public struct EqualQualitySavings: Sendable, Hashable {
    public let entries: [SavingsAtQuality]
    public let skippedQualities: [Double]
    /// Weighted mean of `savedPercent` over `entries`; nil when there are none or all weights are 0.
    public let weightedMeanSavedPercent: Double?
    public let overallBDRate: BDResult?

    /// Savings of `candidate` over `baseline` at `qualities`, weighted by `weights` (equal when nil).
    /// - Throws: `invalidParameter` for mismatched or negative weights, non-finite qualities;
    ///   curve errors from the interpolation (PCHIP needs 2 points, cubic 4).
    public init(baseline: RateCurve, candidate: RateCurve, qualities: [Double], weights: [Double]? = nil,
                interpolation: BDInterpolation = .pchip) throws {
        let weights = weights ?? [Double](repeating: 1, count: qualities.count)
        guard weights.count == qualities.count, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw BenchMathError.invalidParameter(
                name: "weights", detail: "need one finite weight ≥ 0 per quality level")
        }
        for quality in qualities { try requireFinite(quality, "quality level") }
        let baseFit = try interpolation.fit(xs: baseline.qualities, ys: baseline.log10Bitrates)
        let candidateFit = try interpolation.fit(xs: candidate.qualities, ys: candidate.log10Bitrates)
        var entries: [SavingsAtQuality] = [], skipped: [Double] = []
        for (quality, weight) in zip(qualities, weights) {
            guard baseline.qualityRange.contains(quality), candidate.qualityRange.contains(quality) else {
                skipped.append(quality)
                continue
            }
            entries.append(SavingsAtQuality(
                quality: quality, baselineKbps: pow(10, baseFit.value(at: quality)),
                candidateKbps: pow(10, candidateFit.value(at: quality)), weight: weight))
        }
        let weightSum = entries.reduce(0) { $0 + $1.weight }
        self.entries = entries
        self.skippedQualities = skipped
        self.weightedMeanSavedPercent = weightSum > 0
            ? entries.reduce(0) { $0 + $1.weight * $1.savedPercent } / weightSum : nil
        self.overallBDRate = try? Bjontegaard.rate(anchor: baseline, test: candidate, interpolation: interpolation)
    }

    /// Savings of `candidate`'s hull over `baseline`'s hull at the qualities of `ladder`'s rungs
    /// (their default-model `quality`), weighted by each rung's viewer share.
    public init(baseline: ConvexHull, candidate: ConvexHull, ladder: LadderChoice,
                interpolation: BDInterpolation = .pchip) throws {
        try self.init(baseline: baseline.curve(), candidate: candidate.curve(),
                      qualities: ladder.rungs.map(\.point.quality), weights: ladder.rungs.map(\.viewerShare),
                      interpolation: interpolation)
    }
}
