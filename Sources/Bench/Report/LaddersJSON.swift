import BenchMath
import Foundation
import Quality

/// ladders.json: per region, the network model, every profile's best ladder (rungs with the share
/// of viewers each serves), its simulated playback (time at each rung, stalls) and the bitrate the
/// best profile saves over the baseline at equal quality. The payload of the `bench-ladders` document.
struct LaddersJSON: Encodable {
    struct Network: Encodable {
        let p10_kbps: JSONNumber, p25_kbps: JSONNumber, p50_kbps: JSONNumber, p75_kbps: JSONNumber, p90_kbps: JSONNumber
        let mobile_share: JSONNumber, safety_margin: JSONNumber
    }
    struct Rung: Encodable {
        let height_px: Int, bitrate_kbps: JSONNumber, quality: JSONNumber, effective_quality: JSONNumber
        let required_bandwidth_kbps: JSONNumber, serves_from_percentile: JSONNumber, viewer_share: JSONNumber
        let playback_time_share: JSONNumber?
    }
    struct Playback: Encodable {
        let expected_quality: JSONNumber, stall_ratio: JSONNumber, switches_per_minute: JSONNumber
        let mean_startup_s: JSONNumber, mean_rebuffer_events: JSONNumber, viewers: Int
    }
    struct Ladder: Encodable {
        let profile: String, expected_quality: JSONNumber?, stall_share: JSONNumber?
        let rungs: [Rung], playback: Playback?, problem: String?
    }
    struct Saving: Encodable {
        let quality: JSONNumber, baseline_kbps: JSONNumber, candidate_kbps: JSONNumber, saved_percent: JSONNumber, weight: JSONNumber
    }
    struct Savings: Encodable {
        let baseline: String, candidate: String?, weighted_mean_saved_percent: JSONNumber?, bd_rate_percent: JSONNumber?
        let at_quality: [Saving], skipped_qualities: [JSONNumber], note: String
    }
    struct Region: Encodable {
        let region: String, display_name: String, network: Network
        let best_profile: String?, ladders: [Ladder], savings: Savings
    }
    struct Skipped: Encodable { let region: String; let reason: String }
    let quality_metric: String
    let baseline: String
    let bd_interpolation: String
    let max_rungs: Int
    let regions: [Region]
    let skipped_regions: [Skipped]
}

extension LaddersJSON {
    init(_ run: BenchRun) {
        let a = run.analysis
        quality_metric = a.qualitySeries; baseline = a.baseline
        bd_interpolation = a.interpolation.rawValue; max_rungs = LadderObjective().maxRungs
        regions = a.regions.map(Self.region)
        skipped_regions = a.skippedRegions.map { Skipped(region: $0.name, reason: $0.reason) }
    }

    private static func n(_ v: Double, _ places: Int = 4) -> JSONNumber { JSONNumber(v, places: places) }

    private static func region(_ r: BenchAnalysis.RegionResult) -> Region {
        let p = r.network.percentiles.map(\.kbps) + [Double](repeating: 0, count: 5)
        let network = Network(p10_kbps: n(p[0]), p25_kbps: n(p[1]), p50_kbps: n(p[2]), p75_kbps: n(p[3]), p90_kbps: n(p[4]),
                              mobile_share: n(r.network.mobileShare), safety_margin: n(r.network.safetyMargin))
        let ladders = r.ladders.map { l in
            Ladder(profile: l.profile, expected_quality: l.choice.map { n($0.expectedQuality) },
                   stall_share: l.choice.map { n($0.stallShare) },
                   rungs: (l.choice?.rungs ?? []).enumerated().map { i, g in
                       Rung(height_px: g.point.resolutionHeight, bitrate_kbps: n(g.point.bitrateKbps, 3), quality: n(g.point.quality),
                            effective_quality: n(g.effectiveQuality), required_bandwidth_kbps: n(g.requiredBandwidthKbps, 3),
                            serves_from_percentile: n(g.servesFromPercentile), viewer_share: n(g.viewerShare),
                            playback_time_share: l.playback.flatMap { i < $0.rungTimeShare.count ? n($0.rungTimeShare[i]) : nil })
                   },
                   playback: l.playback.map {
                       Playback(expected_quality: n($0.expectedQuality), stall_ratio: n($0.stallRatio, 6),
                                switches_per_minute: n($0.switchesPerMinute), mean_startup_s: n($0.meanStartupSeconds, 3),
                                mean_rebuffer_events: n($0.meanRebufferEvents), viewers: $0.viewers)
                   }, problem: l.problem)
        }
        let s = r.savings
        let savings = Savings(baseline: r.baseline, candidate: r.best,
                              weighted_mean_saved_percent: s?.weightedMeanSavedPercent.map { n($0) },
                              bd_rate_percent: s?.overallBDRate.map { n($0.value) },
                              at_quality: (s?.entries ?? []).map {
                                  Saving(quality: n($0.quality), baseline_kbps: n($0.baselineKbps, 3), candidate_kbps: n($0.candidateKbps, 3),
                                         saved_percent: n($0.savedPercent), weight: n($0.weight))
                              }, skipped_qualities: (s?.skippedQualities ?? []).map { n($0) }, note: r.savingsNote)
        return Region(region: r.region.name, display_name: r.region.displayName, network: network,
                      best_profile: r.best, ladders: ladders, savings: savings)
    }
}
