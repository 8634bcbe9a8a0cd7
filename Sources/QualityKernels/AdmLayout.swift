/// Where each buffer of a workspace lives, for one picture size.
struct AdmLayout {
    /// Slice sizes per element type, in the order `init` hands them out.
    struct Plan {
        let width: Int
        let shorts: [Int]
        let ints: [Int]
        let floats: [Int]

        init(width: Int, height: Int) {
            self.width = width
            var pictures: [Int] = []
            var (w, h) = (width, height)
            for _ in 1...3 {
                (w, h) = (AdmGeometry.half(w), AdmGeometry.half(h))
                pictures += [AdmLayout.stride(w) * h, AdmLayout.stride(w) * h]
            }
            let band = AdmGeometry.half(width)
            shorts = Array(repeating: width + 2, count: 4) + Array(pictures[0..<2])
                + Array(repeating: band + 2, count: 8)
            ints = Array(pictures[2...]) + Array(repeating: band + 2, count: 4) + Array(repeating: band, count: 6 + 2)
            floats = Array(repeating: band, count: 6 + 3)
        }
    }

    /// Scale 0's approximation of reference and distorted (Q6, 16 bits): the input of scale 1.
    let firstApproximation: (reference: AdmPicture<Int16>, distorted: AdmPicture<Int16>)
    /// Scales 1 and 2's approximations (32 bits): the inputs of scales 2 and 3.
    let approximations: [(reference: AdmPicture<Int32>, distorted: AdmPicture<Int32>)]
    /// Scale 0's 16-bit vertical-pass rows (low and high of reference and distorted).
    let fixedLow: (reference: UnsafeMutablePointer<Int16>, distorted: UnsafeMutablePointer<Int16>)
    let fixedHigh: (reference: UnsafeMutablePointer<Int16>, distorted: UnsafeMutablePointer<Int16>)
    /// Scale 1's vertical-pass rows, split in 16-bit halves.
    let splitLow: (reference: AdmSecondLevel.SplitRow, distorted: AdmSecondLevel.SplitRow)
    let splitHigh: (reference: AdmSecondLevel.SplitRow, distorted: AdmSecondLevel.SplitRow)
    /// Scales 2 and 3's 32-bit vertical-pass rows.
    let coarseLow: (reference: UnsafeMutablePointer<Int32>, distorted: UnsafeMutablePointer<Int32>)
    let coarseHigh: (reference: UnsafeMutablePointer<Int32>, distorted: UnsafeMutablePointer<Int32>)
    /// Detail bands (h, v, d) of the current row of reference and distorted.
    let reference: AdmFixedRow
    let distorted: AdmFixedRow
    /// Destination of the approximation row when no further scale needs it.
    let scratch: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>)
    /// Two rows (by band row parity) of CSF-weighted restored magnitudes, h, v and d.
    let restored: [AdmBandRow]
    /// Three rows (by band row mod 3) of the masking sum, sum over theta of |csf(additive)| / 30.
    let masking: [UnsafeMutablePointer<Float>]

    /// Row stride of an approximation picture `width` samples wide.
    static func stride(_ width: Int) -> Int { AdmLanes.roundUp(width) + AdmLanes.count }

    init(plan: Plan, shorts: [UnsafeMutablePointer<Int16>], ints: [UnsafeMutablePointer<Int32>],
         floats: [UnsafeMutablePointer<Float>]) {
        var w = AdmGeometry.half(plan.width)
        firstApproximation = (AdmPicture(data: shorts[4], stride: AdmLayout.stride(w)),
                              AdmPicture(data: shorts[5], stride: AdmLayout.stride(w)))
        approximations = (0..<2).map { index in
            w = AdmGeometry.half(w)
            return (AdmPicture(data: ints[2 * index], stride: AdmLayout.stride(w)),
                    AdmPicture(data: ints[2 * index + 1], stride: AdmLayout.stride(w)))
        }
        fixedLow = (shorts[0], shorts[1])
        fixedHigh = (shorts[2], shorts[3])
        let split = { (k: Int) in AdmSecondLevel.SplitRow(hi: shorts[k], lo: shorts[k + 1]) }
        splitLow = (split(6), split(8))
        splitHigh = (split(10), split(12))
        coarseLow = (ints[4], ints[5])
        coarseHigh = (ints[6], ints[7])
        reference = AdmFixedRow(h: ints[8], v: ints[9], d: ints[10])
        distorted = AdmFixedRow(h: ints[11], v: ints[12], d: ints[13])
        scratch = (ints[14], ints[15])
        restored = [AdmBandRow(h: floats[0], v: floats[1], d: floats[2]),
                    AdmBandRow(h: floats[3], v: floats[4], d: floats[5])]
        masking = [floats[6], floats[7], floats[8]]
    }
}

/// One approximation picture (row-major integers, padded rows) passed between scales.
struct AdmPicture<Element> {
    let data: UnsafeMutablePointer<Element>
    let stride: Int

    @inline(__always)
    func row(_ i: Int) -> UnsafeMutablePointer<Element> { data + i * stride }

    /// Four rows, as the vertical wavelet pass reads them.
    @inline(__always)
    func rows(_ r: (Int, Int, Int, Int)) -> (UnsafePointer<Element>, UnsafePointer<Element>,
                                             UnsafePointer<Element>, UnsafePointer<Element>) {
        (UnsafePointer(row(r.0)), UnsafePointer(row(r.1)), UnsafePointer(row(r.2)), UnsafePointer(row(r.3)))
    }
}

/// The three detail orientations of one band row, as libvmaf's fixed-point integers.
struct AdmFixedRow {
    let h: UnsafeMutablePointer<Int32>
    let v: UnsafeMutablePointer<Int32>
    let d: UnsafeMutablePointer<Int32>
}

/// The three detail orientations of one row of float values.
struct AdmBandRow {
    let h: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    let d: UnsafeMutablePointer<Float>
}
