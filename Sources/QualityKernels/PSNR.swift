import Foundation

/// PSNR and MSE of one frame, with the same definitions as FFmpeg's `psnr` filter.
public struct PSNRFrame: Sendable, Equatable {
    /// Per-plane mean squared error, SSE / (width * height).
    public let mse: PerPlane
    /// Per-plane PSNR in dB, 10*log10(max^2 / mse). `+infinity` when the plane is identical
    /// (FFmpeg prints `inf` there, in its stats file and in its summary).
    public let psnr: PerPlane
    /// FFmpeg's `mse_avg`: the per-plane MSEs weighted by plane pixel counts.
    public let mseAverage: Double
    /// FFmpeg's `psnr_avg`: PSNR of `mseAverage` (not the mean of the plane PSNRs).
    public let psnrAverage: Double
    /// Per-plane sample maxima (255 for 8-bit, 1023 for 10-bit).
    public let maxValues: PerPlane
    /// The plane weights used for `mseAverage` (pixel-count shares).
    public let weights: PerPlane
    /// The maximum used for `psnrAverage`: the pixel-count weighted plane maxima, rounded.
    public let averageMax: Double

    public init(mse: PerPlane, maxValues: PerPlane, weights: PerPlane) {
        self.mse = mse
        self.maxValues = maxValues
        self.weights = weights
        self.psnr = PerPlane(y: PSNR.decibels(mse: mse.y, maxValue: maxValues.y),
                             u: PSNR.decibels(mse: mse.u, maxValue: maxValues.u),
                             v: PSNR.decibels(mse: mse.v, maxValue: maxValues.v))
        self.mseAverage = mse.weightedSum(weights)
        self.averageMax = maxValues.weightedSum(weights).rounded()
        self.psnrAverage = PSNR.decibels(mse: mseAverage, maxValue: averageMax)
    }
}

/// PSNR as FFmpeg's `psnr` filter computes it (libavfilter/vf_psnr.c).
///
/// Per plane: MSE = (integer sum of squared differences) / (width * height) and
/// PSNR = 10*log10(max^2 / MSE) with max = 2^bitDepth - 1. The frame "average" weights the
/// plane MSEs by pixel count and converts that MSE. All functions are pure and thread-safe.
public enum PSNR {
    /// PSNR in dB for a mean squared error; `+infinity` for MSE 0, like FFmpeg.
    public static func decibels(mse: Double, maxValue: Double) -> Double {
        10.0 * log10(maxValue * maxValue / mse)
    }

    /// MSE of one plane pair.
    /// - Throws: `QualityKernelError` on a size or bit-depth mismatch.
    public static func mse(reference: Plane, distorted: Plane) throws -> Double {
        let sse = try SumOfSquaredErrors.compute(reference: reference, distorted: distorted)
        return Double(sse) / Double(reference.width * reference.height)
    }

    /// PSNR (dB) of one plane pair.
    /// - Throws: `QualityKernelError` on a size or bit-depth mismatch.
    public static func plane(reference: Plane, distorted: Plane) throws -> Double {
        decibels(mse: try mse(reference: reference, distorted: distorted),
                 maxValue: Double(reference.maxValue))
    }

    /// Per-plane and weighted-average MSE/PSNR of one frame (FFmpeg's per-frame stats line).
    /// - Throws: `QualityKernelError` if any plane pair mismatches in size or bit depth.
    public static func frame(reference: Picture, distorted: Picture) throws -> PSNRFrame {
        let y = try mse(reference: reference.y, distorted: distorted.y)
        let u = try mse(reference: reference.u, distorted: distorted.u)
        let v = try mse(reference: reference.v, distorted: distorted.v)
        let maxima = PerPlane(y: Double(reference.y.maxValue), u: Double(reference.u.maxValue),
                              v: Double(reference.v.maxValue))
        return PSNRFrame(mse: PerPlane(y: y, u: u, v: v), maxValues: maxima,
                         weights: PerPlane.pixelCountWeights(reference))
    }
}
