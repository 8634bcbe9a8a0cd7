import Foundation

/// The bitrate axis on which hull convexity is judged.
public enum HullAxis: String, Sendable, Hashable, Codable {
    /// Quality vs bitrate in kbps (Netflix per-title encoding). The default: an encode is on
    /// the hull when no mix of two other encodes, time-shared, beats it at its bitrate.
    case linearBitrate
    /// Quality vs log10(bitrate): judges convexity on the log axis that RD plots use. VMAF is
    /// usually S-shaped in log rate, so this drops more low-rate points.
    case logBitrate

    func coordinate(_ bitrateKbps: Double) -> Double {
        self == .linearBitrate ? bitrateKbps : log10(bitrateKbps)
    }
}

/// Whether one input point is efficient.
public struct HullMembership: Sendable, Hashable {
    public let point: RatePoint
    /// No other point has at least its quality at no more bitrate (ties: the lower resolution wins).
    public let isParetoEfficient: Bool
    /// The point is a vertex of the upper-left convex hull (collinear boundary points included).
    public let isOnHull: Bool
}

/// A bitrate interval over which one resolution wins (its hull vertex is the best encode
/// affordable at that bitrate).
public struct ResolutionSpan: Sendable, Hashable {
    public let resolutionHeight: Int
    /// First bitrate of the span: the bitrate of its first hull vertex.
    public let fromKbps: Double
    /// Bitrate where the next resolution takes over; nil for the last span (open above).
    public let untilKbps: Double?
}

/// The upper-left convex hull of one profile's encodes across resolutions (Netflix
/// per-title encoding).
///
/// Construction: points are sorted by bitrate; the Pareto front keeps each point whose
/// quality is strictly above every cheaper point's; the hull is the upper concave chain of
/// the front (Andrew's monotone chain) on `axis` × quality, from the cheapest efficient
/// point to the best-quality one. Quality along the hull is strictly increasing.
public struct ConvexHull: Sendable, Hashable {
    public let profile: String
    public let axis: HullAxis
    /// Every input point, in input order, with its efficiency flags.
    public let membership: [HullMembership]
    /// Pareto-efficient points, increasing bitrate.
    public let paretoPoints: [RatePoint]
    /// Hull vertices, increasing bitrate and quality.
    public let hullPoints: [RatePoint]

    /// - Throws: `tooFewPoints` for no points, invalid values, `mixedProfiles` if the points
    ///   name more than one profile.
    public init(points: [RatePoint], axis: HullAxis = .linearBitrate) throws {
        guard !points.isEmpty else {
            throw BenchMathError.tooFewPoints(what: "convex hull input", count: 0, minimum: 1)
        }
        for (index, point) in points.enumerated() { try point.validate("hull point \(index)") }
        let profiles = Set(points.map(\.profile))
        guard profiles.count == 1 else { throw BenchMathError.mixedProfiles(profiles.sorted()) }
        let order = points.indices.sorted { lhs, rhs in
            let a = points[lhs], b = points[rhs]
            if a.bitrateKbps != b.bitrateKbps { return a.bitrateKbps < b.bitrateKbps }
            if a.quality != b.quality { return a.quality > b.quality }
            return a.resolutionHeight < b.resolutionHeight
        }
        var pareto: [Int] = []
        for index in order where pareto.last.map({ points[index].quality > points[$0].quality }) ?? true {
            pareto.append(index)
        }
        let hull = ConvexHull.upperChain(pareto.map { points[$0] }, axis: axis, indices: pareto)
        let paretoSet = Set(pareto), hullSet = Set(hull)
        self.profile = points[0].profile
        self.axis = axis
        self.membership = points.indices.map {
            HullMembership(point: points[$0], isParetoEfficient: paretoSet.contains($0),
                           isOnHull: hullSet.contains($0))
        }
        self.paretoPoints = pareto.map { points[$0] }
        self.hullPoints = hull.map { points[$0] }
    }

    /// Upper concave chain of points sorted by strictly increasing bitrate; returns their indices.
    private static func upperChain(_ sorted: [RatePoint], axis: HullAxis, indices: [Int]) -> [Int] {
        var chain: [(x: Double, y: Double, index: Int)] = []
        for (point, index) in zip(sorted, indices) {
            let c = (x: axis.coordinate(point.bitrateKbps), y: point.quality, index: index)
            while chain.count >= 2 {
                let a = chain[chain.count - 2], b = chain[chain.count - 1]
                // b lies strictly below chord a–c when the cross product is positive.
                let cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
                let scale = abs((b.x - a.x) * (c.y - a.y)) + abs((b.y - a.y) * (c.x - a.x))
                guard cross > 1e-12 * scale else { break }
                chain.removeLast()
            }
            chain.append(c)
        }
        return chain.map(\.index)
    }

    /// The hull vertex with the highest bitrate not above `bitrateKbps` (the best encode a
    /// viewer with that budget can stream), or nil below the cheapest vertex.
    public func bestPoint(atMostKbps bitrateKbps: Double) -> RatePoint? {
        hullPoints.last { $0.bitrateKbps <= bitrateKbps }
    }

    /// The resolution that wins at `bitrateKbps`: that of `bestPoint(atMostKbps:)`.
    public func winningResolution(atBitrateKbps bitrateKbps: Double) -> Int? {
        bestPoint(atMostKbps: bitrateKbps)?.resolutionHeight
    }

    /// Contiguous bitrate spans over which one resolution wins, increasing bitrate.
    public var resolutionSpans: [ResolutionSpan] {
        var spans: [(height: Int, from: Double)] = []
        for point in hullPoints where spans.last?.height != point.resolutionHeight {
            spans.append((point.resolutionHeight, point.bitrateKbps))
        }
        return spans.enumerated().map { offset, span in
            let next = offset + 1 < spans.count ? spans[offset + 1].from : nil
            return ResolutionSpan(resolutionHeight: span.height, fromKbps: span.from, untilKbps: next)
        }
    }

    /// Quality on the hull at `bitrateKbps`, linear between vertices on `axis`; nil outside
    /// the hull's bitrate range.
    public func quality(atBitrateKbps bitrateKbps: Double) -> Double? {
        guard let first = hullPoints.first, let last = hullPoints.last,
              bitrateKbps.isFinite, bitrateKbps >= first.bitrateKbps, bitrateKbps <= last.bitrateKbps
        else { return nil }
        guard let upperIndex = hullPoints.firstIndex(where: { $0.bitrateKbps >= bitrateKbps }) else { return nil }
        let upper = hullPoints[upperIndex]
        guard upperIndex > 0, upper.bitrateKbps > bitrateKbps else { return upper.quality }
        let lower = hullPoints[upperIndex - 1]
        let x0 = axis.coordinate(lower.bitrateKbps), x1 = axis.coordinate(upper.bitrateKbps)
        let fraction = (axis.coordinate(bitrateKbps) - x0) / (x1 - x0)
        return lower.quality + fraction * (upper.quality - lower.quality)
    }

    /// The hull as a `RateCurve` (needs at least 2 vertices).
    public func curve() throws -> RateCurve {
        try RateCurve(points: hullPoints, name: "\(profile) hull")
    }
}
