import Foundation
import Testing
@testable import BenchMath

@Suite("Savings at equal quality")
struct EqualQualitySavingsTests {
    static let baseline = try! RateCurve(
        points: CurveFactory.logistic(rates: CurveFactory.rates(from: 300, ratio: 1.6, count: 7),
                                      centre: log(1400.0), spread: 0.8))

    @Test("A candidate needing 70 % of the bitrate everywhere saves 30 % at every level")
    func uniformSaving() throws {
        let candidate = try RateCurve(points: Self.baseline.points.map {
            RatePoint(bitrateKbps: $0.bitrateKbps * 0.7, quality: $0.quality)
        })
        let levels = [40.0, 60, 75, 80]
        let savings = try EqualQualitySavings(baseline: Self.baseline, candidate: candidate, qualities: levels)
        #expect(savings.entries.map(\.quality) == levels && savings.skippedQualities.isEmpty)
        for entry in savings.entries {
            #expect(abs(entry.savedPercent - 30) < 1e-9)
            #expect(abs(entry.savedKbps - 0.3 * entry.baselineKbps) < 1e-6)
        }
        #expect(abs((savings.weightedMeanSavedPercent ?? 0) - 30) < 1e-9)
        #expect(abs((savings.overallBDRate?.value ?? 0) + 30) < 1e-9)
    }

    @Test("Read-off bitrate reproduces the measured points")
    func readOffAtKnots() throws {
        let candidate = try RateCurve(points: Self.baseline.points.map {
            RatePoint(bitrateKbps: $0.bitrateKbps * 0.9, quality: $0.quality + 1)
        })
        let knot = Self.baseline.points[3]
        let savings = try EqualQualitySavings(baseline: Self.baseline, candidate: candidate, qualities: [knot.quality])
        #expect(abs(savings.entries[0].baselineKbps - knot.bitrateKbps) < 1e-9 * knot.bitrateKbps)
        #expect(savings.entries[0].savedPercent > 10)
    }

    @Test("Levels outside either curve are skipped, not extrapolated")
    func outOfRange() throws {
        let savings = try EqualQualitySavings(baseline: Self.baseline, candidate: Self.baseline,
                                              qualities: [1, 50, 99.9], weights: [1, 2, 3])
        #expect(savings.skippedQualities == [1, 99.9])
        #expect(savings.entries.count == 1 && abs(savings.weightedMeanSavedPercent ?? 1) < 1e-12)
        #expect(throws: BenchMathError.self) {
            try EqualQualitySavings(baseline: Self.baseline, candidate: Self.baseline, qualities: [50], weights: [-1])
        }
    }

    @Test("Hull vs hull at a region's ladder: AV1-like profile beats H.264-like")
    func hullsAndLadder() throws {
        let h264 = try ConvexHull(points: ConvexHullTests.ladderPoints(profile: "h264"))
        let av1Points = ConvexHullTests.ladderPoints(profile: "av1").map {
            RatePoint(bitrateKbps: $0.bitrateKbps * 0.65, quality: $0.quality, profile: "av1",
                      resolutionHeight: $0.resolutionHeight)
        }
        let av1 = try ConvexHull(points: av1Points)
        let ladder = try LadderSelector.choose(from: h264, region: LadderSelectorTests.southeastAsia)
        let savings = try EqualQualitySavings(baseline: h264, candidate: av1, ladder: ladder)
        #expect(!savings.entries.isEmpty)
        for entry in savings.entries { #expect(abs(entry.savedPercent - 35) < 1e-6) }
        #expect(abs((savings.overallBDRate?.value ?? 0) + 35) < 1e-6)
    }
}
