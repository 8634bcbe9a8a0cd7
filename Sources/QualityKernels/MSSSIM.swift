import Foundation

/// MS-SSIM of one frame's luma, with the per-scale terms libvmaf can log (`enable_lcs`).
public struct MSSSIMResult: Sendable, Equatable {
    /// The MS-SSIM score (libvmaf's `float_ms_ssim`).
    public let score: Double
    /// Mean luminance / contrast / structure terms per scale, finest first (5 entries).
    public let scales: [SSIMComponents]

    /// The score in dB, -10*log10(1 - score) (libvmaf's `enable_db`, unclipped).
    public var decibels: Double { -10.0 * log10(1.0 - score) }
}

/// MS-SSIM as libvmaf's `float_ms_ssim` feature defines it (Wang et al. 2003, libvmaf
/// `ms_ssim.c` / `iqa/ssim_tools.c`), luma only:
///
/// 1. Samples become floats on the 8-bit scale (10-bit divided by 4, 12-bit by 16, …).
/// 2. Five scales: scale 0 is the picture, each next scale is `MSSSIMDecimation.halve` of the
///    previous one (9/7 wavelet low-pass, keep even samples, size ⌈w/2⌉ x ⌈h/2⌉).
/// 3. On each scale, SSIM terms through an 11x11 Gaussian window (σ 1.5) over the window
///    positions fully inside the image, with L = 255, K1 = 0.01, K2 = 0.03 (see
///    `GaussianSSIMScale`); l, c and s are averaged separately.
/// 4. score = Πᵢ lᵢ^αᵢ · cᵢ^βᵢ · sᵢ^γᵢ with α = (0, 0, 0, 0, 0.1333),
///    β = γ = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333).
///
/// Pure and thread-safe: no shared state. The plain calls allocate their working buffers;
/// engines should keep one `MSSSIMWorkspace` per worker and use the `workspace:` variants.
public enum MSSSIM {
    /// Number of scales.
    public static let scaleCount = 5
    /// Smallest width/height libvmaf accepts (11 · 2⁴): every scale must fit the 11x11 window.
    public static let minimumSize = 176
    /// Luminance exponents per scale.
    public static let alphas: [Float] = [0.0, 0.0, 0.0, 0.0, 0.1333]
    /// Contrast exponents per scale.
    public static let betas: [Float] = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]
    /// Structure exponents per scale.
    public static let gammas: [Float] = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]

    /// MS-SSIM between two luma planes.
    /// - Throws: `QualityKernelError` on mismatched planes, a bit depth outside 8...16, or a
    ///   plane smaller than 176x176 (libvmaf refuses those too).
    public static func luma(reference: Plane, distorted: Plane) throws -> MSSSIMResult {
        var workspace = MSSSIMWorkspace()
        return try luma(reference: reference, distorted: distorted, workspace: &workspace)
    }

    /// MS-SSIM between two luma planes, reusing `workspace`'s buffers (give each concurrent
    /// task its own workspace; it is a value, so sharing one is impossible by construction).
    /// - Throws: see `luma(reference:distorted:)`.
    public static func luma(reference: Plane, distorted: Plane,
                            workspace: inout MSSSIMWorkspace) throws -> MSSSIMResult {
        try check(reference, distorted)
        workspace.reference[0].load(plane: reference)
        workspace.distorted[0].load(plane: distorted)
        return scales(workspace: &workspace, shared: nil)
    }

    /// The five scales over the pyramids in `workspace` (scale 0 loaded), the reference's taken
    /// from `shared` when given.
    static func scales(workspace: inout MSSSIMWorkspace, shared: MSSSIMReference?) -> MSSSIMResult {
        var components: [SSIMComponents] = []
        components.reserveCapacity(scaleCount)
        var score = 1.0
        for scale in 0..<scaleCount {
            if scale > 0 {
                if shared == nil {
                    MSSSIMDecimation.halve(workspace.reference[scale - 1], into: &workspace.reference[scale],
                                           scratch: &workspace.decimationScratch)
                }
                MSSSIMDecimation.halve(workspace.distorted[scale - 1], into: &workspace.distorted[scale],
                                       scratch: &workspace.decimationScratch)
            }
            let terms = GaussianSSIMScale.components(reference: shared?.pyramid[scale] ?? workspace.reference[scale],
                                                     distorted: workspace.distorted[scale],
                                                     scratch: &workspace.windowScratch)
            components.append(terms)
            score *= pow(Double(terms.luminance), Double(alphas[scale]))
                * pow(Double(terms.contrast), Double(betas[scale]))
                * pow(Double(terms.structure), Double(gammas[scale]))
        }
        return MSSSIMResult(score: score, scales: components)
    }

    /// MS-SSIM of a frame: luma only, as libvmaf computes it.
    /// - Throws: see `luma(reference:distorted:)`.
    /// Rejects planes the kernel cannot score.
    static func check(_ reference: Plane, _ distorted: Plane) throws {
        try PlaneValidation.check(reference, distorted, depths: 8...16)
        guard fitsAllScales(width: reference.width, height: reference.height) else {
            throw QualityKernelError.planeTooSmall(width: reference.width, height: reference.height,
                                                   minimumWidth: minimumSize,
                                                   minimumHeight: minimumSize)
        }
    }

    public static func frame(reference: Picture, distorted: Picture) throws -> MSSSIMResult {
        try luma(reference: reference.y, distorted: distorted.y)
    }

    /// MS-SSIM of a frame reusing `workspace` (see `luma(reference:distorted:workspace:)`).
    public static func frame(reference: Picture, distorted: Picture,
                             workspace: inout MSSSIMWorkspace) throws -> MSSSIMResult {
        try luma(reference: reference.y, distorted: distorted.y, workspace: &workspace)
    }

    /// libvmaf's size check: halving (rounding down) four times must leave each side ≥ 11.
    public static func fitsAllScales(width: Int, height: Int) -> Bool {
        var w = width, h = height
        for _ in 0..<scaleCount {
            if w < 11 || h < 11 { return false }
            w /= 2
            h /= 2
        }
        return true
    }
}
