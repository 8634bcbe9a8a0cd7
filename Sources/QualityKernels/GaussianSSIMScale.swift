/// Mean luminance, contrast and structure terms of one MS-SSIM scale, as libvmaf's
/// `_iqa_ssim` computes them for `float_ms_ssim`.
public struct SSIMComponents: Sendable, Equatable {
    /// Mean of l = (2μ₁μ₂ + C1) / (μ₁² + μ₂² + C1).
    public let luminance: Float
    /// Mean of c = (2σ₁σ₂ + C2) / (σ₁² + σ₂² + C2).
    public let contrast: Float
    /// Mean of s = (σ₁₂ + C3) / (σ₁σ₂ + C3).
    public let structure: Float
}

/// One MS-SSIM scale: statistics through the 11x11 Gaussian window (σ = 1.5, separable,
/// applied only where it fits inside the image: (w-10) x (h-10) positions), with
/// C1 = (0.01·255)², C2 = (0.03·255)², C3 = C2/2; σ² clamped at 0, and σ₁₂ clamped to 0
/// when negative while σ₁σ₂ is 0 (libvmaf's flat-area fix).
///
/// Rows stream through a ring of 11 horizontally filtered rows per statistic (μ₁, μ₂, E[a²],
/// E[b²], E[ab]), so the working set stays small; everything runs in 8-lane Float vectors.
enum GaussianSSIMScale {
    static let radius = 5
    static let taps: [Float] = [0.001028, 0.007599, 0.036001, 0.109361, 0.213006, 0.266012,
                                0.213006, 0.109361, 0.036001, 0.007599, 0.001028]
    static let c1: Float = (0.01 * 255) * (0.01 * 255)
    static let c2: Float = (0.03 * 255) * (0.03 * 255)
    static let c3: Float = c2 / 2

    /// l, c, s means over the valid window positions of two same-sized images (each side ≥ 11).
    /// `scratch` is working memory, grown as needed and reusable across calls.
    static func components(reference: FloatImage, distorted: FloatImage,
                           scratch: inout [Float]) -> SSIMComponents {
        let width = reference.width
        let outWidth = width - 2 * radius
        let outHeight = reference.height - 2 * radius
        let layout = ScratchLayout(width: width, outWidth: outWidth)
        if scratch.count < layout.total {
            scratch = [Float](repeating: 0, count: layout.total)
        }
        var totals = SIMD4<Double>(repeating: 0)
        reference.pixels.withUnsafeBufferPointer { refBuf in
        distorted.pixels.withUnsafeBufferPointer { distBuf in
        scratch.withUnsafeMutableBufferPointer { scratchBuf in
            guard let ref = refBuf.baseAddress, let dist = distBuf.baseAddress,
                  let base = scratchBuf.baseAddress else { return }
            let products = base + layout.products
            for row in 0..<reference.height {
                let a = ref + row * width, b = dist + row * width
                multiplyRows(a, b, into: products, stride: layout.productStride,
                             vectors: layout.inputVectors)
                let slot = row % window
                let n = layout.outVectors
                filterHorizontally(a, into: base + layout.ring(0, slot), vectors: n)
                filterHorizontally(b, into: base + layout.ring(1, slot), vectors: n)
                for q in 0..<3 {
                    filterHorizontally(products + q * layout.productStride,
                                       into: base + layout.ring(2 + q, slot), vectors: n)
                }
                guard row >= window - 1 else { continue }
                let first = (row + 1) % window
                for q in 0..<5 {
                    filterVertically(ring: base + layout.ring(q, 0), stride: layout.outStride,
                                     firstSlot: first, into: base + layout.moments(q),
                                     vectors: layout.outVectors)
                }
                totals += sumTerms(moments: UnsafePointer(base + layout.moments(0)),
                                   stride: layout.outStride, outWidth: outWidth)
            }
        }}}
        let count = Double(outWidth * outHeight)
        return SSIMComponents(luminance: Float(totals[0] / count),
                              contrast: Float(totals[1] / count),
                              structure: Float(totals[2] / count))
    }

    static let window = 11

    /// Offsets into one scratch allocation: three product rows (a², b², ab), the ring of
    /// 11 horizontally filtered rows per statistic, and five rows of windowed moments.
    struct ScratchLayout {
        let inputVectors: Int
        let outVectors: Int
        let productStride: Int
        let outStride: Int
        let products = 0
        let ringStart: Int
        let momentStart: Int
        let total: Int

        init(width: Int, outWidth: Int) {
            inputVectors = (width + 7) / 8 + 2
            outVectors = (outWidth + 7) / 8
            productStride = inputVectors * 8
            outStride = outVectors * 8
            ringStart = 3 * productStride
            momentStart = ringStart + 5 * GaussianSSIMScale.window * outStride
            total = momentStart + 5 * outStride
        }

        func ring(_ quantity: Int, _ slot: Int) -> Int {
            ringStart + (quantity * GaussianSSIMScale.window + slot) * outStride
        }

        func moments(_ quantity: Int) -> Int { momentStart + quantity * outStride }
    }

    /// a², b² and ab of one row pair, 8 lanes at a time (may read into the padding).
    @inline(__always)
    static func multiplyRows(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                             into out: UnsafeMutablePointer<Float>, stride: Int, vectors: Int) {
        for v in 0..<vectors {
            let x = v &* 8
            let va = FloatVector.load(a + x), vb = FloatVector.load(b + x)
            FloatVector.store(va * va, out + x)
            FloatVector.store(vb * vb, out + (stride &+ x))
            FloatVector.store(va * vb, out + (2 &* stride &+ x))
        }
    }

    /// 11-tap symmetric Gaussian along a row: out[x] = Σₖ g[k]·src[x + k].
    @inline(__always)
    static func filterHorizontally(_ src: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                   vectors: Int) {
        filterHorizontally(UnsafePointer(src), into: out, vectors: vectors)
    }

    @inline(__always)
    static func filterHorizontally(_ src: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                   vectors: Int) {
        let g = tapVectors
        for v in 0..<vectors {
            let p = src + v &* 8
            var acc = FloatVector.load(p + 5) * g.5
            acc += (FloatVector.load(p) + FloatVector.load(p + 10)) * g.0
            acc += (FloatVector.load(p + 1) + FloatVector.load(p + 9)) * g.1
            acc += (FloatVector.load(p + 2) + FloatVector.load(p + 8)) * g.2
            acc += (FloatVector.load(p + 3) + FloatVector.load(p + 7)) * g.3
            acc += (FloatVector.load(p + 4) + FloatVector.load(p + 6)) * g.4
            FloatVector.store(acc, out + v &* 8)
        }
    }

    /// 11-tap symmetric Gaussian down the ring: row k of the window is slot (firstSlot + k) % 11.
    @inline(__always)
    static func filterVertically(ring: UnsafeMutablePointer<Float>, stride: Int, firstSlot: Int,
                                 into out: UnsafeMutablePointer<Float>, vectors: Int) {
        @inline(__always) func row(_ k: Int) -> UnsafeMutablePointer<Float> {
            ring + ((firstSlot + k) % window) * stride
        }
        let r = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7), row(8),
                 row(9), row(10))
        let g = tapVectors
        for v in 0..<vectors {
            let x = v &* 8
            var acc = FloatVector.load(r.5 + x) * g.5
            acc += (FloatVector.load(r.0 + x) + FloatVector.load(r.10 + x)) * g.0
            acc += (FloatVector.load(r.1 + x) + FloatVector.load(r.9 + x)) * g.1
            acc += (FloatVector.load(r.2 + x) + FloatVector.load(r.8 + x)) * g.2
            acc += (FloatVector.load(r.3 + x) + FloatVector.load(r.7 + x)) * g.3
            acc += (FloatVector.load(r.4 + x) + FloatVector.load(r.6 + x)) * g.4
            FloatVector.store(acc, out + x)
        }
    }

    /// The six distinct Gaussian taps (g0…g5; g[10-k] = g[k]) as 8-lane vectors.
    static var tapVectors: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>,
                            SIMD8<Float>, SIMD8<Float>) {
        (SIMD8(repeating: 0.001028), SIMD8(repeating: 0.007599), SIMD8(repeating: 0.036001),
         SIMD8(repeating: 0.109361), SIMD8(repeating: 0.213006), SIMD8(repeating: 0.266012))
    }

    /// Sums of l, c and s over one row of windowed moments (rows μ₁, μ₂, E[a²], E[b²], E[ab]).
    static func sumTerms(moments: UnsafePointer<Float>, stride: Int, outWidth: Int) -> SIMD4<Double> {
        var lSum = SIMD8<Float>(repeating: 0), cSum = lSum, sSum = lSum
        let lane = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        var x = 0
        while x < outWidth {
            let p = moments + x
            var (l, c, s) = terms(mu1: FloatVector.load(p), mu2: FloatVector.load(p + stride),
                                  e11: FloatVector.load(p + 2 &* stride),
                                  e22: FloatVector.load(p + 3 &* stride),
                                  e12: FloatVector.load(p + 4 &* stride))
            let remaining = outWidth &- x
            if remaining < 8 {
                let keep = lane .< SIMD8<Int32>(repeating: Int32(remaining))
                let zero = SIMD8<Float>(repeating: 0)
                l = zero.replacing(with: l, where: keep)
                c = zero.replacing(with: c, where: keep)
                s = zero.replacing(with: s, where: keep)
            }
            lSum += l
            cSum += c
            sSum += s
            x &+= 8
        }
        return SIMD4<Double>(Double(lSum.sum()), Double(cSum.sum()), Double(sSum.sum()), 0)
    }

    /// Per-pixel luminance, contrast and structure from the windowed moments.
    @inline(__always)
    static func terms(mu1: SIMD8<Float>, mu2: SIMD8<Float>, e11: SIMD8<Float>,
                      e22: SIMD8<Float>, e12: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let zero = SIMD8<Float>(repeating: 0)
        var var1 = e11 - mu1 * mu1
        var1.replace(with: zero, where: var1 .< zero)
        var var2 = e22 - mu2 * mu2
        var2.replace(with: zero, where: var2 .< zero)
        var cov = e12 - mu1 * mu2
        let sigmaProduct = (var1 * var2).squareRoot()
        cov.replace(with: zero, where: (cov .< zero) .& (sigmaProduct .<= zero))
        let lNum = 2 * mu1 * mu2 + c1, lDen = mu1 * mu1 + mu2 * mu2 + c1
        let cNum = 2 * sigmaProduct + c2, cDen = var1 + var2 + c2
        let sNum = cov + c3, sDen = sigmaProduct + c3
        // One division for three quotients (all denominators are ≥ C3 > 0): a few ulps of
        // difference from three separate divisions, far below the tolerance.
        let cs = cDen * sDen
        let inverse = 1 / (lDen * cs)
        let lcs = lDen * inverse
        return (lNum * cs * inverse, cNum * sDen * lcs, sNum * cDen * lcs)
    }
}
