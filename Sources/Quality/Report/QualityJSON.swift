import Foundation
import QualityKernels

/// quality.json: every compared frame's values and every series' pooled statistics, in the shape of
/// docs/output-format.md (snake_case, units in names, schema_version, tool, created_at, inputs).
/// Series and statistic names follow ffmpeg-quality-metrics where it has them (`psnr_y`, `ssim_avg`,
/// `vmaf`; `average`, `min`, `max`, `stdev`), so its users can switch.
struct QualityJSON: Encodable {
    struct Tool: Encodable { let name: String; let version: String }
    struct InputFacts: Encodable {
        let path: String, width: Int, height: Int, pixel_format: String, frame_rate_fps: Double, codec: String, frames_read: Int
    }
    struct MetricChoice: Encodable { let name: String; let parameters: [String: String] }
    struct Inputs: Encodable {
        let reference: InputFacts, distorted: InputFacts
        let metrics: [MetricChoice]
        let offset_frames: Int, alignment: String, subsample: Int
        let compared_width: Int, compared_height: Int, compared_layout: String
    }
    struct Pooled: Encodable {
        let average: Double, harmonic_mean: Double, min: Double, max: Double, stdev: Double
        let percentile_1: Double, percentile_5: Double
        let extra: [String: Double]
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            for (k, v) in [("average", average), ("harmonic_mean", harmonic_mean), ("min", min), ("max", max),
                           ("stdev", stdev), ("percentile_1", percentile_1), ("percentile_5", percentile_5)] + extra.map({ ($0, $1) }) {
                try c.encode(JSONNumber(v), forKey: DynamicKey(k))
            }
        }
    }
    struct Worst: Encodable {
        let frame: Int, time_s: Double, score: Double, reference_image: String, distorted_image: String
    }

    let schema_version = "1"
    let kind = "quality"
    let tool: Tool
    let created_at: String
    let inputs: Inputs
    let frames_compared: Int
    let wall_time_s: Double
    let frames_per_s: Double
    let headline: String
    let pooled: [String: Pooled]
    let frames: [FrameRow]
    let worst_frames: [Worst]
    let warnings: [String]
}

/// One compared frame: where it is, then every series' value by name.
struct FrameRow: Encodable {
    let n: Int, frame: Int, time_s: Double
    let values: [(String, Double)]
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(n, forKey: DynamicKey("n"))
        try c.encode(frame, forKey: DynamicKey("frame"))
        try c.encode(JSONNumber(time_s, places: 3), forKey: DynamicKey("time_s"))
        for (k, v) in values { try c.encode(JSONNumber(v), forKey: DynamicKey(k)) }
    }
}

public struct DynamicKey: CodingKey {
    public let stringValue: String
    public init(_ s: String) { stringValue = s }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public var intValue: Int? { nil }
    public init?(intValue: Int) { nil }
}

/// A number written with at most `places` decimals (no 104.89999999999999), or null when it is not
/// finite (an identical frame's PSNR is infinite; JSON has no infinity).
public struct JSONNumber: Encodable, Sendable {
    public let value: Double
    public let places: Int
    public init(_ value: Double, places: Int = 6) { self.value = value; self.places = places }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        guard value.isFinite else { try c.encodeNil(); return }
        let scale = pow(10, Double(places))
        try c.encode(Decimal(string: String(format: "%.\(places)f", (value * scale).rounded() / scale)) ?? Decimal(value))
    }
}
