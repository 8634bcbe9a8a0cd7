extension VIFScalePass {
    /// Filters the current row buffers horizontally and adds every pixel of the row to the
    /// VIF statistic. Means are Q16 sums (up to 32 bits); each second moment is the exact
    /// sum of its filtered high half plus its filtered low half shifted down with rounding.
    func accumulateRow(_ accumulator: inout VIFAccumulator) {
        let radius = filter.radius
        let o0 = workspace.rowStream(0), o1 = workspace.rowStream(1)
        let o2 = workspace.rowStream(2), o3 = workspace.rowStream(3)
        let o4 = workspace.rowStream(4), o5 = workspace.rowStream(5)
        let o6 = workspace.rowStream(6), o7 = workspace.rowStream(7)
        for stream in 0..<VIFWorkspace.rowStreams {
            mirrorPad(workspace.rowStream(stream), count: width, radius: radius)
        }
        let table = UnsafePointer(workspace.log2Table.entries)
        let half = SIMD16<UInt32>(repeating: 32768)
        let laneIndex = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let limitBits = gainLimit.bitPattern.signedBitPattern
        filter.taps.withUnsafeBufferPointer { tapBuffer in
            guard let taps = tapBuffer.baseAddress else { return }
            var j = 0
            while j < width {
                var h0 = SIMD16<UInt32>(), h1 = SIMD16<UInt32>(), h2 = SIMD16<UInt32>()
                var h3 = SIMD16<UInt32>(), h4 = SIMD16<UInt32>(), h5 = SIMD16<UInt32>()
                var h6 = SIMD16<UInt32>(), h7 = SIMD16<UInt32>()
                for p in 0..<radius {
                    let f = SIMD16<UInt32>(repeating: taps[p])
                    let a = j &- radius &+ p, b = j &+ radius &- p
                    h0 &+= f &* (load32(o0, a) &+ load32(o0, b))
                    h1 &+= f &* (load32(o1, a) &+ load32(o1, b))
                    h2 &+= f &* (load32(o2, a) &+ load32(o2, b))
                    h3 &+= f &* (load32(o3, a) &+ load32(o3, b))
                    h4 &+= f &* (load32(o4, a) &+ load32(o4, b))
                    h5 &+= f &* (load32(o5, a) &+ load32(o5, b))
                    h6 &+= f &* (load32(o6, a) &+ load32(o6, b))
                    h7 &+= f &* (load32(o7, a) &+ load32(o7, b))
                }
                let f = SIMD16<UInt32>(repeating: taps[radius])
                h0 &+= f &* load32(o0, j); h1 &+= f &* load32(o1, j)
                h2 &+= f &* load32(o2, j); h3 &+= f &* load32(o3, j)
                h4 &+= f &* load32(o4, j); h5 &+= f &* load32(o5, j)
                h6 &+= f &* load32(o6, j); h7 &+= f &* load32(o7, j)
                let xx = h2 &+ ((h3 &+ half) &>> 16)
                let yy = h4 &+ ((h5 &+ half) &>> 16)
                let xy = h6 &+ ((h7 &+ half) &>> 16)
                let (mu1Low, mu1High) = halves(h0), (mu2Low, mu2High) = halves(h1)
                let (xxLow, xxHigh) = halves(xx), (yyLow, yyHigh) = halves(yy)
                let (xyLow, xyHigh) = halves(xy)
                let remaining = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: min(width - j, 16)))
                accumulator.add(mu1: mu1Low, mu2: mu2Low, xx: xxLow, yy: yyLow, xy: xyLow,
                                valid: negativeMask(laneIndex &- remaining),
                                gainLimitBits: limitBits, table: table)
                accumulator.add(mu1: mu1High, mu2: mu2High, xx: xxHigh, yy: yyHigh, xy: xyHigh,
                                valid: negativeMask(laneIndex &+ 8 &- remaining),
                                gainLimitBits: limitBits, table: table)
                j &+= 16
            }
        }
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
