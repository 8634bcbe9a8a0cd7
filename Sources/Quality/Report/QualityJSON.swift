import Foundation
import PluginKit
import QualityKernels
import Support

/// The payload of quality.json (kind `quality`, docs/output-format.md): every compared frame's
/// values and every series' pooled statistics. Series and statistic names follow
/// ffmpeg-quality-metrics where it has them (`psnr_y`, `ssim_avg`, `vmaf`; `average`, `min`, `max`,
/// `stdev`), so its users can switch. Values are rounded to 4 decimals; a value that is not finite
/// (an identical frame's PSNR) is left out of its frame.
struct QualityPayload: Encodable {
    struct VideoFacts: Encodable {
        let path: String, width: Int, height: Int, pixel_format: String, frame_rate_fps: Double, codec: String, frames_read: Int
    }
    struct Compared: Encodable { let width: Int, height: Int, layout: String, offset_frames: Int, alignment: String }
    struct Worst: Encodable {
        let frame: Int, time_s: Double, score: Double, reference_image: String, distorted_image: String
    }

    let reference: VideoFacts
    let distorted: VideoFacts
    let compared: Compared
    let frames_compared: Int
    let wall_s: Double
    let frames_per_s: Double
    let headline: String
    let pooled: [String: [String: Double]]
    let frames: [FrameRow]
    let worst_frames: [Worst]
    let warnings: [String]
}

/// One compared frame: where it is, then every finite series value by name.
struct FrameRow: Encodable {
    let n: Int, frame: Int, time_s: Double
    let values: [(String, Double)]

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(n, forKey: DynamicKey("n"))
        try c.encode(frame, forKey: DynamicKey("frame"))
        try c.encode(Rounded.seconds(time_s), forKey: DynamicKey("time_s"))
        for (k, v) in values where v.isFinite { try c.encode(Rounded.ratio(v), forKey: DynamicKey(k)) }
    }
}

/// A coding key made from a name at run time (series names, settings by name).
public struct DynamicKey: CodingKey {
    public let stringValue: String
    public init(_ s: String) { stringValue = s }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public var intValue: Int? { nil }
    public init?(intValue: Int) { nil }
}

extension QualityReport {
    static func inputs(_ job: QualityJob) -> OutputInputs {
        var settings: [String: OutputValue] = ["subsample": .integer(job.subsample), "scaling": .string("\(job.scaling)")]
        switch job.alignment {
        case .offset(let o): settings["offset_frames"] = .integer(o)
        case .auto(let w): settings["align"] = .string("auto"); settings["align_window_frames"] = .integer(w)
        }
        if let m = job.maxFrames { settings["max_frames"] = .integer(m) }
        for (side, input) in [("reference", job.reference), ("distorted", job.distorted)] {
            if let raw = input.raw {
                settings["\(side)_raw"] = .string("\(raw.width)x\(raw.height) \(raw.pixelFormat) \(raw.frameRate) fps")
            }
        }
        return OutputInputs(reference: job.reference.path, distorted: job.distorted.path,
                            plugins: job.metrics.map { PluginUse($0.plugin.metadata, parameters: $0.parameters) },
                            settings: settings)
    }

    static func payload(_ r: QualityResult) -> QualityPayload {
        func facts(_ f: QualityResult.InputFacts) -> QualityPayload.VideoFacts {
            .init(path: f.path, width: f.width, height: f.height, pixel_format: f.pixelFormat,
                  frame_rate_fps: Rounded.places(f.frameRate, 3), codec: f.codec, frames_read: f.framesRead)
        }
        var pooled: [String: [String: Double]] = [:]
        for s in r.series {
            guard let p = r.pooled[s.name] else { continue }
            var stats = ["average": p.mean, "harmonic_mean": p.harmonicMean, "min": p.min, "max": p.max,
                         "stdev": p.standardDeviation, "percentile_1": p.percentile1, "percentile_5": p.percentile5]
            stats.merge(s.pooled) { a, _ in a }
            pooled[s.name] = stats.filter { $0.value.isFinite }.mapValues(Rounded.ratio)
        }
        let rows = (0..<r.framesCompared).map { i in
            FrameRow(n: i, frame: r.frames[i], time_s: r.times[i],
                     values: r.series.map { ($0.name, i < $0.values.count ? $0.values[i] : .nan) })
        }
        let worst = r.worst.enumerated().map { i, w in
            QualityPayload.Worst(frame: w.referenceFrame, time_s: Rounded.seconds(w.time), score: Rounded.ratio(w.score),
                                 reference_image: imageName(i, "reference"), distorted_image: imageName(i, "distorted"))
        }
        return QualityPayload(
            reference: facts(r.reference), distorted: facts(r.distorted),
            compared: .init(width: r.comparedWidth, height: r.comparedHeight, layout: r.layout.description,
                            offset_frames: r.offset, alignment: r.alignment),
            frames_compared: r.framesCompared, wall_s: Rounded.seconds(r.seconds),
            frames_per_s: Rounded.places(r.framesPerSecond, 2), headline: r.headline,
            pooled: pooled, frames: rows, worst_frames: worst, warnings: r.warnings)
    }
}
