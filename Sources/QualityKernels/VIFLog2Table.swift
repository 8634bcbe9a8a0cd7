import Foundation

/// The fixed-point base-2 logarithm of libvmaf's integer VIF.
///
/// `log2` of an integer `x >= 2^15` is evaluated as `table[top16(x)] + 2048 * k`, where
/// `top16(x)` are the 16 most significant bits of `x`, `k` is how far `x` was shifted to
/// get them, and `table[i] = round(2048 * log2f(i))` for `i` in `32768...65535`.
/// The result is in units of 1/2048.
final class VIFLog2Table {
    /// 65536 entries; only indices 32768...65535 are used.
    let entries: UnsafeMutablePointer<UInt16>

    init() {
        entries = UnsafeMutablePointer<UInt16>.allocate(capacity: 65536)
        entries.initialize(repeating: 0, count: 65536)
        for i in 32767..<65536 {
            // libvmaf rounds the single-precision log, half away from zero.
            let value = (Foundation.log2(Float(i)) * 2048).rounded(.toNearestOrAwayFromZero)
            entries[i] = UInt16(value)
        }
    }

    deinit { entries.deallocate() }

    /// Scalar fixed-point log2 of `x` (`x >= 2^15`), in units of 1/2048.
    func log2(_ x: UInt64) -> Int64 {
        let k = (63 - x.leadingZeroBitCount) - 15
        return Int64(entries[Int(x >> UInt64(k))]) + 2048 * Int64(k)
    }
}

/// Fixed-point log2 of 8 exact integers held in doubles (each `>= 2^15` in lanes that
/// matter; other lanes give a harmless in-range table index).
///
/// The exponent field gives `k + 15`; the top 15 fraction bits plus the implicit one are
/// exactly the 16 most significant bits of the integer.
@inline(__always)
func vifLog2(_ x: SIMD8<Double>, _ table: UnsafePointer<UInt16>) -> SIMD8<Int64> {
    let bits = unsafeBitCast(x, to: SIMD8<Int64>.self)
    let exponent = ((bits &>> 52) & 0x7FF) &- (1023 + 15)
    let index = ((bits &>> 37) & 0x7FFF) | 0x8000
    var looked = SIMD8<Int64>()
    for lane in 0..<8 {
        looked[lane] = Int64(table[Int(truncatingIfNeeded: index[lane])])
    }
    return looked &+ (exponent &<< 11)
}
