import Foundation

/// Which Bjøntegaard delta a result holds.
public enum BDMetric: String, Sendable, Hashable, Codable {
    /// BD-rate: average bitrate difference at equal quality, in percent.
    case rate
    /// BD-quality (BD-PSNR, BD-VMAF): average quality difference at equal bitrate, in quality units.
    case quality
}

/// The axis a Bjøntegaard delta integrates over.
public enum BDAxis: String, Sendable, Hashable, Codable {
    /// Quality (BD-rate integrates log10(rate) over quality).
    case quality
    /// log10 of bitrate in kbps (BD-quality integrates quality over log10(rate)).
    case log10BitrateKbps
}

/// The outcome of a Bjøntegaard delta computation.
public struct BDResult: Sendable, Hashable, Codable {
    public let metric: BDMetric
    /// BD-rate: percent, `(10^meanDifference − 1) × 100`; negative means the test needs less
    /// bitrate than the anchor for the same quality. BD-quality: quality units; positive means
    /// the test has higher quality than the anchor at the same bitrate.
    public let value: Double
    /// Average vertical difference test − anchor of the interpolated functions over the
    /// overlap: log10-rate units for BD-rate, quality units for BD-quality.
    public let meanDifference: Double
    public let interpolation: BDInterpolation
    /// The axis that was integrated over.
    public let axis: BDAxis
    /// The overlap interval used, on `axis`: [max of minima, min of maxima] of the two curves.
    public let overlap: ClosedRange<Double>
    /// Overlap length divided by the length of the union of both curves' ranges on `axis`.
    public let relativeOverlap: Double

    /// The overlap as bitrates in kbps when `axis` is log10 bitrate; nil for a quality axis.
    public var overlapBitrateKbps: ClosedRange<Double>? {
        guard axis == .log10BitrateKbps else { return nil }
        return pow(10, overlap.lowerBound)...pow(10, overlap.upperBound)
    }

    /// Below this relative overlap the `bjontegaard` package warns that the result is unreliable.
    public static let recommendedMinimumOverlap = 0.75
    /// Whether `relativeOverlap` reaches `recommendedMinimumOverlap`.
    public var meetsRecommendedOverlap: Bool { relativeOverlap >= BDResult.recommendedMinimumOverlap }
}

/// Bjøntegaard-delta computations (VCEG-M33; PCHIP per JCTVC-L1100/JVET-T2010), defined as
/// in the `bjontegaard` Python package (FAU-LMS):
///
/// - **BD-rate**: fit log10(bitrate) as a function of quality for each curve, integrate both
///   fits exactly over the overlapping quality interval, take the mean difference
///   Δ = (∫test − ∫anchor) / (overlap length), report `(10^Δ − 1) × 100` percent.
/// - **BD-quality**: fit quality as a function of log10(bitrate), integrate over the
///   overlapping log10-bitrate interval, report the mean difference in quality units.
///
/// Each curve needs at least 4 points (either interpolation). Curves that do not overlap
/// throw `noOverlap`; the package instead warns and returns NaN.
public enum Bjontegaard {
    /// Minimum points per curve that BenchMath accepts for a Bjøntegaard delta.
    public static let minimumPoints = 4

    /// BD-rate of `test` relative to `anchor`, in percent.
    /// - Parameter minimumRelativeOverlap: throw `insufficientOverlap` below this fraction
    ///   (0 by default: only a zero overlap throws; compare `BDResult.meetsRecommendedOverlap`).
    public static func rate(anchor: RateCurve, test: RateCurve,
                            interpolation: BDInterpolation = .pchip,
                            minimumRelativeOverlap: Double = 0) throws -> BDResult {
        let delta = try meanDelta(
            anchor: (anchor.qualities, anchor.log10Bitrates), test: (test.qualities, test.log10Bitrates),
            interpolation: interpolation, minimumRelativeOverlap: minimumRelativeOverlap, axis: .quality)
        let percent = (pow(10, delta.mean) - 1) * 100
        guard percent.isFinite else {
            throw BenchMathError.numericalFailure(detail: "BD-rate of \(delta.mean) log10 units overflows")
        }
        return BDResult(metric: .rate, value: percent, meanDifference: delta.mean,
                        interpolation: interpolation, axis: .quality, overlap: delta.overlap,
                        relativeOverlap: delta.relative)
    }

    /// BD-quality (BD-PSNR, BD-VMAF) of `test` relative to `anchor`, in quality units.
    public static func quality(anchor: RateCurve, test: RateCurve,
                               interpolation: BDInterpolation = .pchip,
                               minimumRelativeOverlap: Double = 0) throws -> BDResult {
        let delta = try meanDelta(
            anchor: (anchor.log10Bitrates, anchor.qualities), test: (test.log10Bitrates, test.qualities),
            interpolation: interpolation, minimumRelativeOverlap: minimumRelativeOverlap,
            axis: .log10BitrateKbps)
        return BDResult(metric: .quality, value: delta.mean, meanDifference: delta.mean,
                        interpolation: interpolation, axis: .log10BitrateKbps, overlap: delta.overlap,
                        relativeOverlap: delta.relative)
    }

    /// BD-rate from raw points (any order); see `rate(anchor:test:interpolation:minimumRelativeOverlap:)`.
    public static func rate(anchor: [RatePoint], test: [RatePoint],
                            interpolation: BDInterpolation = .pchip) throws -> BDResult {
        try rate(anchor: RateCurve(points: anchor, name: "anchor curve"),
                 test: RateCurve(points: test, name: "test curve"), interpolation: interpolation)
    }

    /// BD-quality from raw points (any order).
    public static func quality(anchor: [RatePoint], test: [RatePoint],
                               interpolation: BDInterpolation = .pchip) throws -> BDResult {
        try quality(anchor: RateCurve(points: anchor, name: "anchor curve"),
                    test: RateCurve(points: test, name: "test curve"), interpolation: interpolation)
    }

    private struct Delta { let mean: Double; let overlap: ClosedRange<Double>; let relative: Double }

    /// Mean of (f_test − f_anchor) over the overlap of the two x ranges.
    private static func meanDelta(anchor: (xs: [Double], ys: [Double]), test: (xs: [Double], ys: [Double]),
                                  interpolation: BDInterpolation, minimumRelativeOverlap: Double,
                                  axis: BDAxis) throws -> Delta {
        for (name, xs) in [("anchor curve", anchor.xs), ("test curve", test.xs)] where xs.count < minimumPoints {
            throw BenchMathError.tooFewPoints(what: name, count: xs.count, minimum: minimumPoints)
        }
        guard minimumRelativeOverlap.isFinite, (0...1).contains(minimumRelativeOverlap) else {
            throw BenchMathError.invalidParameter(name: "minimumRelativeOverlap", detail: "must be in 0...1")
        }
        let (aLow, aHigh) = (anchor.xs[0], anchor.xs[anchor.xs.count - 1])
        let (tLow, tHigh) = (test.xs[0], test.xs[test.xs.count - 1])
        let lower = max(aLow, tLow), upper = min(aHigh, tHigh)
        guard upper > lower else {
            throw BenchMathError.noOverlap(lower: lower, upper: upper, axis: axis.rawValue)
        }
        let relative = (upper - lower) / (max(aHigh, tHigh) - min(aLow, tLow))
        guard relative >= minimumRelativeOverlap else {
            throw BenchMathError.insufficientOverlap(relative: relative, minimum: minimumRelativeOverlap)
        }
        let anchorFit = try interpolation.fit(xs: anchor.xs, ys: anchor.ys)
        let testFit = try interpolation.fit(xs: test.xs, ys: test.ys)
        let mean = (testFit.integral(from: lower, to: upper) - anchorFit.integral(from: lower, to: upper))
            / (upper - lower)
        guard mean.isFinite else {
            throw BenchMathError.numericalFailure(detail: "Bjøntegaard integral is not finite")
        }
        return Delta(mean: mean, overlap: lower...upper, relative: relative)
    }
}
