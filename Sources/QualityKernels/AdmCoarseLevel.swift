/// Wavelet levels 3 and 4 (scales 2 and 3; scale 1 also fits `AdmSecondLevel`'s 16-bit halves)
/// in libvmaf's 32-bit fixed point, reproduced exactly:
/// the integer taps run in double (every product and sum is an integer below 2^53, so exact)
/// and each pass ends with libvmaf's round-and-shift. Bands stay integers in Q21 (scale 1),
/// Q19 (scale 2) and Q18 (scale 3) of an 8-bit step. Exact bands keep the 1-degree angle test
/// of the decoupling on the same side of its threshold as libvmaf's.
enum AdmCoarseLevel {
    typealias Wide = SIMD8<Double>
    typealias Lanes = SIMD8<Int32>

    private static let low: (Double, Double, Double, Double) = (15826, 27411, 7345, -4240)
    private static let high: (Double, Double, Double, Double) = (-4240, -7345, 27411, -15826)

    /// (x + add) >> shift, for integer-valued doubles below 2^51: scaling by 2^-shift is exact,
    /// and adding 1.5 * 2^52 rounds to an integer held in the low 32 bits of the result. The
    /// bias turns that round-to-nearest into the floor an arithmetic shift performs.
    struct Shift {
        let add: Wide
        let scale: Wide
        let bias: Wide

        init(add: Double, shift: Int) {
            let unit = 1 / Double(1 << shift)
            self.add = Wide(repeating: add)
            scale = Wide(repeating: unit)
            bias = Wide(repeating: 0.5 - unit / 2)
        }

        @inline(__always)
        func apply(_ x: Wide) -> Lanes {
            let rounded = ((x + add) * scale - bias) + Wide(repeating: 6_755_399_441_055_744)
            let bits = unsafeBitCast(rounded, to: SIMD8<UInt64>.self)
            return Lanes(Int32(truncatingIfNeeded: bits[0]), Int32(truncatingIfNeeded: bits[1]),
                         Int32(truncatingIfNeeded: bits[2]), Int32(truncatingIfNeeded: bits[3]),
                         Int32(truncatingIfNeeded: bits[4]), Int32(truncatingIfNeeded: bits[5]),
                         Int32(truncatingIfNeeded: bits[6]), Int32(truncatingIfNeeded: bits[7]))
        }
    }

    /// libvmaf's rounding after the vertical and the horizontal pass of scale 2 or 3.
    static func shifts(scale: Int) -> (vertical: Shift, horizontal: Shift) {
        scale == 2 ? (Shift(add: 32768, shift: 16), Shift(add: 32768, shift: 16))
            : (Shift(add: 32768, shift: 16), Shift(add: 16384, shift: 15))
    }

    /// Fractional bits of the bands a scale produces (scale 0: 6).
    static func bandBits(scale: Int) -> Int { [6, 21, 19, 18][min(max(scale, 0), 3)] }

    /// Vertical pass of scales 2 and 3 over the previous 32-bit approximation.
    static func vertical(_ rows: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>,
                                  UnsafePointer<Int32>),
                         count: Int, shift: Shift,
                         low lowOut: UnsafeMutablePointer<Int32>, high highOut: UnsafeMutablePointer<Int32>) {
        let (l0, l1, l2, l3) = low
        let (h0, h1, h2, h3) = high
        var j = 0
        while j < count {
            let s0 = AdmLanes.widen(rows.0.lanes(j)), s1 = AdmLanes.widen(rows.1.lanes(j))
            let s2 = AdmLanes.widen(rows.2.lanes(j)), s3 = AdmLanes.widen(rows.3.lanes(j))
            lowOut.store(shift.apply(s0 * l0 + s1 * l1 + s2 * l2 + s3 * l3), at: j)
            highOut.store(shift.apply(s0 * h0 + s1 * h1 + s2 * h2 + s3 * h3), at: j)
            j += AdmLanes.count
        }
    }

    /// Writes the mirrored taps at -1, `count` and `count + 1` of a vertical-pass row.
    @inline(__always)
    static func padEdges(_ row: UnsafeMutablePointer<Int32>, count: Int) {
        row[-1] = row[AdmGeometry.mirror(-1, count)]
        row[count] = row[AdmGeometry.mirror(count, count)]
        row[count + 1] = row[AdmGeometry.mirror(count + 1, count)]
    }

    /// Horizontal pass: band j from taps 2j-1 ... 2j+2 of the low row (approximation `a`, band v)
    /// and of the high row (bands h and d). Writes whole vectors; samples past `bands` are scratch.
    static func horizontal(low: UnsafePointer<Int32>, high: UnsafePointer<Int32>, bands: Int, shift: Shift,
                           a: UnsafeMutablePointer<Int32>, detail: AdmFixedRow) {
        var j = 0
        while j < bands {
            let (ra, rv) = filterPair(low, j, shift)
            let (rh, rd) = filterPair(high, j, shift)
            a.store(ra, at: j)
            detail.v.store(rv, at: j)
            detail.h.store(rh, at: j)
            detail.d.store(rd, at: j)
            j += AdmLanes.count
        }
    }

    /// Low- and high-pass outputs j ..< j+8 of one row.
    @inline(__always)
    private static func filterPair(_ row: UnsafePointer<Int32>, _ j: Int, _ shift: Shift) -> (Lanes, Lanes) {
        let x = UnsafeRawPointer(row + 2 * j - 1).loadUnaligned(as: SIMD16<Int32>.self)
        let y = UnsafeRawPointer(row + 2 * j + 1).loadUnaligned(as: SIMD16<Int32>.self)
        let t0 = AdmLanes.widen(x.evenHalf), t1 = AdmLanes.widen(x.oddHalf)
        let t2 = AdmLanes.widen(y.evenHalf), t3 = AdmLanes.widen(y.oddHalf)
        let (l0, l1, l2, l3) = low
        let (h0, h1, h2, h3) = high
        return (shift.apply(t0 * l0 + t1 * l1 + t2 * l2 + t3 * l3),
                shift.apply(t0 * h0 + t1 * h1 + t2 * h2 + t3 * h3))
    }
}
