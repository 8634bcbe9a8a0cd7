import Foundation

/// SSIM of one frame, as FFmpeg's `ssim` filter reports it.
public struct SSIMFrame: Sendable, Equatable {
    /// Per-plane SSIM (FFmpeg's `Y:`, `U:`, `V:`).
    public let ssim: PerPlane
    /// Pixel-count weighted mean of the plane values (FFmpeg's `All:`).
    public let all: Double
    /// The plane weights used for `all`.
    public let weights: PerPlane

    public init(ssim: PerPlane, weights: PerPlane) {
        self.ssim = ssim
        self.weights = weights
        self.all = ssim.weightedSum(weights)
    }

    /// `all` in dB, -10*log10(1 - all) (the value FFmpeg prints in parentheses).
    public var allDecibels: Double { SSIM.decibels(all) }
    /// Per-plane values in dB.
    public var decibels: PerPlane { ssim.map(SSIM.decibels) }
}

/// SSIM exactly as FFmpeg's `ssim` filter (libavfilter/vf_ssim.c, after x264) computes it.
///
/// The plane is cut into 4x4 blocks (right and bottom remainders ignored) with integer sums
/// Σa, Σb, Σ(a²+b²), Σab. Each SSIM window is 2x2 blocks (8x8 pixels); windows overlap with a
/// stride of 4 pixels, giving (w/4 - 1) x (h/4 - 1) windows whose values are averaged.
/// Per window, with window sums and max = 2^bitDepth - 1:
/// `c1 = ⌊.01²·max²·64 + .5⌋`, `c2 = ⌊.03²·max²·64·63 + .5⌋`,
/// `vars = 64·ss - s1² - s2²`, `covar = 64·s12 - s1·s2`,
/// `ssim = (2·s1·s2 + c1)(2·covar + c2) / ((s1² + s2² + c1)(vars + c2))`,
/// integers exact, the final products and quotient in single precision as FFmpeg does.
public enum SSIM {
    /// Bit depths this kernel accepts (integer sums stay exact up to 12 bits).
    public static let supportedBitDepths: ClosedRange<Int> = 1...12

    /// `-10*log10(1 - ssim)`; `+infinity` when ssim is within 1e-9 of 1, as FFmpeg's
    /// `ssim_db` does (so identical frames print `inf` although the weighted "All" of three
    /// planes at 1.0 may round to 0.9999999999999999).
    public static func decibels(_ ssim: Double) -> Double {
        decibels(sum: ssim, count: 1)
    }

    /// FFmpeg's pooled form: `10*log10(count / (count - sum))` for a sum of `count` SSIM values,
    /// `+infinity` when |count - sum| ≤ 1e-9.
    public static func decibels(sum: Double, count: Double) -> Double {
        abs(count - sum) > 1e-9 ? 10.0 * log10(count / (count - sum)) : .infinity
    }

    /// SSIM of one plane pair.
    /// - Throws: `QualityKernelError` on mismatched planes, a bit depth above 12, or a plane
    ///   smaller than 8x8 (FFmpeg would divide by zero there).
    public static func plane(reference: Plane, distorted: Plane) throws -> Double {
        try check(reference, distorted)
        return try plane(reference: reference, distorted: distorted, shared: nil)
    }

    /// Rejects planes the kernel cannot score (see `plane(reference:distorted:)`).
    static func check(_ reference: Plane, _ distorted: Plane) throws {
        try PlaneValidation.check(reference, distorted, depths: supportedBitDepths)
        guard reference.width >= 8, reference.height >= 8 else {
            throw QualityKernelError.planeTooSmall(width: reference.width, height: reference.height,
                                                   minimumWidth: 8, minimumHeight: 8)
        }
    }

    /// SSIM of a checked plane pair, with the reference's block sums from `shared` when given.
    static func plane(reference: Plane, distorted: Plane, shared: SSIMReference?) throws -> Double {
        let total = reference.samples.withUnsafeBufferPointer { ref in
            distorted.samples.withUnsafeBufferPointer { dist in
                windowSum(ref, dist, width: reference.width, height: reference.height,
                          maxValue: reference.maxValue, shared: shared)
            }
        }
        let windows = ((reference.width >> 2) - 1) * ((reference.height >> 2) - 1)
        return total / Double(windows)
    }

    /// Per-plane and "All" SSIM of one frame.
    /// - Throws: `QualityKernelError` if any plane pair is rejected by `plane(reference:distorted:)`.
    public static func frame(reference: Picture, distorted: Picture) throws -> SSIMFrame {
        let y = try plane(reference: reference.y, distorted: distorted.y)
        let u = try plane(reference: reference.u, distorted: distorted.u)
        let v = try plane(reference: reference.v, distorted: distorted.v)
        return SSIMFrame(ssim: PerPlane(y: y, u: u, v: v),
                         weights: PerPlane.pixelCountWeights(reference))
    }

    /// Sum of all window SSIM values of a plane (not yet divided by the window count).
    static func windowSum(_ ref: UnsafeBufferPointer<UInt16>, _ dist: UnsafeBufferPointer<UInt16>,
                          width: Int, height: Int, maxValue: Int, shared: SSIMReference? = nil) -> Double {
        let blocksX = width >> 2
        let blocksY = height >> 2
        let constants = WindowConstants(maxValue: maxValue)
        var previous = SSIMBlockRow(blockCount: blocksX)
        var current = SSIMBlockRow(blockCount: blocksX)
        let sums = shared?.sum ?? [], squares = shared?.squares ?? []
        return sums.withUnsafeBufferPointer { sum in
            squares.withUnsafeBufferPointer { square in
                func row(_ z: Int) -> SSIMReference.Row? {
                    shared == nil ? nil : SSIMReference.Row(sum: UnsafeBufferPointer(rebasing: sum[(z * blocksX)..<((z + 1) * blocksX)]),
                                                            squares: UnsafeBufferPointer(rebasing: square[(z * blocksX)..<((z + 1) * blocksX)]))
                }
                previous.fill(reference: ref, distorted: dist, width: width, blockRow: 0, shared: row(0))
                var total = 0.0
                for blockRow in 1..<blocksY {
                    current.fill(reference: ref, distorted: dist, width: width, blockRow: blockRow, shared: row(blockRow))
                    total += Double(rowSum(current, previous, windows: blocksX - 1, constants: constants))
                    swap(&previous, &current)
                }
                return total
            }
        }
    }

    /// FFmpeg's stabilising constants, scaled for sums over 64 pixels.
    struct WindowConstants {
        let c1: Int64
        let c2: Int64
        init(maxValue: Int) {
            let m = Double(maxValue)
            c1 = Int64(0.01 * 0.01 * m * m * 64 + 0.5)
            c2 = Int64(0.03 * 0.03 * m * m * 64 * 63 + 0.5)
        }
    }

    /// Sum of the SSIM values of one row of windows (accumulated in Float, like FFmpeg's
    /// x86 line kernel).
    static func rowSum(_ a: SSIMBlockRow, _ b: SSIMBlockRow, windows: Int,
                       constants: WindowConstants) -> Float {
        a.s1.withUnsafeBufferPointer { a1 in a.s2.withUnsafeBufferPointer { a2 in
        a.ss.withUnsafeBufferPointer { aS in a.s12.withUnsafeBufferPointer { a12 in
        b.s1.withUnsafeBufferPointer { b1 in b.s2.withUnsafeBufferPointer { b2 in
        b.ss.withUnsafeBufferPointer { bS in b.s12.withUnsafeBufferPointer { b12 in
            var sum: Float = 0
            for i in 0..<windows {
                let j = i &+ 1
                let s1 = Int64(a1[i] &+ a1[j] &+ b1[i] &+ b1[j])
                let s2 = Int64(a2[i] &+ a2[j] &+ b2[i] &+ b2[j])
                let ss = Int64(aS[i]) &+ Int64(aS[j]) &+ Int64(bS[i]) &+ Int64(bS[j])
                let s12 = Int64(a12[i]) &+ Int64(a12[j]) &+ Int64(b12[i]) &+ Int64(b12[j])
                sum += window(s1: s1, s2: s2, ss: ss, s12: s12, constants: constants)
            }
            return sum
        }}}}}}}}
    }

    /// SSIM of one 8x8 window from its sums (FFmpeg's `ssim_end1`).
    @inline(__always)
    static func window(s1: Int64, s2: Int64, ss: Int64, s12: Int64,
                       constants: WindowConstants) -> Float {
        let vars = ss &* 64 &- s1 &* s1 &- s2 &* s2
        let covar = s12 &* 64 &- s1 &* s2
        let numerator = Float(2 &* s1 &* s2 &+ constants.c1) * Float(2 &* covar &+ constants.c2)
        let denominator = Float(s1 &* s1 &+ s2 &* s2 &+ constants.c1) * Float(vars &+ constants.c2)
        return numerator / denominator
    }
}
