import Foundation
import Testing
@testable import BenchMath
import SplitMix

@Suite("Bjøntegaard delta: definitions, properties and refusals")
struct BjontegaardTests {
    let anchor = CurveFactory.logistic(rates: CurveFactory.rates(from: 400, ratio: 1.7, count: 6),
                                       centre: log(1500.0), spread: 0.7)

    @Test("A curve against itself gives 0 % and 0 quality units", arguments: BDInterpolation.allCases)
    func identity(method: BDInterpolation) throws {
        #expect(abs(try Bjontegaard.rate(anchor: anchor, test: anchor, interpolation: method).value) < 1e-12)
        #expect(abs(try Bjontegaard.quality(anchor: anchor, test: anchor, interpolation: method).value) < 1e-12)
    }

    @Test("Scaling every test bitrate by k gives BD-rate (k − 1) × 100 exactly", arguments: BDInterpolation.allCases)
    func uniformRateScaling(method: BDInterpolation) throws {
        for factor in [0.5, 0.8, 1.25] {
            let test = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps * factor, quality: $0.quality) }
            let result = try Bjontegaard.rate(anchor: anchor, test: test, interpolation: method)
            #expect(abs(result.value - (factor - 1) * 100) < 1e-9)
            #expect(result.axis == .quality && result.metric == .rate)
            #expect(result.overlap == anchor.first!.quality...anchor.last!.quality)
        }
    }

    @Test("Adding d to every test quality gives BD-quality d exactly", arguments: BDInterpolation.allCases)
    func uniformQualityShift(method: BDInterpolation) throws {
        let test = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps, quality: $0.quality + 2.5) }
        let result = try Bjontegaard.quality(anchor: anchor, test: test, interpolation: method)
        #expect(abs(result.value - 2.5) < 1e-9)
        let kbps = try #require(result.overlapBitrateKbps)
        #expect(abs(kbps.lowerBound - 400) < 1e-6 && abs(kbps.upperBound - anchor.last!.bitrateKbps) < 1e-6)
    }

    @Test("Swapping anchor and test inverts the rate ratio: (1 + a)(1 + b) = 1")
    func antisymmetry() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let pair = CurveFactory.randomPair(&rng)
            guard let forward = try? Bjontegaard.rate(anchor: pair.anchor, test: pair.test) else { continue }
            let backward = try Bjontegaard.rate(anchor: pair.test, test: pair.anchor)
            #expect(abs((1 + forward.value / 100) * (1 + backward.value / 100) - 1) < 1e-12)
        }
    }

    @Test("A test curve that is better everywhere has negative BD-rate and positive BD-quality")
    func signConvention() throws {
        let test = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps * 0.9, quality: $0.quality + 0.5) }
        #expect(try Bjontegaard.rate(anchor: anchor, test: test).value < 0)
        #expect(try Bjontegaard.quality(anchor: anchor, test: test).value > 0)
    }

    @Test("Point order does not matter")
    func orderInvariance() throws {
        let test = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps * 0.85, quality: $0.quality + 0.3) }
        let ordered = try Bjontegaard.rate(anchor: anchor, test: test)
        let shuffled = try Bjontegaard.rate(anchor: anchor.reversed(), test: [test[3], test[0], test[5], test[1], test[4], test[2]])
        #expect(ordered == shuffled)
    }

    @Test("Fewer than 4 points is refused with a clear error", arguments: BDInterpolation.allCases)
    func tooFewPoints(method: BDInterpolation) {
        let three = Array(anchor.prefix(3))
        #expect(throws: BenchMathError.tooFewPoints(what: "test curve", count: 3, minimum: 4)) {
            try Bjontegaard.rate(anchor: anchor, test: three, interpolation: method)
        }
        #expect(throws: BenchMathError.tooFewPoints(what: "anchor curve", count: 3, minimum: 4)) {
            try Bjontegaard.quality(anchor: three, test: anchor, interpolation: method)
        }
    }

    @Test("Non-monotonic curves are refused")
    func nonMonotonic() {
        var dip = anchor
        dip[3].quality = dip[2].quality - 1
        #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: anchor, test: dip) }
        var duplicate = anchor
        duplicate[4].bitrateKbps = duplicate[3].bitrateKbps
        let error = #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: duplicate, test: anchor) }
        #expect(error?.description.contains("not monotonic") == true)
    }

    @Test("Curves with no overlap are refused, not NaN")
    func noOverlap() {
        let high = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps * 100, quality: $0.quality + 200) }
        #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: anchor, test: high) }
        #expect(throws: BenchMathError.self) { try Bjontegaard.quality(anchor: anchor, test: high) }
        let error = #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: anchor, test: high) }
        #expect(error?.description.contains("do not overlap") == true)
    }

    @Test("NaN, infinite and non-positive inputs are refused")
    func badValues() {
        var bad = anchor
        bad[1].quality = .nan
        #expect(throws: BenchMathError.self) { try Bjontegaard.rate(anchor: bad, test: anchor) }
        bad = anchor
        bad[0].bitrateKbps = 0
        #expect(throws: BenchMathError.nonPositiveBitrate(what: "anchor curve point 0", value: 0)) {
            try Bjontegaard.rate(anchor: bad, test: anchor)
        }
        bad[0].bitrateKbps = .infinity
        #expect(throws: BenchMathError.self) { try Bjontegaard.quality(anchor: bad, test: anchor) }
    }

    @Test("A required minimum overlap is enforced")
    func minimumOverlap() throws {
        let shifted = anchor.map { RatePoint(bitrateKbps: $0.bitrateKbps * 2.5, quality: $0.quality) }
        let curveA = try RateCurve(points: anchor), curveB = try RateCurve(points: shifted)
        let result = try Bjontegaard.quality(anchor: curveA, test: curveB)
        #expect(result.relativeOverlap < 0.75)
        #expect(throws: BenchMathError.self) {
            try Bjontegaard.quality(anchor: curveA, test: curveB, minimumRelativeOverlap: 0.75)
        }
    }
}

@Suite("Interpolants")
struct InterpolantTests {
    @Test("PCHIP passes through its knots, stays monotone and integrates exactly")
    func pchipBasics() throws {
        let xs = [30.0, 34, 36.5, 40, 41], ys = [2.9, 3.2, 3.5, 3.9, 4.3]
        let fit = try PCHIPInterpolant(xs: xs, ys: ys)
        for (x, y) in zip(xs, ys) { #expect(abs(fit.value(at: x) - y) < 1e-12) }
        var previous = -Double.infinity
        var riemann = 0.0
        let steps = 100_000, h = (xs.last! - xs[0]) / Double(steps)
        for step in 0...steps {
            let value = fit.value(at: xs[0] + Double(step) * h)
            #expect(value >= previous - 1e-12)
            previous = value
            riemann += (step == 0 || step == steps ? 0.5 : 1) * value * h
        }
        #expect(abs(fit.integral(from: xs[0], to: xs.last!) - riemann) < 1e-7)
        #expect(abs(fit.integral(from: 31, to: 39) + fit.integral(from: 39, to: 31)) < 1e-15)
    }

    @Test("PCHIP on two points and on linear data is the straight line")
    func pchipLinear() throws {
        let two = try PCHIPInterpolant(xs: [1, 3], ys: [2, 6])
        #expect(abs(two.value(at: 2) - 4) < 1e-12)
        #expect(abs(two.integral(from: 1, to: 3) - 8) < 1e-12)
        let line = try PCHIPInterpolant(xs: [0, 1, 3, 4, 7], ys: [1, 3, 7, 9, 15])
        #expect(abs(line.value(at: 5.5) - 12) < 1e-12)
    }

    @Test("Cubic fit reproduces a cubic exactly, also from more than 4 points")
    func cubicExact() throws {
        func f(_ x: Double) -> Double { 0.5 - 2 * x + 0.3 * x * x + 0.01 * x * x * x }
        let xs = [30.0, 32, 35, 37, 40, 44]
        let fit = try CubicFitInterpolant(xs: xs, ys: xs.map(f))
        #expect(abs(fit.value(at: 33.3) - f(33.3)) < 1e-8)
        func primitive(_ x: Double) -> Double { 0.5 * x - x * x + 0.1 * x * x * x + 0.0025 * pow(x, 4) }
        #expect(abs(fit.integral(from: 31, to: 43) - (primitive(43) - primitive(31))) < 1e-6)
    }

    @Test("Interpolants refuse unsorted samples and too few points")
    func refusals() {
        #expect(throws: BenchMathError.self) { try PCHIPInterpolant(xs: [1, 1, 2], ys: [1, 2, 3]) }
        #expect(throws: BenchMathError.self) { try PCHIPInterpolant(xs: [1], ys: [1]) }
        #expect(throws: BenchMathError.self) { try CubicFitInterpolant(xs: [1, 2, 3], ys: [1, 2, 3]) }
    }
}
