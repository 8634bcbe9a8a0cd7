/// The downsampling between MS-SSIM scales, as libvmaf's `_iqa_decimate` does it for
/// `float_ms_ssim`: low-pass with the 9-tap 9/7 biorthogonal wavelet filter, keep every second
/// sample in x and y starting at 0 (output size ⌈w/2⌉ x ⌈h/2⌉), half-sample symmetric
/// mirroring at the borders (index -1 reads 0, index w reads w-1).
///
/// libvmaf applies a 9x9 table whose entries are the outer product of the 1-D filter rounded
/// to six decimals; this applies the 1-D filter separably (vertical, then horizontal on the
/// even columns). The two differ by under 1e-6 of the signal (kernel sums 1.000005 vs
/// 1.000004), far below the agreement tolerance.
enum MSSSIMDecimation {
    static let taps: [Float] = [0.026727, -0.016828, -0.078201, 0.266846, 0.602914,
                                0.266846, -0.078201, -0.016828, 0.026727]
    static let radius = 4

    /// Half-sample symmetric reflection of `i` into 0..<n (valid for -n ≤ i < 2n).
    @inline(__always)
    static func mirror(_ i: Int, _ n: Int) -> Int {
        if i < 0 { return -1 - i }
        if i >= n { return 2 * n - 1 - i }
        return i
    }

    /// Low-passes and halves `image` into `output` (resized to ⌈w/2⌉ x ⌈h/2⌉). Each side of
    /// `image` must be at least 5. `scratch` is reusable working memory.
    static func halve(_ image: FloatImage, into output: inout FloatImage, scratch: inout [Float]) {
        let w = image.width, h = image.height
        let outW = w / 2 + (w & 1), outH = h / 2 + (h & 1)
        output.resize(width: outW, height: outH)
        // Vertically filtered row, then the same row mirrored-padded and split even/odd.
        let columnVectors = (w + 7) / 8
        let columnLength = columnVectors * 8
        let phaseLength = (w + 2 * radius + 1) / 2 + 16
        if scratch.count < columnLength + 2 * phaseLength {
            scratch = [Float](repeating: 0, count: columnLength + 2 * phaseLength)
        }
        image.pixels.withUnsafeBufferPointer { srcBuf in
        output.pixels.withUnsafeMutableBufferPointer { dstBuf in
        scratch.withUnsafeMutableBufferPointer { scratchBuf in
        taps.withUnsafeBufferPointer { tapBuf in
            guard let src = srcBuf.baseAddress, let dst = dstBuf.baseAddress,
                  let col = scratchBuf.baseAddress, let g = tapBuf.baseAddress else { return }
            let ev = col + columnLength, od = col + columnLength + phaseLength
            for oy in 0..<outH {
                vertical(src, width: w, height: h, centre: 2 * oy, vectors: columnVectors,
                         taps: g, into: col)
                split(col, width: w, even: ev, odd: od)
                horizontal(even: ev, odd: od, outWidth: outW, taps: g, into: dst + oy * outW)
            }
        }}}}
    }

    /// Column[x] = Σᵢ tap[i] · image[mirror(centre + i - 4)][x] for all x.
    @inline(__always)
    static func vertical(_ src: UnsafePointer<Float>, width: Int, height: Int, centre: Int,
                         vectors: Int, taps: UnsafePointer<Float>,
                         into column: UnsafeMutablePointer<Float>) {
        @inline(__always) func row(_ i: Int) -> UnsafePointer<Float> {
            src + mirror(centre + i - radius, height) * width
        }
        let rows = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7), row(8))
        for v in 0..<vectors {
            let x = v &* 8
            var acc = SIMD8<Float>(repeating: 0)
            acc += FloatVector.load(rows.0 + x) * taps[0]
            acc += FloatVector.load(rows.1 + x) * taps[1]
            acc += FloatVector.load(rows.2 + x) * taps[2]
            acc += FloatVector.load(rows.3 + x) * taps[3]
            acc += FloatVector.load(rows.4 + x) * taps[4]
            acc += FloatVector.load(rows.5 + x) * taps[5]
            acc += FloatVector.load(rows.6 + x) * taps[6]
            acc += FloatVector.load(rows.7 + x) * taps[7]
            acc += FloatVector.load(rows.8 + x) * taps[8]
            FloatVector.store(acc, column + x)
        }
    }

    /// Mirrors 4 samples onto each side of `column` and splits it into even/odd phases:
    /// padded[j] = column[mirror(j - 4)], even[t] = padded[2t], odd[t] = padded[2t + 1].
    @inline(__always)
    static func split(_ column: UnsafeMutablePointer<Float>, width: Int,
                      even: UnsafeMutablePointer<Float>, odd: UnsafeMutablePointer<Float>) {
        let padded = width + 2 * radius
        var j = 0
        while j < padded {
            even[j >> 1] = column[mirror(j - radius, width)]
            if j + 1 < padded { odd[j >> 1] = column[mirror(j + 1 - radius, width)] }
            j += 2
        }
    }

    /// out[x] = Σⱼ tap[j] · padded[2x + j], reading padded through its even/odd phases.
    @inline(__always)
    static func horizontal(even: UnsafeMutablePointer<Float>, odd: UnsafeMutablePointer<Float>,
                           outWidth: Int, taps: UnsafePointer<Float>,
                           into out: UnsafeMutablePointer<Float>) {
        var x = 0
        while x < outWidth {
            var acc = SIMD8<Float>(repeating: 0)
            acc += FloatVector.load(even + x) * taps[0]
            acc += FloatVector.load(odd + x) * taps[1]
            acc += FloatVector.load(even + (x &+ 1)) * taps[2]
            acc += FloatVector.load(odd + (x &+ 1)) * taps[3]
            acc += FloatVector.load(even + (x &+ 2)) * taps[4]
            acc += FloatVector.load(odd + (x &+ 2)) * taps[5]
            acc += FloatVector.load(even + (x &+ 3)) * taps[6]
            acc += FloatVector.load(odd + (x &+ 3)) * taps[7]
            acc += FloatVector.load(even + (x &+ 4)) * taps[8]
            if outWidth - x >= 8 {
                FloatVector.store(acc, out + x)
            } else {
                for lane in 0..<(outWidth - x) { out[x + lane] = acc[lane] }
            }
            x &+= 8
        }
    }
}
