import Support
import PluginKit
import Quality
import QualityKernels

/// MS-SSIM as libvmaf's `float_ms_ssim`: five scales, 11x11 Gaussian (σ 1.5), luma only.
public struct MSSSIMMetric: QualityMetric {
    public static let metadata = PluginMetadata(
        name: "ms-ssim", kind: .qualityMetric,
        summary: "multi-scale SSIM of the luma, as libvmaf's float_ms_ssim (5 scales, 11x11 Gaussian)",
        capabilities: [.lumaOnly])
    public init() {}

    public func session(parameters: PluginParameters, format: PictureFormat) throws -> any MetricSession {
        guard MSSSIM.fitsAllScales(width: format.width, height: format.height) else {
            throw MarqueeError.usage("ms-ssim needs pictures of at least 176x176 (five halvings of an 11x11 window); these are \(format.width)x\(format.height)")
        }
        return Session()
    }

    struct Session: MetricSession {
        func measure(reference: Picture, distorted: Picture) throws -> FrameMeasure {
            FrameMeasure(values: [try MSSSIM.luma(reference: reference.y, distorted: distorted.y).score])
        }
        func makeAccumulator() -> any MetricAccumulator { SeriesAccumulator(names: ["ms_ssim"]) }
    }
}
