import Foundation

/// A rate–quality curve: points of one encoder configuration sorted by increasing bitrate,
/// validated so that both bitrate and quality strictly increase along it.
///
/// Points may be given in any order; they are sorted by bitrate. A curve whose quality does
/// not strictly increase with bitrate (a dip, a plateau, two points at one bitrate) is
/// refused with `BenchMathError.nonMonotonicCurve`, because the Bjøntegaard maths treats
/// the curve as a function in both directions (rate of quality and quality of rate).
public struct RateCurve: Sendable, Hashable, Codable {
    /// Points in increasing bitrate (and so increasing quality) order.
    public let points: [RatePoint]

    /// Builds a curve. `name` only labels error messages.
    /// - Throws: `tooFewPoints` below 2 points, `nonFiniteValue`, `nonPositiveBitrate`,
    ///   `nonMonotonicCurve`.
    public init(points: [RatePoint], name: String = "curve") throws {
        guard points.count >= 2 else {
            throw BenchMathError.tooFewPoints(what: name, count: points.count, minimum: 2)
        }
        for (index, point) in points.enumerated() {
            try point.validate("\(name) point \(index)")
        }
        let sorted = points.sorted { $0.bitrateKbps < $1.bitrateKbps }
        for index in 1..<sorted.count {
            let previous = sorted[index - 1], current = sorted[index]
            guard current.bitrateKbps > previous.bitrateKbps else {
                throw BenchMathError.nonMonotonicCurve(
                    what: name, detail: "two points at \(current.bitrateKbps) kbps")
            }
            guard current.quality > previous.quality else {
                throw BenchMathError.nonMonotonicCurve(
                    what: name,
                    detail: "quality \(previous.quality) at \(previous.bitrateKbps) kbps is not below "
                        + "\(current.quality) at \(current.bitrateKbps) kbps")
            }
        }
        self.points = sorted
    }

    /// Convenience: a curve from parallel arrays of bitrates (kbps) and qualities.
    public init(bitratesKbps: [Double], qualities: [Double], profile: String = "",
                name: String = "curve") throws {
        guard bitratesKbps.count == qualities.count else {
            throw BenchMathError.invalidParameter(
                name: name,
                detail: "\(bitratesKbps.count) bitrates but \(qualities.count) qualities")
        }
        let points = zip(bitratesKbps, qualities).map {
            RatePoint(bitrateKbps: $0.0, quality: $0.1, profile: profile)
        }
        try self.init(points: points, name: name)
    }

    /// Number of points.
    public var count: Int { points.count }
    /// Bitrates in kbps, increasing.
    public var bitratesKbps: [Double] { points.map(\.bitrateKbps) }
    /// Qualities, increasing.
    public var qualities: [Double] { points.map(\.quality) }
    /// log10 of the bitrates in kbps, increasing.
    public var log10Bitrates: [Double] { points.map { log10($0.bitrateKbps) } }
    /// Quality range covered by the curve.
    public var qualityRange: ClosedRange<Double> {
        (points.first?.quality ?? 0)...(points.last?.quality ?? 0)
    }
    /// Bitrate range covered by the curve, in kbps.
    public var bitrateRange: ClosedRange<Double> {
        (points.first?.bitrateKbps ?? 0)...(points.last?.bitrateKbps ?? 0)
    }
}
