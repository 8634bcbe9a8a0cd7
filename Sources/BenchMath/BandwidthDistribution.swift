import Foundation

/// One known point of a bandwidth distribution: a share `probability` of viewers sustain at
/// most `kbps` of video bitrate.
public struct BandwidthPercentile: Sendable, Hashable, Codable {
    /// Cumulative probability, strictly inside 0...1 (0.1 for p10).
    public var probability: Double
    /// Sustainable video bitrate at that percentile, kbps.
    public var kbps: Double

    public init(probability: Double, kbps: Double) {
        self.probability = probability
        self.kbps = kbps
    }
}

/// The distribution of viewers' sustainable video bitrate, interpolated from percentiles.
///
/// Model (explicit so results can be checked by hand): the quantile function Q(p) is
/// piecewise linear in (p, ln kbps) through the given percentiles, i.e. log-uniform between
/// neighbouring percentiles. Below the lowest given percentile it runs linearly (in ln kbps)
/// down to `lowestKbps × lowerTailFactor` at p = 0; above the highest up to
/// `highestKbps × upperTailFactor` at p = 1. Each tail depends only on its end percentile, so
/// raising every percentile raises Q(p) for every p (first-order stochastic dominance).
public struct BandwidthDistribution: Sendable, Hashable {
    /// Knots (p, ln kbps) including p = 0 and p = 1, p strictly and ln kbps weakly increasing.
    public let knots: [(probability: Double, logKbps: Double)]

    /// - Throws: `invalidParameter` unless there is at least one percentile, probabilities are
    ///   strictly increasing inside (0, 1), bitrates are finite, > 0 and non-decreasing, and
    ///   0 < lowerTailFactor ≤ 1 ≤ upperTailFactor.
    public init(percentiles: [BandwidthPercentile], lowerTailFactor: Double = 0.25,
                upperTailFactor: Double = 2.0) throws {
        try BandwidthDistribution.validate(percentiles, lowerTailFactor, upperTailFactor)
        guard let first = percentiles.first, let last = percentiles.last else {
            throw BenchMathError.tooFewPoints(what: "bandwidth percentiles", count: 0, minimum: 1)
        }
        var knots = [(probability: 0.0, logKbps: log(first.kbps * lowerTailFactor))]
        knots += percentiles.map { (probability: $0.probability, logKbps: log($0.kbps)) }
        knots.append((probability: 1.0, logKbps: log(last.kbps * upperTailFactor)))
        guard knots.allSatisfy({ $0.logKbps.isFinite }) else {
            throw BenchMathError.invalidParameter(
                name: "bandwidth percentiles", detail: "tail bandwidths under- or overflow")
        }
        self.knots = knots
    }

    private static func validate(_ percentiles: [BandwidthPercentile], _ lower: Double,
                                 _ upper: Double) throws {
        guard !percentiles.isEmpty else {
            throw BenchMathError.tooFewPoints(what: "bandwidth percentiles", count: 0, minimum: 1)
        }
        guard lower.isFinite, upper.isFinite, lower > 0, lower <= 1, upper >= 1 else {
            throw BenchMathError.invalidParameter(
                name: "tail factors", detail: "need 0 < lower ≤ 1 ≤ upper, got \(lower), \(upper)")
        }
        var previous = BandwidthPercentile(probability: 0, kbps: 0)
        for item in percentiles {
            guard item.probability.isFinite, item.kbps.isFinite, item.probability > previous.probability,
                  item.probability < 1, item.kbps > 0, item.kbps >= previous.kbps else {
                throw BenchMathError.invalidParameter(
                    name: "bandwidth percentiles",
                    detail: "p\(item.probability * 100) = \(item.kbps) kbps breaks the order "
                        + "(probabilities strictly increasing in (0,1), kbps > 0 and non-decreasing)")
            }
            previous = item
        }
    }

    /// Q(p): the bandwidth (kbps) below which a share `probability` of viewers fall.
    /// `probability` is clamped to 0...1.
    public func quantile(_ probability: Double) -> Double {
        let p = probability.isFinite ? min(max(probability, 0), 1) : 0.5
        guard let upper = knots.firstIndex(where: { $0.probability >= p }), upper > 0 else {
            return exp(knots[0].logKbps)
        }
        let a = knots[upper - 1], b = knots[upper]
        let fraction = (p - a.probability) / (b.probability - a.probability)
        return exp(a.logKbps + fraction * (b.logKbps - a.logKbps))
    }

    /// F(b) = P(bandwidth ≤ `kbps`), in 0...1.
    public func cumulativeProbability(atKbps kbps: Double) -> Double {
        guard kbps > 0 else { return 0 }
        guard kbps.isFinite else { return 1 }
        let x = log(kbps)
        guard let below = knots.lastIndex(where: { $0.logKbps <= x }) else { return 0 }
        guard below + 1 < knots.count else { return 1 }
        let a = knots[below], b = knots[below + 1]
        return a.probability + (b.probability - a.probability) * (x - a.logKbps) / (b.logKbps - a.logKbps)
    }

    /// Mean bandwidth in kbps (exact for the log-uniform pieces).
    public var meanKbps: Double {
        zip(knots, knots.dropFirst()).reduce(0) { sum, pair in
            let (a, b) = pair
            let width = b.probability - a.probability
            let span = b.logKbps - a.logKbps
            let pieceMean = span > 1e-12 ? (exp(b.logKbps) - exp(a.logKbps)) / span : exp(a.logKbps)
            return sum + width * pieceMean
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.knots.elementsEqual(rhs.knots) { $0.probability == $1.probability && $0.logKbps == $1.logKbps }
    }

    public func hash(into hasher: inout Hasher) {
        for knot in knots {
            hasher.combine(knot.probability)
            hasher.combine(knot.logKbps)
        }
    }
}
