/// Per-scale results of the VIF feature for one frame.
public struct VIFScores: Sendable, Equatable {
    /// Numerator of each scale (libvmaf stores it in single precision).
    public let numerators: [Double]
    /// Denominator of each scale.
    public let denominators: [Double]

    public init(numerators: [Double], denominators: [Double]) {
        self.numerators = numerators
        self.denominators = denominators
    }

    /// `vif_scale0` ... `vif_scale3`: numerator / denominator per scale, evaluated in single
    /// precision like libvmaf.
    public var scales: [Double] {
        zip(numerators, denominators).map { Double(Float($0) / Float($1)) }
    }

    /// `vif_scale<scale>`.
    public subscript(scale: Int) -> Double {
        Double(Float(numerators[scale]) / Float(denominators[scale]))
    }
}

/// Visual Information Fidelity at four scales, as libvmaf's integer `vif` feature extractor
/// computes it for the VMAF models (features `integer_vif_scale0...3`).
///
/// Each scale low-pass filters reference and distorted luma with a Gaussian (17, 9, 5, 3
/// taps), derives local means, variances and covariance, models the distortion as a gain `g`
/// plus additive noise `sv^2`, and compares the information the distorted picture keeps,
/// `sum log2(1 + g^2 sigma1^2 / (sv^2 + sigma_n^2))`, with what the reference carries,
/// `sum log2(1 + sigma1^2 / sigma_n^2)`. Between scales the pictures are filtered and
/// decimated by two. All arithmetic is libvmaf's fixed-point arithmetic, so results match
/// libvmaf bit for bit.
public enum VIF {
    /// Computes the four VIF scales of a distorted luma plane against its reference.
    ///
    /// - Parameters:
    ///   - reference: reference luma (8 to 12 bits).
    ///   - distorted: distorted luma, same size and bit depth.
    ///   - enhancementGainLimit: upper limit of the gain `g` (libvmaf's `vif_enhn_gain_limit`,
    ///     100 by default, 1.0 in the NEG models).
    ///   - workspace: scratch memory owned by the calling thread.
    public static func compute(reference: Plane, distorted: Plane,
                               enhancementGainLimit: Double = VIFConstants.defaultEnhancementGainLimit,
                               workspace: VIFWorkspace) -> VIFScores {
        precondition(reference.width == distorted.width && reference.height == distorted.height,
                     "VIF needs planes of equal size")
        precondition(reference.bitDepth == distorted.bitDepth && (8...12).contains(reference.bitDepth),
                     "VIF supports equal bit depths of 8 to 12 bits")
        workspace.prepare(width: reference.width, height: reference.height)
        return reference.samples.withUnsafeBufferPointer { refBuffer in
            distorted.samples.withUnsafeBufferPointer { disBuffer in
                guard let ref = refBuffer.baseAddress, let dis = disBuffer.baseAddress else {
                    return VIFScores(numerators: [], denominators: [])
                }
                return computeScales(reference: ref, distorted: dis, width: reference.width,
                                     height: reference.height, bitDepth: reference.bitDepth,
                                     gainLimit: enhancementGainLimit, workspace: workspace)
            }
        }
    }

    /// Convenience form that allocates a temporary workspace.
    public static func compute(reference: Plane, distorted: Plane,
                               enhancementGainLimit: Double = VIFConstants.defaultEnhancementGainLimit)
        -> VIFScores {
        compute(reference: reference, distorted: distorted,
                enhancementGainLimit: enhancementGainLimit, workspace: VIFWorkspace())
    }

    private static func computeScales(reference: UnsafePointer<UInt16>,
                                      distorted: UnsafePointer<UInt16>, width: Int, height: Int,
                                      bitDepth: Int, gainLimit: Double,
                                      workspace: VIFWorkspace) -> VIFScores {
        var numerators: [Double] = [], denominators: [Double] = []
        var (ref, dis, w, h) = (reference, distorted, width, height)
        for scale in 0..<4 {
            let next = scale < 3
                ? (workspace.pyramid[2 * scale].pointer, workspace.pyramid[2 * scale + 1].pointer)
                : nil
            let (num, den) = runScale(reference: ref, distorted: dis, width: w, height: h, scale: scale,
                                      bitDepth: bitDepth, gainLimit: gainLimit, workspace: workspace,
                                      next: next.map { ($0.0, $0.1) }).result
            numerators.append(Double(num))
            denominators.append(Double(den))
            if let next {
                ref = UnsafePointer(next.0)
                dis = UnsafePointer(next.1)
            }
            w /= 2
            h /= 2
        }
        return VIFScores(numerators: numerators, denominators: denominators)
    }

    /// Runs the pass of one scale (`next`: where to decimate to, nil at the last scale), after
    /// padding planes narrower than one SIMD block.
    static func runScale(reference: UnsafePointer<UInt16>, distorted: UnsafePointer<UInt16>, width: Int, height: Int,
                         scale: Int, bitDepth: Int, gainLimit: Double, workspace: VIFWorkspace,
                         next: (UnsafeMutablePointer<UInt16>?, UnsafeMutablePointer<UInt16>?)?,
                         sides: VIFScalePass.Sides = .both, captured: VIFScalePass.Captured? = nil) -> VIFAccumulator {
        var (ref, dis, stride) = (reference, distorted, width)
        if width < 16 {
            (ref, dis) = padNarrowPlanes(ref, dis, width: width, height: height, workspace: workspace)
            stride = 16
        }
        return VIFScalePass(workspace: workspace, width: width, height: height, reference: ref, distorted: dis,
                            sourceStride: stride, scale: scale, bitDepth: bitDepth, gainLimit: gainLimit,
                            next: next, sides: sides, captured: captured).run()
    }

    /// Copies planes narrower than one SIMD block into zero-padded rows of 16 samples.
    private static func padNarrowPlanes(_ ref: UnsafePointer<UInt16>, _ dis: UnsafePointer<UInt16>,
                                        width: Int, height: Int, workspace: VIFWorkspace)
        -> (UnsafePointer<UInt16>, UnsafePointer<UInt16>) {
        let refCopy = workspace.narrowCopy.pointer
        let disCopy = refCopy + 16 * height
        refCopy.update(repeating: 0, count: 32 * height)
        for y in 0..<height {
            (refCopy + 16 * y).update(from: ref + width * y, count: width)
            (disCopy + 16 * y).update(from: dis + width * y, count: width)
        }
        return (UnsafePointer(refCopy), UnsafePointer(disCopy))
    }
}
