import BenchMath
import Foundation
import PluginKit
import Quality
import Support

/// results.json's payload: the source as read, how it was sampled, the encoder settings, every
/// point with its settings and figures, the hulls, the BD-rates and what is missing. It goes out on
/// the shared envelope (docs/output-format.md, kind `bench`); the options are in `inputs`.
struct BenchJSON: Encodable {
    struct Source: Encodable {
        let path: String, width_px: Int, height_px: Int, pixel_format: String, codec: String
        let frame_rate_fps: JSONNumber, duration_s: JSONNumber
    }
    struct Window: Encodable { let start_s: JSONNumber; let duration_s: JSONNumber }
    struct Sampling: Encodable { let mode: String; let note: String; let windows: [Window]; let decoding_passes: Int }
    struct Encoder: Encodable {
        let name: String, plugin: String?, encoder: String, codec: String, preset: String, rate_control: String
        let crf: Int?, maxrate_factor: Double?, bufsize_factor: Double?, gop_s: Double, tune: String?
    }
    /// A series' figures; one that is not finite (PSNR of identical planes is infinite) is left out.
    struct Score: Encodable { let pooled: JSONNumber?; let percentile_1: JSONNumber?; let percentile_5: JSONNumber?; let min: JSONNumber? }
    struct Point: Encodable {
        let profile: String, encoder: String, codec: String, preset: String, rate_control: String
        let width_px: Int, height_px: Int, target_bitrate_kbps: Int
        let achieved_bitrate_kbps: JSONNumber, peak_bitrate_kbps: JSONNumber
        let frames: Int, keyframes: Int, encode_fps: JSONNumber, realtime: Bool
        let quality: JSONNumber, quality_p1: JSONNumber, quality_p5: JSONNumber, phone_quality: JSONNumber?
        let on_hull: Bool
        let scores: [String: Score]
        let settings: [String: String]
    }
    struct HullPoint: Encodable { let height_px: Int; let bitrate_kbps: JSONNumber; let quality: JSONNumber }
    struct BDRate: Encodable {
        let profile: String, baseline: String, scope: String
        let bd_rate_percent: JSONNumber?, overlap_quality: [JSONNumber]?, relative_overlap: JSONNumber?
        let meets_recommended_overlap: Bool?, interpolation: String, problem: String?
    }
    struct Missing: Encodable { let profile: String; let height_px: Int?; let target_bitrate_kbps: Int?; let reason: String }

    let source: Source
    let sampling: Sampling
    let encoders: [Encoder]
    let wall_time_s: JSONNumber
    let points: [Point]
    let hulls: [String: [HullPoint]]
    let bd_rates: [BDRate]
    let missing: [Missing]
    let warnings: [String]
}

extension BenchJSON {
    /// What made the results: the source, the regions, the encoder-profile plugins and every option.
    static func inputs(_ job: BenchJob, presets: [String]) -> OutputInputs {
        let settings: [String: OutputValue] = [
            "resolutions_px": .list(job.resolutions.map(OutputValue.integer)),
            "bitrates_kbps": .list(job.bitratesKbps.map(OutputValue.integer)),
            "encoders": .strings(job.profiles.map(\.preset.name)),
            "quality_metric": .string(job.qualitySeries), "baseline": .string(job.baseline),
            "bd_interpolation": .string(job.interpolation.rawValue), "concurrent_rungs": .integer(job.concurrency),
        ]
        let plugins = job.profiles.compactMap { p in p.plugin.map { PluginUse($0.metadata, parameters: nil) } }
        var seen = Set<String>()
        return OutputInputs(source: job.source, regions: job.regions.map(\.name), presets: presets,
                            plugins: plugins.filter { seen.insert($0.name).inserted }, settings: settings)
    }

    init(_ run: BenchRun) {
        let m = run.measurements, a = run.analysis, job = run.job
        let s = m.source
        source = Source(path: s.path, width_px: s.width, height_px: s.height, pixel_format: s.pixelFormat, codec: s.codec,
                        frame_rate_fps: JSONNumber(s.frameRate, places: 3), duration_s: JSONNumber(s.duration, places: 3))
        sampling = Sampling(mode: m.sampled ? "sampled" : "full", note: m.samplingNote,
                            windows: m.windows.map { Window(start_s: JSONNumber($0.start, places: 3), duration_s: JSONNumber($0.seconds, places: 3)) },
                            decoding_passes: m.decodingPasses)
        encoders = job.profiles.map { p in
            let e = p.preset
            return Encoder(name: e.name, plugin: p.plugin?.metadata.name, encoder: e.encoder, codec: e.codec, preset: e.preset,
                           rate_control: e.rate_control, crf: e.crf, maxrate_factor: e.maxrate_factor,
                           bufsize_factor: e.bufsize_factor, gop_s: e.gop_seconds, tune: e.tune)
        }
        wall_time_s = JSONNumber(m.seconds, places: 3)
        points = m.points.map { Self.point($0, onHull: a.onHull($0)) }
        hulls = a.hulls.mapValues { h in
            h.hullPoints.map { HullPoint(height_px: $0.resolutionHeight, bitrate_kbps: JSONNumber($0.bitrateKbps, places: 3), quality: JSONNumber($0.quality, places: 4)) }
        }
        bd_rates = a.bdRates.map { e in
            BDRate(profile: e.profile, baseline: e.baseline, scope: e.scope,
                   bd_rate_percent: e.result.map { JSONNumber($0.value, places: 4) },
                   overlap_quality: e.result.map { [JSONNumber($0.overlap.lowerBound, places: 4), JSONNumber($0.overlap.upperBound, places: 4)] },
                   relative_overlap: e.result.map { JSONNumber($0.relativeOverlap, places: 4) },
                   meets_recommended_overlap: e.result?.meetsRecommendedOverlap, interpolation: a.interpolation.rawValue, problem: e.problem)
        }
        missing = m.missing.map { Missing(profile: $0.profile, height_px: $0.heightPx, target_bitrate_kbps: $0.targetKbps, reason: $0.reason) }
        warnings = m.warnings
    }

    static func point(_ p: BenchPoint, onHull: Bool) -> Point {
        Point(profile: p.profile, encoder: p.encoder, codec: p.codec, preset: p.preset, rate_control: p.rateControl,
              width_px: p.widthPx, height_px: p.heightPx, target_bitrate_kbps: p.targetKbps,
              achieved_bitrate_kbps: JSONNumber(p.achievedKbps, places: 3), peak_bitrate_kbps: JSONNumber(p.peakKbps, places: 3),
              frames: p.frames, keyframes: p.keyframes, encode_fps: JSONNumber(p.encodeFPS, places: 2), realtime: p.realtime,
              quality: JSONNumber(p.quality, places: 4), quality_p1: JSONNumber(p.qualityP1, places: 4),
              quality_p5: JSONNumber(p.qualityP5, places: 4), phone_quality: p.phoneQuality.map { JSONNumber($0, places: 4) },
              on_hull: onHull,
              scores: p.scores.mapValues { Score(pooled: JSONNumber(finite: $0.pooled, places: 4),
                                                 percentile_1: JSONNumber(finite: $0.percentile1, places: 4),
                                                 percentile_5: JSONNumber(finite: $0.percentile5, places: 4),
                                                 min: JSONNumber(finite: $0.min, places: 4)) },
              settings: p.settings)
    }
}
