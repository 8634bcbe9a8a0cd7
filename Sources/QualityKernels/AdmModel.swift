import Foundation

/// The fixed model behind ADM: the Daubechies-2 wavelet taps, the contrast sensitivity weights
/// per scale and orientation, and the noise floor. Values follow libvmaf's integer extractor
/// (`integer_adm`), whose filters are the db2 taps rounded to 15 fractional bits.
enum AdmModel {
    /// db2 low-pass taps as libvmaf's integer extractor holds them (Q15 integers / 2^15).
    static let lowPass: (Float, Float, Float, Float) =
        (15826 / 32768, 27411 / 32768, 7345 / 32768, -4240 / 32768)
    /// db2 high-pass taps (quadrature mirror of the low-pass), summing to exactly zero.
    static let highPass: (Float, Float, Float, Float) =
        (-4240 / 32768, -7345 / 32768, 27411 / 32768, -15826 / 32768)

    /// Share of each side excluded from pooling (10 %).
    static let borderFactor = 0.1
    /// Weight of the constant added under the cube root of numerator and denominator (1/32).
    static let noiseWeight = 0.03125
    /// Viewing geometry the CSF assumes: 3 picture heights from a 1080-line display.
    static let normViewDistance = 3.0
    static let refDisplayHeight = 1080.0

    /// Watson et al. 1997 ("Visibility of wavelet quantization noise") luma threshold model for
    /// the 7/9 biorthogonal wavelet: a, k, f0 and g per orientation (ll, lh, hh, hl).
    private static let watsonA: Float = 0.495
    private static let watsonK: Float = 0.466
    private static let watsonF0: Float = 0.401
    private static let watsonG: [Float] = [1.501, 1.0, 0.534, 1.0]
    /// Basis function amplitudes A(lambda, theta), Watson et al. Table V (transposed).
    private static let amplitudes: [[Float]] = [
        [0.62171, 0.67234, 0.72709, 0.67234],
        [0.34537, 0.41317, 0.49428, 0.41317],
        [0.18004, 0.22727, 0.28688, 0.22727],
        [0.091401, 0.11792, 0.15214, 0.11792],
    ]

    /// Quantisation step Q(lambda, theta) of Watson's formula (9), computed with the same
    /// float/double mix as libvmaf so the weights agree to the last bit.
    static func quantStep(scale lambda: Int, orientation theta: Int) -> Float {
        let r = Float(normViewDistance * refDisplayHeight * Double.pi / 180.0)
        let ratio = pow(2.0, Double(lambda + 1)) * Double(watsonF0) * Double(watsonG[theta]) / Double(r)
        let temp = Float(log10(ratio))
        let exponent = Double(watsonK * temp * temp)
        return Float(2.0 * Double(watsonA) * pow(10.0, exponent) / Double(amplitudes[lambda][theta]))
    }

    /// CSF weight of one scale: (horizontal/vertical, diagonal) = 1 / Q.
    static func csfWeights(scale: Int) -> (hv: Float, diagonal: Float) {
        (1 / quantStep(scale: scale, orientation: 1), 1 / quantStep(scale: scale, orientation: 2))
    }

    /// Weights applied to the restored and additive bands in the masking stage. At scale 0 the
    /// integer extractor uses fixed-point constants (36453 / 2^21 and 49417 / 2^23, a few 1e-5
    /// above 1/Q) while its denominator keeps 1/Q; coarser scales use 1/Q to 32-bit precision.
    static func maskingWeights(scale: Int) -> (hv: Float, diagonal: Float) {
        scale == 0 ? (36453 / 2_097_152, 49417 / 8_388_608) : csfWeights(scale: scale)
    }
}
