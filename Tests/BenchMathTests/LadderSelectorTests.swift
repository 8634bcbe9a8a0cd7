import Foundation
import Testing
@testable import BenchMath
import SplitMix

@Suite("Per-region ladder choice")
struct LadderSelectorTests {
    static let hull = try! ConvexHull(points: ConvexHullTests.ladderPoints())
    static let southeastAsia = RegionNetworkProfile(name: "SEA", p10: 600, p25: 1200, p50: 2500, p75: 4500,
                                                    p90: 7000, mobileShare: 0.8)
    static let japan = RegionNetworkProfile(name: "JP", p10: 2500, p25: 5000, p50: 9000, p75: 15000,
                                            p90: 25000, mobileShare: 0.5)

    static func randomRegion(_ rng: inout SeededGenerator) -> RegionNetworkProfile {
        var kbps = 150 + 3000 * rng.nextUnit()
        var values: [Double] = []
        for _ in 0..<5 { values.append(kbps); kbps *= 1 + 2 * rng.nextUnit() }
        return RegionNetworkProfile(name: "random", p10: values[0], p25: values[1], p50: values[2],
                                    p75: values[3], p90: values[4], mobileShare: rng.nextUnit(),
                                    safetyMargin: 0.6 + 0.4 * rng.nextUnit())
    }

    @Test("Chosen ladder: at most N rungs, rising, each rung within its percentile × margin")
    func structure() throws {
        for region in [Self.southeastAsia, Self.japan] {
            for maxRungs in 1...5 {
                let choice = try LadderSelector.choose(from: Self.hull, region: region,
                                                       objective: LadderObjective(maxRungs: maxRungs))
                #expect(!choice.rungs.isEmpty && choice.rungs.count <= maxRungs)
                let distribution = try region.distribution()
                for (a, b) in zip(choice.rungs, choice.rungs.dropFirst()) {
                    #expect(b.point.bitrateKbps > a.point.bitrateKbps && b.effectiveQuality > a.effectiveQuality)
                }
                for rung in choice.rungs {
                    #expect(Self.hull.hullPoints.contains(rung.point))
                    let bandwidth = distribution.quantile(rung.servesFromPercentile)
                    #expect(rung.point.bitrateKbps <= bandwidth * region.safetyMargin * (1 + 1e-9))
                }
                let shares = choice.stallShare + choice.rungs.reduce(0) { $0 + $1.viewerShare }
                #expect(abs(shares - 1) < 1e-12)
            }
        }
    }

    @Test("Exact objective equals a Monte Carlo estimate over the bandwidth distribution")
    func objectiveMatchesMonteCarlo() throws {
        let region = Self.southeastAsia
        let choice = try LadderSelector.choose(from: Self.hull, region: region)
        let distribution = try region.distribution()
        let samples = 200_000
        var total = 0.0
        for index in 0..<samples {
            let bandwidth = distribution.quantile((Double(index) + 0.5) / Double(samples))
            let affordable = choice.rungs.last { $0.point.bitrateKbps <= bandwidth * region.safetyMargin }
            total += affordable?.effectiveQuality ?? 0
        }
        #expect(abs(total / Double(samples) - choice.expectedQuality) < 0.01)
    }

    @Test("Dynamic programme finds the same optimum as exhaustive search")
    func optimalAgainstBruteForce() throws {
        let candidates = Self.hull.hullPoints
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<10 {
            let region = Self.randomRegion(&rng)
            for maxRungs in [2, 3] {
                let choice = try LadderSelector.choose(from: candidates, region: region,
                                                       objective: LadderObjective(maxRungs: maxRungs))
                var best = -Double.infinity
                for mask in 1..<(1 << candidates.count) where mask.nonzeroBitCount <= maxRungs {
                    let subset = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
                    best = max(best, try LadderSelector.evaluate(ladder: subset, region: region).expectedQuality)
                }
                #expect(abs(choice.expectedQuality - best) < 1e-9)
            }
        }
    }

    @Test("Property: raising a region's network everywhere never lowers its chosen ladder's expected VMAF")
    func monotoneInBandwidth() throws {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<200 {
            let region = Self.randomRegion(&rng)
            var raised = region
            var floor = 0.0
            raised.percentiles = region.percentiles.map { item in
                floor = max(floor, item.kbps * (1 + 0.5 * rng.nextUnit() * rng.nextUnit()))
                return BandwidthPercentile(probability: item.probability, kbps: floor)
            }
            let maxRungs = 1 + Int(rng.next() % 5)
            let objective = LadderObjective(maxRungs: maxRungs)
            let before = try LadderSelector.choose(from: Self.hull, region: region, objective: objective)
            let after = try LadderSelector.choose(from: Self.hull, region: raised, objective: objective)
            #expect(after.expectedQuality >= before.expectedQuality - 1e-9,
                    "\(region.percentiles) → \(raised.percentiles)")
            #expect(after.stallShare <= before.stallShare + 1e-12 || after.rungs.first != before.rungs.first)
        }
    }

    @Test("A slow region gets a cheaper ladder than a fast one")
    func regionsDiffer() throws {
        let slow = try LadderSelector.choose(from: Self.hull, region: Self.southeastAsia)
        let fast = try LadderSelector.choose(from: Self.hull, region: Self.japan)
        #expect(fast.expectedQuality > slow.expectedQuality)
        #expect((fast.rungs.last?.point.bitrateKbps ?? 0) >= (slow.rungs.last?.point.bitrateKbps ?? 0))
        #expect(slow.rungs.first?.point.resolutionHeight == 360)
    }

    @Test("Mobile share blends in phone-model quality")
    func mobileShare() throws {
        let points = Self.hull.hullPoints.map {
            RatePoint(bitrateKbps: $0.bitrateKbps, quality: $0.quality, profile: $0.profile,
                      resolutionHeight: $0.resolutionHeight, phoneQuality: min(100, $0.quality + 8))
        }
        var desktop = Self.southeastAsia
        desktop.mobileShare = 0
        var phones = desktop
        phones.mobileShare = 1
        let a = try LadderSelector.choose(from: points, region: desktop)
        let b = try LadderSelector.choose(from: points, region: phones)
        #expect(b.expectedQuality > a.expectedQuality)
    }

    @Test("Refusals: no candidates, zero rungs, bad region")
    func refusals() {
        #expect(throws: BenchMathError.self) { try LadderSelector.choose(from: [], region: Self.japan) }
        #expect(throws: BenchMathError.self) {
            try LadderSelector.choose(from: Self.hull, region: Self.japan, objective: LadderObjective(maxRungs: 0))
        }
        var bad = Self.japan
        bad.safetyMargin = 1.5
        #expect(throws: BenchMathError.self) { try LadderSelector.choose(from: Self.hull, region: bad) }
        bad = Self.japan
        bad.percentiles[2].kbps = 100
        #expect(throws: BenchMathError.self) { try LadderSelector.choose(from: Self.hull, region: bad) }
    }
}

@Suite("Bandwidth distribution")
struct BandwidthDistributionTests {
    @Test("Quantile passes through the percentiles and CDF inverts it")
    func roundTrip() throws {
        let distribution = try LadderSelectorTests.southeastAsia.distribution()
        for item in LadderSelectorTests.southeastAsia.percentiles {
            #expect(abs(distribution.quantile(item.probability) - item.kbps) < 1e-9 * item.kbps)
        }
        for p in stride(from: 0.0, through: 1.0, by: 0.01) {
            #expect(abs(distribution.cumulativeProbability(atKbps: distribution.quantile(p)) - p) < 1e-12)
        }
        #expect(abs(distribution.quantile(0) - 150) < 1e-9 && abs(distribution.quantile(1) - 14000) < 1e-6)
        let sampled = (0..<100_000).reduce(0.0) { $0 + distribution.quantile((Double($1) + 0.5) / 100_000) } / 100_000
        #expect(abs(sampled - distribution.meanKbps) < 1e-3 * distribution.meanKbps)
    }
}
