import Foundation

/// Numerator and denominator of one scale: per orientation, a sum of cubes over the picture
/// minus its 10 % border, then a cube root plus a noise floor.
public struct AdmScaleScore: Sendable, Equatable {
    /// Sum over h, v, d of (sum of masked restored cubes)^(1/3) plus the noise floor.
    public var numerator: Double
    /// Sum over h, v, d of (sum of CSF-weighted reference cubes)^(1/3) plus the noise floor.
    public var denominator: Double

    public init(numerator: Double, denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The scale's own score, numerator / denominator (libvmaf's `adm_scaleN`).
    public var score: Double { numerator / denominator }

    /// Cube-root pooling as libvmaf does it, in float: per orientation (sum)^(1/3) plus
    /// (area / 32)^(1/3).
    init(cubes: (Double, Double, Double), denominatorCubes: (Double, Double, Double), area: Int) {
        let third: Float = 1.0 / 3.0
        let floor = powf(Float(Double(area) * AdmModel.noiseWeight), third)
        func pooled(_ s: (Double, Double, Double)) -> Double {
            let h = powf(Float(s.0), third) + floor
            let v = powf(Float(s.1), third) + floor
            let d = powf(Float(s.2), third) + floor
            return Double(h + v + d)
        }
        self.init(numerator: pooled(cubes), denominator: pooled(denominatorCubes))
    }
}
