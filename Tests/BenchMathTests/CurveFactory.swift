import Foundation
@testable import BenchMath
import SplitMix

/// Seeded synthetic rate–quality curves for the tests.
enum CurveFactory {
    /// VMAF-like logistic curve in log-rate: q = top / (1 + exp(−(ln r − centre)/spread)).
    static func logistic(rates: [Double], centre: Double, spread: Double, top: Double = 100,
                         profile: String = "p", height: Int = 1080) -> [RatePoint] {
        rates.map { rate in
            let q = top / (1 + exp(-(log(rate) - centre) / spread))
            return RatePoint(bitrateKbps: rate, quality: q, profile: profile, resolutionHeight: height)
        }
    }

    /// Geometric bitrate ladder of `count` rates from `first` with ratio `ratio`.
    static func rates(from first: Double, ratio: Double, count: Int) -> [Double] {
        (0..<count).map { first * pow(ratio, Double($0)) }
    }

    /// A random pair of monotone curves (anchor, test) with overlapping quality ranges.
    static func randomPair(_ rng: inout SeededGenerator) -> (anchor: [RatePoint], test: [RatePoint]) {
        let shape = Int(rng.next() % 3)
        let countA = 4 + Int(rng.next() % 5), countT = 4 + Int(rng.next() % 5)
        let startA = 150 + 900 * rng.nextUnit(), startT = startA * (0.6 + 0.8 * rng.nextUnit())
        let ratioA = 1.35 + 0.6 * rng.nextUnit(), ratioT = 1.35 + 0.6 * rng.nextUnit()
        // ±7.5 % jitter keeps the order (ratios ≥ 1.35) but makes log-rate spacing uneven.
        let ratesA = rates(from: startA, ratio: ratioA, count: countA).map { $0 * (0.925 + 0.15 * rng.nextUnit()) }
        let ratesT = rates(from: startT, ratio: ratioT, count: countT).map { $0 * (0.925 + 0.15 * rng.nextUnit()) }
        let centre = log(startA) + 1.5 * rng.nextUnit()
        let shift = -0.5 + rng.nextUnit()   // test better (< 0) or worse (> 0) in log-rate
        let spreadA = 0.5 + rng.nextUnit(), spreadT = spreadA * (0.7 + 0.6 * rng.nextUnit())
        switch shape {
        case 0:
            return (logistic(rates: ratesA, centre: centre, spread: spreadA),
                    logistic(rates: ratesT, centre: centre + shift, spread: spreadT))
        case 1:   // PSNR-like: roughly linear in log-rate with concave bend and jitter
            func psnr(_ r: [Double], _ offset: Double, _ rng: inout SeededGenerator) -> [RatePoint] {
                var q = 0.0
                return r.enumerated().map { index, rate in
                    let base = 28 + 4.2 * log2(rate / 100) - 0.08 * pow(log2(rate / 100), 2) + offset
                    q = max(base + 0.2 * (rng.nextUnit() - 0.5), index == 0 ? base : q + 0.05)
                    return RatePoint(bitrateKbps: rate, quality: q, profile: "p")
                }
            }
            return (psnr(ratesA, 0, &rng), psnr(ratesT, 3 * shift, &rng))
        default:  // crossing curves: different slopes
            return (logistic(rates: ratesA, centre: centre, spread: spreadA * 0.6),
                    logistic(rates: ratesT, centre: centre + shift, spread: spreadA * 1.6))
        }
    }

    static func oracleCase(_ anchor: [RatePoint], _ test: [RatePoint]) -> BjontegaardOracle.Case {
        let a = anchor.sorted { $0.bitrateKbps < $1.bitrateKbps }
        let t = test.sorted { $0.bitrateKbps < $1.bitrateKbps }
        return BjontegaardOracle.Case(anchorRates: a.map(\.bitrateKbps), anchorQualities: a.map(\.quality),
                                      testRates: t.map(\.bitrateKbps), testQualities: t.map(\.quality))
    }
}
