// Lane conversions written as explicit, always-inlined loops.
//
// The standard library's SIMD conversions (`init(truncatingIfNeeded:)`, `lowHalf`, ...) are
// merely `@inlinable`; inside large kernels the optimiser often leaves them as out-of-line
// calls that shuffle vectors through 128-bit registers. These small loops are always inlined
// and LLVM turns each into one or two vector instructions (vpmovzxwd, vcvtdq2pd, ...).

/// Zero-extends 16 lanes of `UInt16` to `UInt32`.
@inline(__always)
func widen(_ v: SIMD16<UInt16>) -> SIMD16<UInt32> {
    var r = SIMD16<UInt32>()
    for i in 0..<16 { r[i] = UInt32(v[i]) }
    return r
}

/// Keeps the low 16 bits of 16 `UInt32` lanes.
@inline(__always)
func narrow(_ v: SIMD16<UInt32>) -> SIMD16<UInt16> {
    var r = SIMD16<UInt16>()
    for i in 0..<16 { r[i] = UInt16(truncatingIfNeeded: v[i]) }
    return r
}

/// Splits 16 lanes into their low and high 8 lanes.
@inline(__always)
func halves(_ v: SIMD16<UInt32>) -> (SIMD8<UInt32>, SIMD8<UInt32>) {
    unsafeBitCast(v, to: (SIMD8<UInt32>, SIMD8<UInt32>).self)
}

/// Reinterprets 8 lanes of `UInt32` as `Int32` (two's complement).
@inline(__always)
func signed(_ v: SIMD8<UInt32>) -> SIMD8<Int32> {
    unsafeBitCast(v, to: SIMD8<Int32>.self)
}

/// Sign-extends 8 lanes of `Int32` to `Int64`.
@inline(__always)
func widen(_ v: SIMD8<Int32>) -> SIMD8<Int64> {
    var r = SIMD8<Int64>()
    for i in 0..<8 { r[i] = Int64(v[i]) }
    return r
}

/// Zero-extends 8 lanes of `UInt32` to `UInt64`.
@inline(__always)
func widen(_ v: SIMD8<UInt32>) -> SIMD8<UInt64> {
    var r = SIMD8<UInt64>()
    for i in 0..<8 { r[i] = UInt64(v[i]) }
    return r
}

/// Keeps the low 32 bits of 8 `UInt64` lanes.
@inline(__always)
func narrow(_ v: SIMD8<UInt64>) -> SIMD8<UInt32> {
    var r = SIMD8<UInt32>()
    for i in 0..<8 { r[i] = UInt32(truncatingIfNeeded: v[i]) }
    return r
}

/// Converts 8 lanes of `Int32` to `Double` (exact).
@inline(__always)
func toDouble(_ v: SIMD8<Int32>) -> SIMD8<Double> {
    var r = SIMD8<Double>()
    for i in 0..<8 { r[i] = Double(v[i]) }
    return r
}

/// Truncates 8 doubles toward zero (C's conversion to integer, kept in floating point).
@inline(__always)
func truncated(_ v: SIMD8<Double>) -> SIMD8<Double> {
    var r = SIMD8<Double>()
    for i in 0..<8 { r[i] = v[i].rounded(.towardZero) }
    return r
}

/// The even-indexed and odd-indexed lanes of 32 consecutive lanes `first ++ second`.
@inline(__always)
func deinterleave(_ first: SIMD16<UInt32>, _ second: SIMD16<UInt32>)
    -> (even: SIMD16<UInt32>, odd: SIMD16<UInt32>) {
    var even = SIMD16<UInt32>(), odd = SIMD16<UInt32>()
    for i in 0..<8 {
        even[i] = first[2 * i]
        odd[i] = first[2 * i + 1]
        even[8 + i] = second[2 * i]
        odd[8 + i] = second[2 * i + 1]
    }
    return (even, odd)
}

/// All-ones lanes where `v < 0`, zero elsewhere.
@inline(__always)
func negativeMask(_ v: SIMD8<Int32>) -> SIMD8<Int32> { v &>> 31 }

/// All-ones lanes where `v < 0`, zero elsewhere.
@inline(__always)
func negativeMask(_ v: SIMD8<Int64>) -> SIMD8<Int64> { v &>> 63 }

extension UInt64 {
    /// The same bits as a signed integer.
    @inline(__always)
    var signedBitPattern: Int64 { Int64(bitPattern: self) }
}
