import Foundation
import QualityKernels

/// One measured point: a profile at one resolution and target bitrate, with its settings and
/// figures (achieved and peak bitrate, encode speed, quality pooled and at the 1st/5th percentile).
public struct BenchPoint: Sendable, Codable, Hashable {
    /// One metric's figures over the rung's frames.
    public struct Score: Sendable, Codable, Hashable {
        /// The pooled value (PSNR: from the mean MSE, as FFmpeg's summary; others: the mean).
        public let pooled: Double
        public let percentile1: Double
        public let percentile5: Double
        public let min: Double
    }

    public let profile: String
    public let encoder: String
    public let codec: String
    public let preset: String
    public let rateControl: String
    public let widthPx: Int
    public let heightPx: Int
    public let targetKbps: Int
    /// The encoder options as set (preset, b, maxrate, bufsize, crf…) and the GOP in frames.
    public let settings: [String: String]
    public let frames: Int
    public let achievedKbps: Double
    /// The highest bitrate over any one second of the encoded stream.
    public let peakKbps: Double
    public let keyframes: Int
    /// Frames per second through scaling and encoding on the rung's thread.
    public let encodeFPS: Double
    /// `encodeFPS` at least the source's frame rate.
    public let realtime: Bool
    /// Figures by series name: `psnr_y`, `psnr_avg`, `ssim_avg`, `vmaf`, `vmaf_phone`.
    public let scores: [String: Score]
    /// The curves' quality (the job's quality series, pooled) and its low percentiles.
    public let quality: Double
    public let qualityP1: Double
    public let qualityP5: Double
    public let phoneQuality: Double?

    public var key: String { "\(profile)/\(heightPx)p/\(targetKbps)k" }
}

extension BenchPoint.Score {
    /// Pools a series; PSNR's pooled value is the one from the mean MSE when the metric gave it.
    init?(_ values: [Double], pooled extra: Double?) {
        guard let p = PooledStatistics(values) else { return nil }
        pooled = extra ?? p.mean
        percentile1 = p.percentile1; percentile5 = p.percentile5; min = p.min
    }
}
