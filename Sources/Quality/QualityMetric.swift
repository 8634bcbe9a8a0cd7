import PluginKit
import QualityKernels

extension PluginKind {
    public static let qualityMetric = PluginKind("quality-metric", order: 30, summary: "scores a distorted video against its reference, frame by frame")
}

extension Capability {
    /// The metric looks at consecutive frames (motion): frames are fed to its accumulator in order.
    public static let temporal = Capability("temporal")
    /// The metric reads only the luma plane.
    public static let lumaOnly = Capability("luma-only")
}

/// The size and layout of the pictures a run compares (both sides are brought to it).
public struct PictureFormat: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let bitDepth: Int
    public let chromaShiftX: Int
    public let chromaShiftY: Int
    public init(width: Int, height: Int, bitDepth: Int, chromaShiftX: Int, chromaShiftY: Int) {
        self.width = width; self.height = height; self.bitDepth = bitDepth
        self.chromaShiftX = chromaShiftX; self.chromaShiftY = chromaShiftY
    }
}

/// What one metric measured on one pair of pictures, before the in-order step: plain values, and
/// an optional payload for the in-order step (a blurred picture for motion, say).
public struct FrameMeasure: Sendable {
    public var values: [Double]
    public var payload: (any Sendable)?
    public init(values: [Double], payload: (any Sendable)? = nil) { self.values = values; self.payload = payload }
}

/// One per-frame series a metric reports, named as ffmpeg-quality-metrics names it where there is
/// a counterpart (`psnr_y`, `ssim_avg`, `vmaf`), with pooled figures the metric defines itself
/// (FFmpeg's PSNR pooled from the mean MSE, say) beside the generic statistics.
public struct MetricSeries: Sendable {
    public let name: String
    public let values: [Double]
    /// Extra pooled figures by name, e.g. `pooled_from_mean_mse`.
    public let pooled: [String: Double]
    public init(name: String, values: [Double], pooled: [String: Double] = [:]) {
        self.name = name; self.values = values; self.pooled = pooled
    }
}

/// One metric's work over one run. `measure` runs on any worker thread, concurrently, for any frame;
/// the accumulator gets the measures in frame order, on one thread.
public protocol MetricSession: Sendable {
    /// `previousReference`: the reference frame decoded just before this one (nil for the first), for
    /// temporal metrics.
    func measure(reference: Picture, distorted: Picture, previousReference: Picture?) throws -> FrameMeasure
    func makeAccumulator() -> any MetricAccumulator
    /// Work that reads the reference alone (VMAF's motion, say), done once per reference frame when
    /// several distorted versions are scored against the same reference (the rungs of a bench) and
    /// handed to `measure(…prepared:)`; nil when the metric has none.
    func prepare(reference: Picture, previousReference: Picture?) throws -> (any Sendable)?
    /// `measure` with what `prepare` returned for this reference frame; same result as `measure`.
    func measure(reference: Picture, distorted: Picture, previousReference: Picture?, prepared: (any Sendable)?) throws -> FrameMeasure
}

extension MetricSession {
    public func prepare(reference: Picture, previousReference: Picture?) throws -> (any Sendable)? { nil }
    public func measure(reference: Picture, distorted: Picture, previousReference: Picture?,
                        prepared: (any Sendable)?) throws -> FrameMeasure {
        try measure(reference: reference, distorted: distorted, previousReference: previousReference)
    }
}

/// Gathers one metric's measures in frame order and turns them into series at the end.
public protocol MetricAccumulator: AnyObject {
    /// Takes frame `index`'s measure; returns the frame's headline value (higher is better) as known
    /// so far, for choosing the worst frames while the run goes on; nil when it has none yet.
    func add(_ measure: FrameMeasure, index: Int) -> Double?
    /// The series, the headline first.
    func finish() -> [MetricSeries]
}

/// A `quality-metric` plugin: PSNR, SSIM, MS-SSIM, VMAF…
public protocol QualityMetric: PipelinePlugin {
    func session(parameters: PluginParameters, format: PictureFormat) throws -> any MetricSession
}

extension QualityMetric {
    public static var kind: PluginKind { .qualityMetric }
}
