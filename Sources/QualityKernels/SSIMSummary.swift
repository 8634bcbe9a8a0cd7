/// SSIM pooled over the frames of a clip, as FFmpeg's `ssim` filter logs it at the end
/// (`SSIM Y:m (dB) U:m (dB) V:m (dB) All:m (dB)`): arithmetic means over frames, and the dB
/// form of each mean, -10*log10(1 - mean) (computed as 10*log10(n / (n - sum))).
public struct SSIMSummary: Sendable, Equatable {
    /// Number of frames pooled.
    public let frameCount: Int
    /// Mean over frames of each plane's SSIM.
    public let ssim: PerPlane
    /// Mean over frames of the per-frame "All" value.
    public let all: Double
    /// Sums over frames of each plane's SSIM (FFmpeg derives its summary dB from these).
    public let sums: PerPlane
    /// Sum over frames of the "All" values.
    public let allSum: Double

    /// Pools `frames`; nil for an empty list.
    public init?(frames: [SSIMFrame]) {
        guard !frames.isEmpty else { return nil }
        let n = Double(frames.count)
        var sum = PerPlane(y: 0, u: 0, v: 0)
        var sumAll = 0.0
        for f in frames {
            sum.y += f.ssim.y
            sum.u += f.ssim.u
            sum.v += f.ssim.v
            sumAll += f.all
        }
        frameCount = frames.count
        sums = sum
        allSum = sumAll
        ssim = sum.map { $0 / n }
        all = sumAll / n
    }

    /// Per-plane means in dB, computed from the sums as FFmpeg's summary does.
    public var decibels: PerPlane {
        let n = Double(frameCount)
        return sums.map { SSIM.decibels(sum: $0, count: n) }
    }
    /// `all` in dB (FFmpeg's summary form).
    public var allDecibels: Double {
        SSIM.decibels(sum: allSum, count: Double(frameCount))
    }
}
