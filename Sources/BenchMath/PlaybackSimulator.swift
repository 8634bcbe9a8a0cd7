import Foundation
import SplitMix

/// Adaptive-bitrate playback model: simulates viewers of a region streaming a ladder with a
/// buffer-based player, deterministic for a given seed.
///
/// Each viewer: throughput follows `ThroughputModel` over the region's bandwidth; segments
/// are fetched one after another, the first at the lowest rung, each next one at the rung
/// `BufferBasedPolicy` picks from the buffer level. While a segment downloads the buffer
/// drains; if it empties, the player stalls until the segment arrives (time before the first
/// segment is startup delay, not a stall). When the buffer is full the player idles. Quality
/// of a segment is its rung's `effectiveQuality(mobileShare:)`. The safety margin is not used:
/// BBA steers by buffer, not by throughput estimates.
public enum PlaybackSimulator {
    /// Simulates `configuration.viewers` sessions of `ladder` (any order; bitrates distinct).
    /// - Throws: invalid ladder, region or configuration; `invalidParameter` when the top rung
    ///   is so far above the worst bandwidth that the simulation would not end in reasonable time.
    public static func simulate(ladder: [RatePoint], region: RegionNetworkProfile,
                                configuration: PlaybackConfiguration = PlaybackConfiguration(),
                                seed: UInt64) throws -> PlaybackReport {
        let rungs = try validatedLadder(ladder)
        try configuration.validate()
        let distribution = try region.distribution()
        let bitrates = rungs.map(\.bitrateKbps)
        let qualities = rungs.map { $0.effectiveQuality(mobileShare: region.mobileShare) }
        let worstSlots = Double(configuration.segmentsPerSession) * configuration.segmentSeconds
            * ((bitrates.last ?? 0) / distribution.quantile(0)) / configuration.throughput.slotSeconds
        guard worstSlots <= 5e6 else {
            throw BenchMathError.invalidParameter(
                name: "ladder", detail: "top rung would need ~\(worstSlots) throughput slots per session at the region's "
                    + "worst bandwidth; refusing an unbounded simulation")
        }
        var master = SeededGenerator(seed: seed)
        var total = SessionTally(rungCount: rungs.count)
        for _ in 0..<configuration.viewers {
            var trace = ThroughputTrace(model: configuration.throughput, distribution: distribution,
                                        seed: master.next())
            total.add(session(bitrates: bitrates, qualities: qualities, trace: &trace, configuration: configuration))
        }
        return total.report(ladder: rungs, viewers: configuration.viewers)
    }

    /// Simulates on the rungs of a chosen ladder.
    public static func simulate(choice: LadderChoice, region: RegionNetworkProfile,
                                configuration: PlaybackConfiguration = PlaybackConfiguration(),
                                seed: UInt64) throws -> PlaybackReport {
        try simulate(ladder: choice.rungs.map(\.point), region: region, configuration: configuration, seed: seed)
    }

    private static func validatedLadder(_ ladder: [RatePoint]) throws -> [RatePoint] {
        guard !ladder.isEmpty else { throw BenchMathError.tooFewPoints(what: "ladder", count: 0, minimum: 1) }
        for (index, point) in ladder.enumerated() { try point.validate("ladder rung \(index)") }
        let sorted = ladder.sorted { $0.bitrateKbps < $1.bitrateKbps }
        for index in sorted.indices.dropFirst() where sorted[index].bitrateKbps == sorted[index - 1].bitrateKbps {
            throw BenchMathError.invalidParameter(
                name: "ladder", detail: "two rungs at \(sorted[index].bitrateKbps) kbps")
        }
        return sorted
    }

    /// One viewer's session.
    private static func session(bitrates: [Double], qualities: [Double], trace: inout ThroughputTrace,
                                configuration: PlaybackConfiguration) -> SessionTally {
        var tally = SessionTally(rungCount: bitrates.count)
        var clock = 0.0, buffer = 0.0, rung = 0
        let segment = configuration.segmentSeconds
        for index in 0..<configuration.segmentsPerSession {
            if index > 0 {
                let next = configuration.policy.nextRung(bufferSeconds: buffer, previous: rung,
                                                         bitratesKbps: bitrates)
                if next != rung { tally.switches += 1 }
                rung = next
            }
            let finish = trace.download(kilobits: bitrates[rung] * segment, from: clock)
            let elapsed = finish - clock
            clock = finish
            if index == 0 {
                tally.startupSeconds += elapsed
            } else if elapsed > buffer {
                tally.stallSeconds += elapsed - buffer
                tally.rebufferEvents += 1
                buffer = 0
            } else {
                buffer -= elapsed
            }
            buffer += segment
            if buffer > configuration.bufferCapacitySeconds {
                clock += buffer - configuration.bufferCapacitySeconds
                buffer = configuration.bufferCapacitySeconds
            }
            tally.segmentsAtRung[rung] += 1
            tally.qualitySum += qualities[rung]
            tally.playedSeconds += segment
        }
        return tally
    }

    /// Running sums over one or many sessions.
    private struct SessionTally {
        var segmentsAtRung: [Int]
        var qualitySum = 0.0, playedSeconds = 0.0, stallSeconds = 0.0, startupSeconds = 0.0
        var switches = 0, rebufferEvents = 0

        init(rungCount: Int) { segmentsAtRung = [Int](repeating: 0, count: rungCount) }

        mutating func add(_ other: SessionTally) {
            for index in segmentsAtRung.indices { segmentsAtRung[index] += other.segmentsAtRung[index] }
            qualitySum += other.qualitySum
            playedSeconds += other.playedSeconds
            stallSeconds += other.stallSeconds
            startupSeconds += other.startupSeconds
            switches += other.switches
            rebufferEvents += other.rebufferEvents
        }

        func report(ladder: [RatePoint], viewers: Int) -> PlaybackReport {
            let segments = Double(segmentsAtRung.reduce(0, +))
            return PlaybackReport(
                ladder: ladder, expectedQuality: qualitySum / segments,
                rungTimeShare: segmentsAtRung.map { Double($0) / segments },
                stallRatio: stallSeconds / (playedSeconds + stallSeconds),
                switchesPerMinute: Double(switches) / (playedSeconds / 60),
                meanStartupSeconds: startupSeconds / Double(viewers),
                meanRebufferEvents: Double(rebufferEvents) / Double(viewers), viewers: viewers)
        }
    }
}
