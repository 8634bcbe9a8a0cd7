import Foundation
import Testing
@testable import BenchMath
import SplitMix

@Suite("Convex hull across resolutions")
struct ConvexHullTests {
    /// Three resolutions whose logistic RD curves cross: low resolutions saturate early.
    static func ladderPoints(profile: String = "h264") -> [RatePoint] {
        let specs: [(height: Int, centre: Double, top: Double, rates: [Double])] = [
            (360, log(350.0), 72, [200, 300, 450, 700, 1000, 1500]),
            (720, log(900.0), 90, [450, 700, 1000, 1500, 2300, 3500]),
            (1080, log(1800.0), 98, [1000, 1500, 2300, 3500, 5000, 7500])
        ]
        return specs.flatMap { spec in
            CurveFactory.logistic(rates: spec.rates, centre: spec.centre, spread: 0.75, top: spec.top,
                                  profile: profile, height: spec.height)
        }
    }

    /// Brute force: p is on the upper-left hull iff no point is at most as expensive and at
    /// least as good (other than ties resolved to it), and p is not strictly below the chord
    /// of any two points around it.
    static func bruteForceOnHull(_ p: RatePoint, among all: [RatePoint], axis: HullAxis) -> Bool {
        let x = { (q: RatePoint) in axis == .linearBitrate ? q.bitrateKbps : log10(q.bitrateKbps) }
        for q in all where q != p && q.bitrateKbps <= p.bitrateKbps && q.quality >= p.quality {
            if q.bitrateKbps < p.bitrateKbps || q.quality > p.quality || q.resolutionHeight < p.resolutionHeight {
                return false
            }
        }
        for a in all where x(a) < x(p) {
            for b in all where x(b) > x(p) {
                let chord = a.quality + (b.quality - a.quality) * (x(p) - x(a)) / (x(b) - x(a))
                if p.quality < chord - 1e-9 { return false }
            }
        }
        return true
    }

    @Test("Hull membership equals a brute-force definition, on both axes", arguments: [HullAxis.linearBitrate, .logBitrate])
    func bruteForceAgreement(axis: HullAxis) throws {
        var rng = SeededGenerator(seed: 99)
        for trial in 0..<30 {
            var points = trial == 0 ? Self.ladderPoints() : []
            for _ in 0..<(trial == 0 ? 0 : 12 + Int(rng.next() % 20)) {
                let rate = 100 * pow(80, rng.nextUnit())
                let quality = 100 / (1 + exp(-(log(rate) - 7) / 0.9)) - 15 * rng.nextUnit()
                points.append(RatePoint(bitrateKbps: rate.rounded(), quality: quality, profile: "h264",
                                        resolutionHeight: [360, 540, 720, 1080][Int(rng.next() % 4)]))
            }
            let hull = try ConvexHull(points: points, axis: axis)
            for member in hull.membership {
                #expect(member.isOnHull == Self.bruteForceOnHull(member.point, among: points, axis: axis),
                        "trial \(trial): \(member.point)")
            }
        }
    }

    @Test("Hull is increasing and concave; every point lies on or under it")
    func shape() throws {
        let points = Self.ladderPoints()
        let hull = try ConvexHull(points: points)
        let vertices = hull.hullPoints
        #expect(vertices.count >= 4)
        for i in 1..<vertices.count {
            #expect(vertices[i].bitrateKbps > vertices[i - 1].bitrateKbps && vertices[i].quality > vertices[i - 1].quality)
        }
        let slopes = (1..<vertices.count).map {
            (vertices[$0].quality - vertices[$0 - 1].quality) / (vertices[$0].bitrateKbps - vertices[$0 - 1].bitrateKbps)
        }
        for i in 1..<slopes.count { #expect(slopes[i] <= slopes[i - 1] + 1e-12) }
        for point in points {
            guard let onHull = hull.quality(atBitrateKbps: point.bitrateKbps) else { continue }
            #expect(point.quality <= onHull + 1e-9)
        }
        #expect(Set(hull.paretoPoints).isSuperset(of: vertices))
    }

    @Test("Low resolutions win at low bitrates, high ones at high bitrates")
    func winners() throws {
        let hull = try ConvexHull(points: Self.ladderPoints())
        #expect(hull.winningResolution(atBitrateKbps: 250) == 360)
        #expect(hull.winningResolution(atBitrateKbps: 7500) == 1080)
        #expect(hull.winningResolution(atBitrateKbps: 100) == nil)
        let spans = hull.resolutionSpans
        #expect(spans.map(\.resolutionHeight) == [360, 720, 1080])
        #expect(spans.last?.untilKbps == nil)
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.untilKbps == b.fromKbps) }
        for span in spans { #expect(hull.winningResolution(atBitrateKbps: span.fromKbps) == span.resolutionHeight) }
    }

    @Test("Log-bitrate hull keeps no more points than the linear one on S-shaped curves")
    func logAxisIsStricterHere() throws {
        let points = Self.ladderPoints()
        let linear = try ConvexHull(points: points, axis: .linearBitrate)
        let logarithmic = try ConvexHull(points: points, axis: .logBitrate)
        #expect(logarithmic.hullPoints.count <= linear.hullPoints.count)
        #expect(logarithmic.hullPoints.first == linear.hullPoints.first)
        #expect(logarithmic.hullPoints.last == linear.hullPoints.last)
    }

    @Test("Refusals: empty, mixed profiles, bad values")
    func refusals() {
        #expect(throws: BenchMathError.self) { try ConvexHull(points: []) }
        let mixed = Self.ladderPoints(profile: "h264") + Self.ladderPoints(profile: "av1")
        #expect(throws: BenchMathError.mixedProfiles(["av1", "h264"])) { try ConvexHull(points: mixed) }
        var bad = Self.ladderPoints()
        bad[2].quality = .infinity
        #expect(throws: BenchMathError.self) { try ConvexHull(points: bad) }
    }
}
