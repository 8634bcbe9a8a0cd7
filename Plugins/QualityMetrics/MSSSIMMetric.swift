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
        let workspaces = WorkspacePool { MSSSIMWorkspace() }
        func measure(reference: Picture, distorted: Picture, previousReference: Picture?) throws -> FrameMeasure {
            let score = try workspaces.with { try MSSSIM.luma(reference: reference.y, distorted: distorted.y, workspace: &$0).score }
            return FrameMeasure(values: [score])
        }
        /// The reference pyramid, once per frame for every rung of a bench.
        func prepare(reference: Picture, previousReference: Picture?) throws -> (any Sendable)? {
            try workspaces.with { try MSSSIM.prepare(reference: reference.y, workspace: &$0) }
        }
        func measure(reference: Picture, distorted: Picture, previousReference: Picture?,
                     prepared: (any Sendable)?) throws -> FrameMeasure {
            guard let shared = prepared as? MSSSIMReference else {
                return try measure(reference: reference, distorted: distorted, previousReference: previousReference)
            }
            let score = try workspaces.with { try MSSSIM.luma(reference: reference.y, distorted: distorted.y, shared: shared, workspace: &$0).score }
            return FrameMeasure(values: [score])
        }
        func makeAccumulator() -> any MetricAccumulator { SeriesAccumulator(names: ["ms_ssim"]) }
    }
}
