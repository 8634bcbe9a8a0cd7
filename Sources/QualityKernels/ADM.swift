/// ADM ("adm2" in VMAF models; libvmaf's name for the Detail Loss Metric of Li et al., IEEE
/// Trans. Multimedia 2011), following libvmaf's integer extractor.
///
/// Both luma planes go through a 4-scale db2 wavelet. At each scale the distorted detail bands
/// are split into the reference detail that survived (restored) and what was added (additive
/// impairment); the restored detail is weighted by the contrast sensitivity function, masked by
/// the nearby additive impairment and cube-pooled over the picture minus a 10 % border. The
/// score is sum(numerators) / sum(denominators) over the 4 scales, where each denominator pools
/// the CSF-weighted reference detail; 1 means no detail was lost.
///
/// The wavelet runs in libvmaf's fixed point exactly, and so do the angle test of the
/// decoupling and the denominator sums; the decoupling gains, CSF and masking run in float.
/// Scores agree with libvmaf's `integer_adm2` to about 1e-5.
public enum ADM {
    /// adm2 of a distorted luma plane against its reference: the entry point the VMAF engine calls.
    /// Thread-safe; allocates scratch per call (use `compute(...workspace:)` in frame loops).
    public static let kernel: @Sendable (Plane, Plane) -> Double = { reference, distorted in
        adm2(reference: reference, distorted: distorted)
    }

    /// adm2 of `distorted` against `reference` (same size and bit depth, 8 to 16 bits).
    public static func adm2(reference: Plane, distorted: Plane, options: AdmOptions = AdmOptions()) -> Double {
        compute(reference: reference, distorted: distorted, options: options, workspace: AdmWorkspace()).adm2
    }

    /// adm2 with its per-scale numerators and denominators, computed in `workspace` (reused
    /// across calls; one workspace per thread).
    public static func compute(reference: Plane, distorted: Plane, options: AdmOptions = AdmOptions(),
                               workspace: AdmWorkspace) -> AdmScore {
        compute(reference: reference, distorted: distorted, options: options, workspace: workspace) { _ in .both }
    }

    /// `compute` with the sides each scale computes (see `AdmReference`).
    static func compute(reference: Plane, distorted: Plane, options: AdmOptions, workspace: AdmWorkspace,
                        sides: (Int) -> AdmSides) -> AdmScore {
        precondition(reference.width == distorted.width && reference.height == distorted.height,
                     "ADM needs planes of one size")
        precondition(reference.bitDepth == distorted.bitDepth && (8...16).contains(reference.bitDepth),
                     "ADM needs planes of one bit depth, 8 to 16 bits")
        let (width, height) = (reference.width, reference.height)
        let layout = workspace.prepare(width: width, height: height)
        let gainLimit = Float(options.enhancementGainLimit)
        var scales: [AdmScaleScore] = []
        scales.reserveCapacity(4)
        reference.samples.withUnsafeBufferPointer { ref in
            distorted.samples.withUnsafeBufferPointer { dis in
                guard let r = ref.baseAddress, let d = dis.baseAddress else { return }
                var source = AdmScale.Source.samples(reference: r, distorted: d, bitDepth: reference.bitDepth)
                var (w, h) = (width, height)
                for scale in 0..<4 {
                    let step = AdmScale(scale: scale, source: source, width: w, height: h,
                                        layout: layout, gainLimit: gainLimit, sides: sides(scale))
                    scales.append(step.run())
                    if scale == 0 {
                        let next = layout.firstApproximation
                        source = .firstBands(reference: next.reference, distorted: next.distorted)
                    } else if scale < 3 {
                        let next = layout.approximations[scale - 1]
                        source = .bands(reference: next.reference, distorted: next.distorted)
                    }
                    (w, h) = (AdmGeometry.half(w), AdmGeometry.half(h))
                }
            }
        }
        return AdmScore(scales: scales, width: width, height: height)
    }
}

/// Settings of the ADM feature that VMAF models change.
public struct AdmOptions: Sendable, Equatable {
    /// How far a distorted detail may exceed the reference and still count as restored
    /// (libvmaf `adm_enhn_gain_limit`, 1...100). 100 by default; the NEG ("no enhancement gain")
    /// models use 1, so sharpening cannot raise the score.
    public var enhancementGainLimit: Double

    public init(enhancementGainLimit: Double = 100) {
        self.enhancementGainLimit = min(max(enhancementGainLimit, 1), 100)
    }

    /// The options of vmaf_v0.6.1neg / vmaf_4k_v0.6.1neg.
    public static let noEnhancementGain = AdmOptions(enhancementGainLimit: 1)
}

/// adm2 and the per-scale numerators and denominators behind it.
public struct AdmScore: Sendable, Equatable {
    /// sum(numerators) / sum(denominators); 1 when the denominator vanishes.
    public var adm2: Double
    /// Sums over the four scales (a sum below libvmaf's limit of 1e-10 per 1080p area counts as 0).
    public var numerator: Double
    public var denominator: Double
    /// Scales 0 (finest) to 3.
    public var scales: [AdmScaleScore]

    public init(scales: [AdmScaleScore], width: Int, height: Int) {
        let limit = 1e-10 * Double(width * height) / (1920.0 * 1080.0)
        let num = scales.reduce(0) { $0 + $1.numerator }
        let den = scales.reduce(0) { $0 + $1.denominator }
        numerator = num < limit ? 0 : num
        denominator = den < limit ? 0 : den
        adm2 = denominator == 0 ? 1 : numerator / denominator
        self.scales = scales
    }
}
