/// Running sums of the VIF statistic for one scale, in libvmaf's fixed-point form.
///
/// Pixels whose reference variance reaches the noise floor (`sigma1^2 >= sigma_n^2`)
/// contribute `log2(1 + sigma1^2 / sigma_n^2)` to the denominator and
/// `log2(1 + g^2 sigma1^2 / (sv^2 + sigma_n^2))` to the numerator (both in 1/2048 units);
/// flatter pixels contribute 1 to the denominator and `1 - sigma2^2 / sigma_max^2` to the
/// numerator, which is kept as a count and a sum of `sigma2^2`.
struct VIFAccumulator {
    var numeratorLog = SIMD8<Int64>()
    var denominatorLog = SIMD8<Int64>()
    var flatDistortedVariance = SIMD8<Int64>()
    /// Minus the number of flat pixels (lanes accumulate all-ones masks).
    var negativeFlatCount = SIMD8<Int64>()

    /// Numerator and denominator as libvmaf stores them (single precision).
    var result: (numerator: Float, denominator: Float) {
        let numLog = Double(numeratorLog.wrappedSum())
        let denLog = Double(denominatorLog.wrappedSum())
        let flatVar = Double(flatDistortedVariance.wrappedSum())
        let flat = Double(-negativeFlatCount.wrappedSum())
        let numerator = numLog / 2048.0 + (flat - (flatVar / 16384.0) / 65025.0)
        let denominator = denLog / 2048.0 + flat
        return (Float(numerator), Float(denominator))
    }
}

/// `(a * b + 2^31) >> 32` for 32-bit lanes (the rounded high half of the product).
@inline(__always)
func roundedHighProduct(_ a: SIMD8<UInt32>, _ b: SIMD8<UInt32>) -> SIMD8<UInt32> {
    narrow((widen(a) &* widen(b) &+ 0x8000_0000) &>> 32)
}

extension VIFAccumulator {
    /// Adds 8 pixels given their filtered means (`mu1`, `mu2`, Q16-scaled) and filtered
    /// second moments (`xx`, `yy`, `xy`). `valid` is all-ones in lanes holding real pixels.
    @inline(__always)
    mutating func add(mu1: SIMD8<UInt32>, mu2: SIMD8<UInt32>, xx: SIMD8<UInt32>,
                      yy: SIMD8<UInt32>, xy: SIMD8<UInt32>, valid: SIMD8<Int32>,
                      gainLimitBits: Int64, table: UnsafePointer<UInt16>) {
        let s1 = referenceVariance(mu1: mu1, xx: xx)
        addReference(s1: s1, valid: valid, table: table)
        addDistorted(mu1: mu1, s1: s1, mu2: mu2, yy: yy, xy: xy, valid: valid,
                     gainLimitBits: gainLimitBits, table: table)
    }

    /// The reference's local variance `sigma1^2` from its filtered mean and second moment.
    @inline(__always)
    func referenceVariance(mu1: SIMD8<UInt32>, xx: SIMD8<UInt32>) -> SIMD8<Int32> {
        signed(xx &- roundedHighProduct(mu1, mu1))
    }

    /// The part of the statistic that depends on the reference alone: the denominator and the
    /// count of flat pixels.
    @inline(__always)
    mutating func addReference(s1: SIMD8<Int32>, valid: SIMD8<Int32>, table: UnsafePointer<UInt16>) {
        let informative = ~negativeMask(s1 &- VIFConstants.sigmaNSq) & valid
        negativeFlatCount &+= widen(~informative & valid)
        let denTerm = vifLog2(toDouble(s1) + Double(VIFConstants.sigmaNSq), table) &- 2048 * 17
        denominatorLog &+= denTerm & widen(informative)
    }

    /// The part that needs the distorted picture: the numerator and the flat pixels' variance,
    /// given the reference's mean `mu1` and variance `s1`.
    ///
    /// Selections use integer masks instead of `SIMDMask`, which keeps the code vectorised.
    @inline(__always)
    mutating func addDistorted(mu1: SIMD8<UInt32>, s1: SIMD8<Int32>, mu2: SIMD8<UInt32>,
                               yy: SIMD8<UInt32>, xy: SIMD8<UInt32>, valid: SIMD8<Int32>,
                               gainLimitBits: Int64, table: UnsafePointer<UInt16>) {
        let s2Raw = signed(yy &- roundedHighProduct(mu2, mu2))
        let s12 = signed(xy &- roundedHighProduct(mu1, mu2))
        let s2 = s2Raw & ~negativeMask(s2Raw)

        let informative = ~negativeMask(s1 &- VIFConstants.sigmaNSq) & valid
        let flat = ~informative & valid
        let counted = informative & negativeMask(0 &- s12) & negativeMask(0 &- s2)

        flatDistortedVariance &+= widen(s2 & flat)

        let nsq = Double(VIFConstants.sigmaNSq)
        let d1 = toDouble(s1), d2 = toDouble(s2), d12 = toDouble(s12)
        let gain = d12 / (d1 + VIFConstants.gainEpsilon)
        let svRaw = unsafeBitCast(truncated(d2 - gain * d12), to: SIMD8<Int64>.self)
        let sv = unsafeBitCast(svRaw & ~negativeMask(svRaw), to: SIMD8<Double>.self)
        // min(gain, limit): in the lanes that count both are positive, so their bit
        // patterns order like the values.
        let gainBits = unsafeBitCast(gain, to: SIMD8<Int64>.self)
        let limitBits = SIMD8<Int64>(repeating: gainLimitBits)
        let below = negativeMask(gainBits &- limitBits)
        let limited = unsafeBitCast((gainBits & below) | (limitBits & ~below), to: SIMD8<Double>.self)
        let base = sv + nsq
        let boosted = truncated(limited * limited * d1) + base
        let numTerm = vifLog2(boosted, table) &- vifLog2(base, table)
        numeratorLog &+= numTerm & widen(counted)
    }
}
