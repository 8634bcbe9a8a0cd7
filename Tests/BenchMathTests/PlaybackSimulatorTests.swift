import Foundation
import Testing
@testable import BenchMath

@Suite("ABR playback model")
struct PlaybackSimulatorTests {
    static let region = LadderSelectorTests.southeastAsia
    static let ladder = try! LadderSelector.choose(from: LadderSelectorTests.hull, region: region)
    static let quick = PlaybackConfiguration(segmentsPerSession: 150, viewers: 20)

    @Test("Deterministic for a seed; another seed gives another run")
    func determinism() throws {
        let a = try PlaybackSimulator.simulate(choice: Self.ladder, region: Self.region, configuration: Self.quick, seed: 42)
        let b = try PlaybackSimulator.simulate(choice: Self.ladder, region: Self.region, configuration: Self.quick, seed: 42)
        let c = try PlaybackSimulator.simulate(choice: Self.ladder, region: Self.region, configuration: Self.quick, seed: 43)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("Report is well formed")
    func wellFormed() throws {
        let report = try PlaybackSimulator.simulate(choice: Self.ladder, region: Self.region,
                                                    configuration: Self.quick, seed: 1)
        #expect(report.rungTimeShare.count == Self.ladder.rungs.count)
        #expect(abs(report.rungTimeShare.reduce(0, +) - 1) < 1e-12)
        let qualities = Self.ladder.rungs.map(\.effectiveQuality)
        #expect(report.expectedQuality >= qualities.min()! && report.expectedQuality <= qualities.max()!)
        #expect((0..<1).contains(report.stallRatio) && report.switchesPerMinute >= 0)
        #expect(report.meanStartupSeconds > 0 && report.viewers == 20)
    }

    @Test("More bandwidth: stall ratio not higher, expected VMAF not lower (mean over seeds)")
    func moreBandwidthHelps() throws {
        var previous: (stall: Double, quality: Double)?
        for factor in [0.5, 1.0, 2.0, 4.0] {
            let region = Self.region.scaled(by: factor)
            var stall = 0.0, quality = 0.0
            let seeds: [UInt64] = Array(1...8)
            for seed in seeds {
                let report = try PlaybackSimulator.simulate(choice: Self.ladder, region: region,
                                                            configuration: Self.quick, seed: seed)
                stall += report.stallRatio / Double(seeds.count)
                quality += report.expectedQuality / Double(seeds.count)
            }
            if let previous {
                #expect(stall <= previous.stall + 1e-9, "×\(factor): stall \(stall) vs \(previous.stall)")
                #expect(quality >= previous.quality - 1e-9, "×\(factor): VMAF \(quality) vs \(previous.quality)")
            }
            previous = (stall, quality)
        }
    }

    @Test("A single rung far above bandwidth stalls most of the time")
    func rungAboveBandwidthStalls() throws {
        let rung = RatePoint(bitrateKbps: 40_000, quality: 97, profile: "h264", resolutionHeight: 2160)
        let report = try PlaybackSimulator.simulate(ladder: [rung], region: Self.region,
                                                    configuration: Self.quick, seed: 3)
        #expect(report.stallRatio > 0.5)
        #expect(report.switchesPerMinute == 0 && report.rungTimeShare == [1])
    }

    @Test("A single rung far below bandwidth never stalls")
    func rungBelowBandwidthPlays() throws {
        let rung = RatePoint(bitrateKbps: 50, quality: 30, profile: "h264", resolutionHeight: 240)
        let report = try PlaybackSimulator.simulate(ladder: [rung], region: Self.region,
                                                    configuration: Self.quick, seed: 3)
        #expect(report.stallRatio == 0 && report.expectedQuality == 30)
    }

    @Test("Throughput marginal follows the region's distribution")
    func throughputMarginal() throws {
        let distribution = try Self.region.distribution()
        var samples: [Double] = []
        for viewer in 0..<400 {
            var trace = ThroughputTrace(model: ThroughputModel(), distribution: distribution, seed: UInt64(viewer) &* 7919)
            for slot in 0..<50 {
                trace.advance(to: Double(slot) * 2)
                samples.append(trace.currentKbps)
            }
        }
        samples.sort()
        for item in Self.region.percentiles {
            let empirical = samples[Int(item.probability * Double(samples.count))]
            #expect(abs(log(empirical / item.kbps)) < 0.2, "p\(item.probability): \(empirical) vs \(item.kbps)")
        }
    }

    @Test("Refusals: empty ladder, duplicate rungs, bad configuration, unbounded run")
    func refusals() {
        #expect(throws: BenchMathError.self) { try PlaybackSimulator.simulate(ladder: [], region: Self.region, seed: 1) }
        let rung = RatePoint(bitrateKbps: 1000, quality: 80)
        #expect(throws: BenchMathError.self) {
            try PlaybackSimulator.simulate(ladder: [rung, rung], region: Self.region, seed: 1)
        }
        var config = Self.quick
        config.policy = BufferBasedPolicy(reservoirSeconds: 20, cushionSeconds: 20)
        #expect(throws: BenchMathError.self) {
            try PlaybackSimulator.simulate(ladder: [rung], region: Self.region, configuration: config, seed: 1)
        }
        let absurd = RatePoint(bitrateKbps: 1e12, quality: 99)
        #expect(throws: BenchMathError.self) { try PlaybackSimulator.simulate(ladder: [absurd], region: Self.region, seed: 1) }
    }

    @Test("Extreme magnitudes throw instead of trapping or looping")
    func extremes() {
        let huge = RatePoint(bitrateKbps: 1e308, quality: 99)
        #expect(throws: BenchMathError.self) { try PlaybackSimulator.simulate(ladder: [huge], region: Self.region, seed: 1) }
        let tiny = RegionNetworkProfile(name: "tiny", percentiles: [BandwidthPercentile(probability: 0.5, kbps: .leastNonzeroMagnitude)],
                                        mobileShare: 0)
        let rung = RatePoint(bitrateKbps: 1000, quality: 80)
        #expect(throws: BenchMathError.self) { try PlaybackSimulator.simulate(ladder: [rung], region: tiny, seed: 1) }
        #expect(throws: BenchMathError.self) { try LadderSelector.choose(from: [rung], region: tiny) }
    }
}

@Suite("Buffer-based policy (BBA-0)")
struct BufferBasedPolicyTests {
    let policy = BufferBasedPolicy(reservoirSeconds: 5, cushionSeconds: 20)
    let rates = [300.0, 800, 1500, 3000, 6000]

    @Test("Reservoir forces the lowest rung, full cushion the highest")
    func extremes() {
        #expect(policy.nextRung(bufferSeconds: 4, previous: 4, bitratesKbps: rates) == 0)
        #expect(policy.nextRung(bufferSeconds: 25, previous: 0, bitratesKbps: rates) == 4)
    }

    @Test("Hysteresis: stays until the rate map passes a neighbouring rung")
    func hysteresis() {
        // f(B) at 12 s: 300 + 5700 × 7/20 = 2295 kbps.
        #expect(policy.nextRung(bufferSeconds: 12, previous: 2, bitratesKbps: rates) == 2)
        #expect(policy.nextRung(bufferSeconds: 12, previous: 0, bitratesKbps: rates) == 2)
        #expect(policy.nextRung(bufferSeconds: 12, previous: 4, bitratesKbps: rates) == 3)
        #expect(policy.nextRung(bufferSeconds: 12, previous: 3, bitratesKbps: rates) == 3)
        #expect(policy.nextRung(bufferSeconds: 12, previous: 1, bitratesKbps: rates) == 2)
    }

    @Test("The rung never falls as the buffer grows, from a fixed previous rung")
    func monotoneInBuffer() {
        for previous in rates.indices {
            var last = 0
            for buffer in stride(from: 0.0, through: 30, by: 0.25) {
                let rung = policy.nextRung(bufferSeconds: buffer, previous: previous, bitratesKbps: rates)
                #expect(rung >= last)
                last = rung
            }
        }
    }
}
