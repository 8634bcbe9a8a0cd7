/// The first wavelet level (scale 0) in libvmaf's fixed point, reproduced exactly: samples are
/// centred, filtered vertically with the Q15 taps and rounded to 16 bits, then filtered
/// horizontally and rounded to 1/64 of an 8-bit step (Q6 integers). Exact bands keep the
/// 1-degree angle test of the decoupling on the same side of its threshold as libvmaf's; a
/// rounding difference there moves a scale's score by up to 1e-3.
///
/// Integer lanes made from 16-bit values and 16-bit constants let LLVM use `pmaddwd`, so this
/// costs about what a float pass would.
enum AdmFirstLevel {
    typealias Lanes = SIMD8<Int32>

    private static let low: (Int32, Int32, Int32, Int32) = (15826, 27411, 7345, -4240)
    private static let high: (Int32, Int32, Int32, Int32) = (-4240, -7345, 27411, -15826)

    /// Vertical pass over four sample rows of a `bitDepth`-bit picture into 16-bit low and high
    /// rows: (sum_k tap_k * (p_k - 2^(b-1)) + 2^(b-1)) >> b.
    static func vertical(_ rows: (UnsafePointer<UInt16>, UnsafePointer<UInt16>, UnsafePointer<UInt16>,
                                  UnsafePointer<UInt16>),
                         count: Int, bitDepth: Int,
                         low lowOut: UnsafeMutablePointer<Int16>, high highOut: UnsafeMutablePointer<Int16>) {
        let (l0, l1, l2, l3) = low
        let (h0, h1, h2, h3) = high
        let half = Int32(1) << Int32(bitDepth - 1)
        let shift = Lanes(repeating: Int32(bitDepth))
        let centre = SIMD8<Int16>(repeating: Int16(truncatingIfNeeded: half))
        @inline(__always) func load(_ p: UnsafePointer<UInt16>, _ j: Int) -> Lanes {
            let raw = UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<UInt16>.self)
            return AdmLanes.extend(SIMD8<Int16>(truncatingIfNeeded: raw) &- centre)
        }
        var j = 0
        while j + AdmLanes.count <= count {
            let s0 = load(rows.0, j), s1 = load(rows.1, j), s2 = load(rows.2, j), s3 = load(rows.3, j)
            // Pairs of taps side by side let LLVM fuse each pair into one `pmaddwd`.
            let lo = ((s0 &* l0 &+ s1 &* l1) &+ (s2 &* l2 &+ s3 &* l3) &+ half) &>> shift
            let hi = ((s0 &* h0 &+ s1 &* h1) &+ (s2 &* h2 &+ s3 &* h3) &+ half) &>> shift
            UnsafeMutableRawPointer(lowOut + j).storeBytes(of: AdmLanes.narrow(lo),
                                                           as: SIMD8<Int16>.self)
            UnsafeMutableRawPointer(highOut + j).storeBytes(of: AdmLanes.narrow(hi),
                                                            as: SIMD8<Int16>.self)
            j += AdmLanes.count
        }
        let b = Int32(bitDepth)
        while j < count {
            let s0 = Int32(rows.0[j]) - half, s1 = Int32(rows.1[j]) - half
            let s2 = Int32(rows.2[j]) - half, s3 = Int32(rows.3[j]) - half
            lowOut[j] = Int16(truncatingIfNeeded: (s0 &* l0 &+ s1 &* l1 &+ s2 &* l2 &+ s3 &* l3 &+ half) &>> b)
            highOut[j] = Int16(truncatingIfNeeded: (s0 &* h0 &+ s1 &* h1 &+ s2 &* h2 &+ s3 &* h3 &+ half) &>> b)
            j += 1
        }
    }

    /// Writes the mirrored taps at -1, `count` and `count + 1` of a vertical-pass row.
    @inline(__always)
    static func padEdges(_ row: UnsafeMutablePointer<Int16>, count: Int) {
        row[-1] = row[AdmGeometry.mirror(-1, count)]
        row[count] = row[AdmGeometry.mirror(count, count)]
        row[count + 1] = row[AdmGeometry.mirror(count + 1, count)]
    }

    /// Horizontal pass: band j = (sum_k tap_k * row[2j-1+k] + 2^15) >> 16, in 1/64 of an 8-bit
    /// step. Writes whole vectors; samples past `bands` are scratch.
    static func horizontal(low: UnsafePointer<Int16>, high: UnsafePointer<Int16>, bands: Int,
                           a: UnsafeMutablePointer<Int16>, detail: AdmFixedRow) {
        var j = 0
        while j < bands {
            let (ra, rv) = filterPair(low, j)
            let (rh, rd) = filterPair(high, j)
            UnsafeMutableRawPointer(a + j).storeBytes(of: AdmLanes.narrow(ra),
                                                      as: SIMD8<Int16>.self)
            detail.v.store(rv, at: j)
            detail.h.store(rh, at: j)
            detail.d.store(rd, at: j)
            j += AdmLanes.count
        }
    }

    /// Low- and high-pass outputs j ..< j+8 of one 16-bit row, rounded to 1/64.
    @inline(__always)
    private static func filterPair(_ row: UnsafePointer<Int16>, _ j: Int) -> (Lanes, Lanes) {
        let (lo, hi) = tapSums(row, j)
        let rounding = Lanes(repeating: 32768)
        return ((lo &+ rounding) &>> 16, (hi &+ rounding) &>> 16)
    }

    /// Unrounded low- and high-pass sums j ..< j+8 of one 16-bit row (exact in 32 bits). Each
    /// 32-bit load holds an (even, odd) pair of taps; shifts split it into sign-extended lanes.
    @inline(__always)
    static func tapSums(_ row: UnsafePointer<Int16>, _ j: Int) -> (low: Lanes, high: Lanes) {
        let x = UnsafeRawPointer(row + 2 * j - 1).loadUnaligned(as: Lanes.self)
        let y = UnsafeRawPointer(row + 2 * j + 1).loadUnaligned(as: Lanes.self)
        let t0 = (x &<< 16) &>> 16, t1 = x &>> 16, t2 = (y &<< 16) &>> 16, t3 = y &>> 16
        let (l0, l1, l2, l3) = low
        let (h0, h1, h2, h3) = high
        return ((t0 &* l0 &+ t1 &* l1) &+ (t2 &* l2 &+ t3 &* l3),
                (t0 &* h0 &+ t1 &* h1) &+ (t2 &* h2 &+ t3 &* h3))
    }
}
