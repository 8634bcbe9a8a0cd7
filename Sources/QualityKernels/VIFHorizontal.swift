extension VIFScalePass {
    /// Filters the current row buffers horizontally and adds every pixel of row `row` to the
    /// VIF statistic. Means are Q16 sums (up to 32 bits); each second moment is the exact
    /// sum of its filtered high half plus its filtered low half shifted down with rounding.
    /// A reference-only pass stores the reference's mean and variance of the row in `captured`;
    /// a distorted-only pass reads them from there.
    func accumulateRow(_ accumulator: inout VIFAccumulator, row: Int) {
        let radius = filter.radius
        for stream in 0..<VIFWorkspace.rowStreams where needsStream(stream) {
            mirrorPad(workspace.rowStream(stream), count: width, radius: radius)
        }
        let table = UnsafePointer(workspace.log2Table.entries)
        let half = SIMD16<UInt32>(repeating: 32768)
        let laneIndex = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let limitBits = gainLimit.bitPattern.signedBitPattern
        let capturedMean = captured.map { $0.mean + row * $0.stride }
        let capturedVariance = captured.map { $0.variance + row * $0.stride }
        filter.taps.withUnsafeBufferPointer { tapBuffer in
            guard let taps = tapBuffer.baseAddress else { return }
            var j = 0
            while j < width {
                let h = filterRow(at: j, taps: taps)
                let remaining = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: min(width - j, 16)))
                let xx = h.2 &+ ((h.3 &+ half) &>> 16)
                let yy = h.4 &+ ((h.5 &+ half) &>> 16)
                let xy = h.6 &+ ((h.7 &+ half) &>> 16)
                var mu1 = h.0, s1 = SIMD16<Int32>()
                switch sides {
                case .both: break
                case .referenceOnly:
                    let (m0, m1) = halves(mu1), (x0, x1) = halves(xx)
                    s1 = unsafeBitCast((accumulator.referenceVariance(mu1: m0, xx: x0),
                                        accumulator.referenceVariance(mu1: m1, xx: x1)), to: SIMD16<Int32>.self)
                    if let capturedMean, let capturedVariance {
                        store32(mu1, capturedMean, j)
                        storeInt32x16(s1, capturedVariance, j)
                    }
                case .distortedOnly:
                    if let capturedMean, let capturedVariance {
                        mu1 = load32(capturedMean, j)
                        s1 = loadInt32x16(capturedVariance, j)
                    }
                }
                let (mu1Low, mu1High) = halves(mu1), (mu2Low, mu2High) = halves(h.1)
                let (xxLow, xxHigh) = halves(xx), (yyLow, yyHigh) = halves(yy)
                let (xyLow, xyHigh) = halves(xy)
                let (s1Low, s1High) = unsafeBitCast(s1, to: (SIMD8<Int32>, SIMD8<Int32>).self)
                add(&accumulator, valid: negativeMask(laneIndex &- remaining), mu1: mu1Low, mu2: mu2Low,
                    xx: xxLow, yy: yyLow, xy: xyLow, s1: s1Low, limitBits: limitBits, table: table)
                add(&accumulator, valid: negativeMask(laneIndex &+ 8 &- remaining), mu1: mu1High, mu2: mu2High,
                    xx: xxHigh, yy: yyHigh, xy: xyHigh, s1: s1High, limitBits: limitBits, table: table)
                j &+= 16
            }
        }
    }

    /// Adds 8 pixels to the statistic, the part of it this pass computes.
    @inline(__always)
    private func add(_ accumulator: inout VIFAccumulator, valid: SIMD8<Int32>, mu1: SIMD8<UInt32>, mu2: SIMD8<UInt32>,
                     xx: SIMD8<UInt32>, yy: SIMD8<UInt32>, xy: SIMD8<UInt32>, s1: SIMD8<Int32>,
                     limitBits: Int64, table: UnsafePointer<UInt16>) {
        switch sides {
        case .both:
            accumulator.add(mu1: mu1, mu2: mu2, xx: xx, yy: yy, xy: xy, valid: valid, gainLimitBits: limitBits, table: table)
        case .referenceOnly:
            accumulator.addReference(s1: s1, valid: valid, table: table)
        case .distortedOnly:
            accumulator.addDistorted(mu1: mu1, s1: s1, mu2: mu2, yy: yy, xy: xy, valid: valid,
                                     gainLimitBits: limitBits, table: table)
        }
    }

    /// Whether row stream `stream` (0 mu1, 1 mu2, 2-3 xx, 4-5 yy, 6-7 xy) is computed by this pass.
    @inline(__always)
    func needsStream(_ stream: Int) -> Bool {
        stream == 0 || stream == 2 || stream == 3 ? needsReference : needsDistorted
    }

    /// The horizontal filter of the eight row streams at columns `j..<j+16` (streams the pass
    /// does not compute are left zero).
    @inline(__always)
    private func filterRow(at j: Int, taps: UnsafePointer<UInt32>)
        -> (SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>,
            SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>, SIMD16<UInt32>) {
        let radius = filter.radius
        let withReference = needsReference, withDistorted = needsDistorted
        let o0 = workspace.rowStream(0), o1 = workspace.rowStream(1)
        let o2 = workspace.rowStream(2), o3 = workspace.rowStream(3)
        let o4 = workspace.rowStream(4), o5 = workspace.rowStream(5)
        let o6 = workspace.rowStream(6), o7 = workspace.rowStream(7)
        var h0 = SIMD16<UInt32>(), h1 = SIMD16<UInt32>(), h2 = SIMD16<UInt32>()
        var h3 = SIMD16<UInt32>(), h4 = SIMD16<UInt32>(), h5 = SIMD16<UInt32>()
        var h6 = SIMD16<UInt32>(), h7 = SIMD16<UInt32>()
        @inline(__always) func tap(_ o: UnsafeMutablePointer<UInt32>, _ a: Int, _ b: Int, _ paired: Bool) -> SIMD16<UInt32> {
            paired ? load32(o, a) &+ load32(o, b) : load32(o, a)
        }
        for p in 0...radius {
            let f = SIMD16<UInt32>(repeating: taps[p])
            let a = j &- radius &+ p, b = j &+ radius &- p
            let paired = p < radius
            if withReference {
                h0 &+= f &* tap(o0, a, b, paired)
                h2 &+= f &* tap(o2, a, b, paired)
                h3 &+= f &* tap(o3, a, b, paired)
            }
            if withDistorted {
                h1 &+= f &* tap(o1, a, b, paired)
                h4 &+= f &* tap(o4, a, b, paired); h5 &+= f &* tap(o5, a, b, paired)
                h6 &+= f &* tap(o6, a, b, paired); h7 &+= f &* tap(o7, a, b, paired)
            }
        }
        return (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}

/// Mirrors `radius` samples on each side of a row of `count` samples stored at `row`
/// (libvmaf's edge handling: `row[-k] = row[k]`, `row[count - 1 + k] = row[count - 1 - k]`).
@inline(__always)
func mirrorPad<T>(_ row: UnsafeMutablePointer<T>, count: Int, radius: Int) {
    for k in 1...max(radius, 1) {
        row[-k] = row[mirrorIndex(-k, count)]
        row[count - 1 + k] = row[mirrorIndex(count - 1 + k, count)]
    }
}
