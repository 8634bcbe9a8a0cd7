import PluginKit
import Quality
import QualityKernels

/// PSNR as FFmpeg's `psnr` filter reports it: per plane and the pixel-count-weighted average, per
/// frame; pooled from the mean MSE over frames (FFmpeg's summary) and as the mean of frame values.
public struct PSNRMetric: QualityMetric {
    public static let metadata = PluginMetadata(
        name: "psnr", kind: .qualityMetric,
        summary: "PSNR per plane (Y, U, V) and weighted average, as FFmpeg's psnr filter; pooled from the mean MSE")
    public init() {}

    public func session(parameters: PluginParameters, format: PictureFormat) throws -> any MetricSession { Session() }

    struct Session: MetricSession {
        func measure(reference: Picture, distorted: Picture) throws -> FrameMeasure {
            FrameMeasure(values: [], payload: try PSNR.frame(reference: reference, distorted: distorted))
        }
        func makeAccumulator() -> any MetricAccumulator { Accumulator() }
    }

    final class Accumulator: MetricAccumulator {
        var frames: [PSNRFrame] = []
        func add(_ m: FrameMeasure, index: Int) -> Double? {
            guard let f = m.payload as? PSNRFrame else { return nil }
            frames.append(f)
            return f.psnrAverage
        }
        func finish() -> [MetricSeries] {
            guard let s = PSNRSummary(frames: frames) else { return [] }
            let series: [(String, (PSNRFrame) -> Double, Double)] = [
                ("psnr_avg", \.psnrAverage, s.average), ("psnr_y", \.psnr.y, s.psnr.y),
                ("psnr_u", \.psnr.u, s.psnr.u), ("psnr_v", \.psnr.v, s.psnr.v),
            ]
            let mse: [(String, (PSNRFrame) -> Double)] = [
                ("mse_avg", \.mseAverage), ("mse_y", \.mse.y), ("mse_u", \.mse.u), ("mse_v", \.mse.v),
            ]
            return series.map { name, value, pooled in
                MetricSeries(name: name, values: frames.map(value), pooled: ["pooled_from_mean_mse": pooled])
            } + mse.map { name, value in MetricSeries(name: name, values: frames.map(value)) }
        }
    }
}
