/// The second wavelet level (scale 1) in libvmaf's fixed point, reproduced exactly with 16-bit
/// operands only. Its vertical pass is exact and unrounded (Q21 values up to 2^31); each value
/// is stored split in two 16-bit halves, hi = (x + 2^15) >> 16 and lo = x - hi * 2^16, so the
/// horizontal taps run as 32-bit `pmaddwd`s: sum(c x) = 2^16 sum(c hi) + sum(c lo), and
/// libvmaf's (sum + 2^14) >> 15 becomes 2 sum(c hi) + ((sum(c lo) + 2^14) >> 15).
enum AdmSecondLevel {
    typealias Lanes = SIMD8<Int32>

    /// A vertical-pass row kept as two 16-bit halves.
    struct SplitRow {
        let hi: UnsafeMutablePointer<Int16>
        let lo: UnsafeMutablePointer<Int16>
    }

    /// Vertical pass over scale 0's 16-bit approximation into split low and high rows.
    static func vertical(_ rows: (UnsafePointer<Int16>, UnsafePointer<Int16>, UnsafePointer<Int16>,
                                  UnsafePointer<Int16>),
                         count: Int, low: SplitRow, high: SplitRow) {
        @inline(__always) func load(_ p: UnsafePointer<Int16>, _ j: Int) -> Lanes {
            AdmLanes.extend(UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Int16>.self))
        }
        var j = 0
        while j < count {
            let s0 = load(rows.0, j), s1 = load(rows.1, j), s2 = load(rows.2, j), s3 = load(rows.3, j)
            store((s0 &* 15826 &+ s1 &* 27411) &+ (s2 &* 7345 &+ s3 &* -4240), low, j)
            store((s0 &* -4240 &+ s1 &* -7345) &+ (s2 &* 27411 &+ s3 &* -15826), high, j)
            j += AdmLanes.count
        }
    }

    @inline(__always)
    private static func store(_ x: Lanes, _ row: SplitRow, _ j: Int) {
        let hi = (x &+ 32768) &>> 16
        let lo = x &- (hi &<< 16)
        UnsafeMutableRawPointer(row.hi + j).storeBytes(of: AdmLanes.narrow(hi), as: SIMD8<Int16>.self)
        UnsafeMutableRawPointer(row.lo + j).storeBytes(of: AdmLanes.narrow(lo), as: SIMD8<Int16>.self)
    }

    /// Writes the mirrored taps at -1, `count` and `count + 1` of both halves.
    @inline(__always)
    static func padEdges(_ row: SplitRow, count: Int) {
        AdmFirstLevel.padEdges(row.hi, count: count)
        AdmFirstLevel.padEdges(row.lo, count: count)
    }

    /// Horizontal pass into Q21 bands. Writes whole vectors; samples past `bands` are scratch.
    static func horizontal(low: SplitRow, high: SplitRow, bands: Int,
                           a: UnsafeMutablePointer<Int32>, detail: AdmFixedRow) {
        var j = 0
        while j < bands {
            let (ra, rv) = filterPair(low, j)
            let (rh, rd) = filterPair(high, j)
            a.store(ra, at: j)
            detail.v.store(rv, at: j)
            detail.h.store(rh, at: j)
            detail.d.store(rd, at: j)
            j += AdmLanes.count
        }
    }

    @inline(__always)
    private static func filterPair(_ row: SplitRow, _ j: Int) -> (Lanes, Lanes) {
        let upper = AdmFirstLevel.tapSums(UnsafePointer(row.hi), j)
        let lower = AdmFirstLevel.tapSums(UnsafePointer(row.lo), j)
        let rounding = Lanes(repeating: 16384)
        return ((upper.low &<< 1) &+ ((lower.low &+ rounding) &>> 15),
                (upper.high &<< 1) &+ ((lower.high &+ rounding) &>> 15))
    }
}
