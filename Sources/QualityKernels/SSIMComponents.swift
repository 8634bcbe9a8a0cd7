/// Mean luminance, contrast and structure terms of one MS-SSIM scale, as libvmaf's
/// `_iqa_ssim` computes them for `float_ms_ssim`.
public struct SSIMComponents: Sendable, Equatable {
    /// Mean of l = (2μ₁μ₂ + C1) / (μ₁² + μ₂² + C1).
    public let luminance: Float
    /// Mean of c = (2σ₁σ₂ + C2) / (σ₁² + σ₂² + C2).
    public let contrast: Float
    /// Mean of s = (σ₁₂ + C3) / (σ₁σ₂ + C3).
    public let structure: Float
}
