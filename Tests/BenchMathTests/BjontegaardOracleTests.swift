import Foundation
import Testing
@testable import BenchMath
import SplitMix

/// Live agreement with the `bjontegaard` PyPI package (the reference). These tests FAIL, not
/// skip, when Python or the package is missing.
@Suite("BD-rate agrees with the bjontegaard package")
struct BjontegaardOracleTests {
    /// The package's README example and the two further examples of its example_usage.py
    /// (inputs only: the package publishes no numeric outputs for them, so they are compared live).
    static let readmeExamples: [(anchor: [RatePoint], test: [RatePoint])] = [
        (points([9487.76, 4593.60, 2486.44, 1358.24], [40.037, 38.615, 36.845, 34.851]),
         points([9787.80, 4469.00, 2451.52, 1356.24], [40.121, 38.651, 36.970, 34.987])),
        (points([82472.76, 26875.24, 9487.76, 4593.6], [43.825, 41.404, 40.037, 38.615]),
         points([99896.96, 33952.04, 9787.8, 4469.0], [44.731, 41.875, 40.121, 38.651])),
        (points([82472.76, 26875.24, 9487.76, 4593.6, 3600, 2900], [43.825, 41.404, 40.037, 38.615, 36.5, 35.1]),
         points([99896.96, 33952.04, 9787.8, 4469.0, 4040, 3300], [44.731, 41.875, 40.121, 38.651, 37, 36.5]))
    ]

    static func points(_ rates: [Double], _ qualities: [Double]) -> [RatePoint] {
        zip(rates, qualities).map { RatePoint(bitrateKbps: $0.0, quality: $0.1, profile: "x265") }
    }

    static func randomPairs(count: Int, seed: UInt64) -> [(anchor: [RatePoint], test: [RatePoint])] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in CurveFactory.randomPair(&rng) }
    }

    /// Compares every case for both methods; returns the max absolute differences.
    static func compare(_ pairs: [(anchor: [RatePoint], test: [RatePoint])])
        throws -> (rate: Double, quality: Double, compared: Int) {
        let oracle = try BjontegaardOracle.evaluate(pairs.map { CurveFactory.oracleCase($0.anchor, $0.test) })
        var maxRate = 0.0, maxQuality = 0.0, compared = 0
        for (pair, reference) in zip(pairs, oracle) {
            for method in BDInterpolation.allCases {
                let expectedRate = method == .pchip ? reference.pchipRate : reference.cubicRate
                let expectedQuality = method == .pchip ? reference.pchipQuality : reference.cubicQuality
                do {
                    let rate = try Bjontegaard.rate(anchor: pair.anchor, test: pair.test, interpolation: method)
                    #expect(abs(rate.value - expectedRate) < 0.01, "\(method) BD-rate \(rate.value) vs \(expectedRate)")
                    maxRate = max(maxRate, abs(rate.value - expectedRate))
                    compared += 1
                } catch BenchMathError.noOverlap {
                    #expect(expectedRate.isNaN, "we found no quality overlap, package gave \(expectedRate)")
                }
                do {
                    let quality = try Bjontegaard.quality(anchor: pair.anchor, test: pair.test, interpolation: method)
                    #expect(abs(quality.value - expectedQuality) < 1e-4,
                            "\(method) BD-quality \(quality.value) vs \(expectedQuality)")
                    maxQuality = max(maxQuality, abs(quality.value - expectedQuality))
                } catch BenchMathError.noOverlap {
                    #expect(expectedQuality.isNaN, "we found no rate overlap, package gave \(expectedQuality)")
                }
            }
        }
        return (maxRate, maxQuality, compared)
    }

    @Test("README / example_usage.py curves match the package live")
    func readmeExamplesMatch() throws {
        let result = try Self.compare(Self.readmeExamples)
        print("bjontegaard README examples: max |ΔBD-rate| = \(result.rate) pp, "
            + "max |ΔBD-quality| = \(result.quality) over \(result.compared) BD-rate comparisons")
        #expect(result.compared == 6)
        #expect(result.rate < 0.01)
    }

    @Test("Seeded random curves (logistic, PSNR-like, crossing; 4–8 points) match the package live")
    func randomCurvesMatch() throws {
        let pairs = Self.randomPairs(count: 60, seed: 20_240_601)
        let result = try Self.compare(pairs)
        print("bjontegaard random curves: max |ΔBD-rate| = \(result.rate) pp, "
            + "max |ΔBD-quality| = \(result.quality) over \(result.compared) BD-rate comparisons")
        #expect(result.compared >= 100, "too few overlapping random pairs were compared")
        #expect(result.rate < 0.01)
    }

    @Test("Partially overlapping curves (< 75 % overlap) still match and report their overlap")
    func partialOverlapMatches() throws {
        let anchor = CurveFactory.logistic(rates: CurveFactory.rates(from: 300, ratio: 1.6, count: 6),
                                           centre: log(1200.0), spread: 0.8)
        let test = CurveFactory.logistic(rates: CurveFactory.rates(from: 1500, ratio: 1.6, count: 6),
                                         centre: log(1000.0), spread: 0.8)
        let result = try Self.compare([(anchor, test)])
        #expect(result.compared == 2)
        let bd = try Bjontegaard.rate(anchor: anchor, test: test)
        #expect(bd.relativeOverlap < 0.75 && !bd.meetsRecommendedOverlap)
        #expect(bd.overlap.lowerBound == test.map(\.quality).min())
        #expect(bd.overlap.upperBound == anchor.map(\.quality).max())
    }

    @Test("Disjoint curves: the package returns NaN, BenchMath throws noOverlap")
    func disjointCurves() throws {
        let anchor = CurveFactory.logistic(rates: CurveFactory.rates(from: 200, ratio: 1.3, count: 4),
                                           centre: log(2000.0), spread: 0.6)
        let test = CurveFactory.logistic(rates: CurveFactory.rates(from: 6000, ratio: 1.3, count: 4),
                                         centre: log(2000.0), spread: 0.6)
        let reference = try #require(try BjontegaardOracle.evaluate([CurveFactory.oracleCase(anchor, test)]).first)
        #expect(reference.pchipRate.isNaN && reference.pchipQuality.isNaN)
        #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: anchor, test: test) }
        #expect(throws: BenchMathError.self) { try Bjontegaard.quality(anchor: anchor, test: test) }
    }
}
