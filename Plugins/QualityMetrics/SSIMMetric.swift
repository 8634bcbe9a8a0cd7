import PluginKit
import Quality
import QualityKernels

/// SSIM as FFmpeg's `ssim` filter: x264-style overlapping 8x8 windows from 4x4 sums, per plane and
/// "All" weighted by pixel counts, with the dB form.
public struct SSIMMetric: QualityMetric {
    public static let metadata = PluginMetadata(
        name: "ssim", kind: .qualityMetric,
        summary: "SSIM per plane and All (FFmpeg's ssim filter definition), with the dB form")
    public init() {}

    public func session(parameters: PluginParameters, format: PictureFormat) throws -> any MetricSession { Session() }

    struct Session: MetricSession {
        func measure(reference: Picture, distorted: Picture, previousReference: Picture?) throws -> FrameMeasure {
            Self.values(try SSIM.frame(reference: reference, distorted: distorted))
        }
        /// The reference's block sums, once per frame for every rung of a bench.
        func prepare(reference: Picture, previousReference: Picture?) throws -> (any Sendable)? {
            try SSIM.prepare(reference: reference)
        }
        func measure(reference: Picture, distorted: Picture, previousReference: Picture?,
                     prepared: (any Sendable)?) throws -> FrameMeasure {
            guard let shared = prepared as? SSIMFrameReference else {
                return try measure(reference: reference, distorted: distorted, previousReference: previousReference)
            }
            return Self.values(try SSIM.frame(reference: reference, distorted: distorted, shared: shared))
        }
        static func values(_ f: SSIMFrame) -> FrameMeasure {
            FrameMeasure(values: [f.all, f.ssim.y, f.ssim.u, f.ssim.v, f.allDecibels])
        }
        func makeAccumulator() -> any MetricAccumulator {
            SeriesAccumulator(names: ["ssim_avg", "ssim_y", "ssim_u", "ssim_v", "ssim_avg_db"])
        }
    }
}

/// Keeps each frame's values in series, in order; the first is the headline.
final class SeriesAccumulator: MetricAccumulator {
    let names: [String]
    var values: [[Double]]
    init(names: [String]) { self.names = names; values = names.map { _ in [] } }
    func add(_ m: FrameMeasure, index: Int) -> Double? {
        for i in names.indices { values[i].append(i < m.values.count ? m.values[i] : .nan) }
        return m.values.first
    }
    func finish() -> [MetricSeries] { zip(names, values).map { MetricSeries(name: $0, values: $1) } }
}
