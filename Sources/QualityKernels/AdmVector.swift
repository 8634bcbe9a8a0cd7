/// The vector type ADM's row loops work in, and the few unchecked memory helpers they share.
/// Eight Float lanes: two SSE registers on baseline x86-64, one AVX register when enabled.
typealias AdmVec = SIMD8<Float>

enum AdmLanes {
    static let count = 8

    /// Mask of the lanes that fall inside a row segment with `remaining` samples left.
    @inline(__always)
    static func valid(_ remaining: Int) -> SIMDMask<SIMD8<Int32>> {
        let left = Int32(truncatingIfNeeded: min(remaining, count))
        return SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .< SIMD8<Int32>(repeating: left)
    }

    /// Int32 lanes to double, spelled out so it inlines to `cvtdq2pd` (the generic conversion
    /// stays an out-of-line call inside large loops).
    @inline(__always)
    static func widen(_ v: SIMD8<Int32>) -> SIMD8<Double> {
        SIMD8<Double>(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]),
                      Double(v[4]), Double(v[5]), Double(v[6]), Double(v[7]))
    }

    /// Int16 lanes sign-extended to Int32, spelled out so it inlines (and LLVM sees 16-bit
    /// operands, which lets it multiply with `pmaddwd`).
    @inline(__always)
    static func extend(_ v: SIMD8<Int16>) -> SIMD8<Int32> {
        SIMD8<Int32>(Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]),
                     Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]))
    }

    /// Int32 lanes to Int16 (keeping the low halves), spelled out so it inlines to a pack.
    @inline(__always)
    static func narrow(_ v: SIMD8<Int32>) -> SIMD8<Int16> {
        SIMD8<Int16>(Int16(truncatingIfNeeded: v[0]), Int16(truncatingIfNeeded: v[1]),
                     Int16(truncatingIfNeeded: v[2]), Int16(truncatingIfNeeded: v[3]),
                     Int16(truncatingIfNeeded: v[4]), Int16(truncatingIfNeeded: v[5]),
                     Int16(truncatingIfNeeded: v[6]), Int16(truncatingIfNeeded: v[7]))
    }

    /// Lane-wise |x| of doubles (see `vmax` for why lane by lane).
    @inline(__always)
    static func magnitude(_ x: SIMD8<Double>) -> SIMD8<Double> {
        SIMD8<Double>(abs(x[0]), abs(x[1]), abs(x[2]), abs(x[3]), abs(x[4]), abs(x[5]), abs(x[6]), abs(x[7]))
    }

    /// Rounds `n` up to a whole number of vectors.
    @inline(__always)
    static func roundUp(_ n: Int) -> Int { (n + count - 1) / count * count }
}

extension UnsafePointer where Pointee == Float {
    @inline(__always)
    func vec(_ offset: Int) -> AdmVec {
        UnsafeRawPointer(self + offset).loadUnaligned(as: AdmVec.self)
    }

}

extension UnsafeMutablePointer where Pointee == Float {
    @inline(__always)
    func vec(_ offset: Int) -> AdmVec {
        UnsafeRawPointer(self + offset).loadUnaligned(as: AdmVec.self)
    }

    @inline(__always)
    func store(_ value: AdmVec, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: AdmVec.self)
    }
}

extension UnsafePointer where Pointee == Int32 {
    @inline(__always)
    func lanes(_ offset: Int) -> SIMD8<Int32> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD8<Int32>.self)
    }

    /// Eight samples in float units: integers of `unit` (2^-bits) each.
    @inline(__always)
    func units(_ offset: Int, _ unit: Float) -> AdmVec { AdmVec(lanes(offset)) * unit }
}

extension UnsafeMutablePointer where Pointee == Int32 {
    @inline(__always)
    func lanes(_ offset: Int) -> SIMD8<Int32> { UnsafePointer(self).lanes(offset) }

    @inline(__always)
    func units(_ offset: Int, _ unit: Float) -> AdmVec { UnsafePointer(self).units(offset, unit) }

    @inline(__always)
    func store(_ value: SIMD8<Int32>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: SIMD8<Int32>.self)
    }
}

/// Lane-wise maximum. Spelled out lane by lane because this compiles to one `maxps` per
/// register, while the standard library's generic `pointwiseMax` stays an out-of-line call.
@inline(__always)
func vmax(_ a: AdmVec, _ b: AdmVec) -> AdmVec {
    AdmVec(a[0] < b[0] ? b[0] : a[0], a[1] < b[1] ? b[1] : a[1], a[2] < b[2] ? b[2] : a[2],
           a[3] < b[3] ? b[3] : a[3], a[4] < b[4] ? b[4] : a[4], a[5] < b[5] ? b[5] : a[5],
           a[6] < b[6] ? b[6] : a[6], a[7] < b[7] ? b[7] : a[7])
}

/// Lane-wise minimum (see `vmax`).
@inline(__always)
func vmin(_ a: AdmVec, _ b: AdmVec) -> AdmVec {
    AdmVec(b[0] < a[0] ? b[0] : a[0], b[1] < a[1] ? b[1] : a[1], b[2] < a[2] ? b[2] : a[2],
           b[3] < a[3] ? b[3] : a[3], b[4] < a[4] ? b[4] : a[4], b[5] < a[5] ? b[5] : a[5],
           b[6] < a[6] ? b[6] : a[6], b[7] < a[7] ? b[7] : a[7])
}

extension SIMD8 where Scalar == Float {
    /// Lane-wise absolute value.
    @inline(__always)
    var magnitude: SIMD8<Float> { vmax(self, -self) }

    /// Zeroes the lanes outside `mask`.
    @inline(__always)
    func masked(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<Float> {
        var out = AdmVec()
        out.replace(with: self, where: mask)
        return out
    }

    /// Sum of the lanes, in Double.
    @inline(__always)
    var wideSum: Double {
        let lo = lowHalf + highHalf
        return Double(lo[0] + lo[2]) + Double(lo[1] + lo[3])
    }
}
