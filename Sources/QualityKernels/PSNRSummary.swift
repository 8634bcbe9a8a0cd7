/// PSNR pooled over the frames of a clip.
///
/// The primary figures match the summary line FFmpeg's `psnr` filter logs at the end
/// (`PSNR y:… u:… v:… average:… min:… max:…`): each is the PSNR of the *mean MSE* over frames.
/// `meanOfFramePSNR` is the other common convention (arithmetic mean of per-frame PSNR values);
/// it is `+infinity` as soon as one frame is identical, unless a cap is applied.
public struct PSNRSummary: Sendable, Equatable {
    /// Number of frames pooled.
    public let frameCount: Int
    /// Mean over frames of each plane's MSE.
    public let meanMSE: PerPlane
    /// Mean over frames of the weighted-average MSE.
    public let meanMSEAverage: Double
    /// FFmpeg's summary `y`/`u`/`v`: PSNR of each plane's mean MSE.
    public let psnr: PerPlane
    /// FFmpeg's summary `average`: PSNR of the mean weighted-average MSE.
    public let average: Double
    /// FFmpeg's summary `min`: PSNR of the frame with the largest weighted-average MSE.
    public let min: Double
    /// FFmpeg's summary `max`: PSNR of the frame with the smallest weighted-average MSE.
    public let max: Double
    /// Arithmetic mean of per-frame plane PSNRs (per-frame-mean variant, uncapped).
    public let meanOfFramePSNR: PerPlane
    /// Arithmetic mean of per-frame `psnrAverage` values (per-frame-mean variant, uncapped).
    public let meanOfFramePSNRAverage: Double

    /// Pools `frames`; returns nil for an empty list.
    public init?(frames: [PSNRFrame]) {
        guard let first = frames.first else { return nil }
        let n = Double(frames.count)
        frameCount = frames.count
        var sumMSE = PerPlane(y: 0, u: 0, v: 0)
        var sumPSNR = PerPlane(y: 0, u: 0, v: 0)
        var sumAvg = 0.0, sumPSNRAvg = 0.0
        var lowestMSE = Double.infinity, highestMSE = -Double.infinity
        for f in frames {
            sumMSE.y += f.mse.y; sumMSE.u += f.mse.u; sumMSE.v += f.mse.v
            sumPSNR.y += f.psnr.y; sumPSNR.u += f.psnr.u; sumPSNR.v += f.psnr.v
            sumAvg += f.mseAverage
            sumPSNRAvg += f.psnrAverage
            lowestMSE = Swift.min(lowestMSE, f.mseAverage)
            highestMSE = Swift.max(highestMSE, f.mseAverage)
        }
        meanMSE = sumMSE.map { $0 / n }
        meanMSEAverage = sumAvg / n
        let maxima = first.maxValues
        psnr = PerPlane(y: PSNR.decibels(mse: meanMSE.y, maxValue: maxima.y),
                        u: PSNR.decibels(mse: meanMSE.u, maxValue: maxima.u),
                        v: PSNR.decibels(mse: meanMSE.v, maxValue: maxima.v))
        average = PSNR.decibels(mse: meanMSEAverage, maxValue: first.averageMax)
        min = PSNR.decibels(mse: highestMSE, maxValue: first.averageMax)
        max = PSNR.decibels(mse: lowestMSE, maxValue: first.averageMax)
        meanOfFramePSNR = sumPSNR.map { $0 / n }
        meanOfFramePSNRAverage = sumPSNRAvg / n
    }

    /// Per-frame-mean variant with each frame's PSNR limited to `cap` dB first, so identical
    /// frames count as `cap` instead of making the mean infinite. Returns (planes, average).
    public static func meanOfFramePSNR(_ frames: [PSNRFrame], cappedAt cap: Double)
        -> (planes: PerPlane, average: Double)? {
        guard !frames.isEmpty else { return nil }
        let n = Double(frames.count)
        var sum = PerPlane(y: 0, u: 0, v: 0)
        var avg = 0.0
        for f in frames {
            sum.y += Swift.min(f.psnr.y, cap)
            sum.u += Swift.min(f.psnr.u, cap)
            sum.v += Swift.min(f.psnr.v, cap)
            avg += Swift.min(f.psnrAverage, cap)
        }
        return (sum.map { $0 / n }, avg / n)
    }
}
