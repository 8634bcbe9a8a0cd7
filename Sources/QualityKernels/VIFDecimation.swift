extension VIFScalePass {
    /// Produces row `row / 2` of the next scale: the anti-alias filter of the next scale is
    /// applied vertically (libvmaf's rounding shift) and horizontally (shift by 16), keeping
    /// only even columns. `row` must be even and its ring rows present.
    func decimate(row: Int) {
        guard let filter = decimationFilter else { return }
        let withReference = nextReference != nil, withDistorted = nextDistorted != nil
        let first = VIFFilter.scales[0].count
        setTapOffsets(row: row, filter: filter, first: first)
        let offsets = workspace.tapOffsets.pointer + first
        let n = filter.count, radius = filter.radius
        let vr = workspace.decimationRow(0), vd = workspace.decimationRow(1)
        let meanRound = SIMD16<UInt32>(repeating: 1 << (meanShift - 1))
        filter.taps.withUnsafeBufferPointer { tapBuffer in
            guard let taps = tapBuffer.baseAddress else { return }
            var block = 0
            while true {
                let j = min(block, lastBlockStart)
                let r = reference + j, d = distorted + j
                var ar = SIMD16<UInt32>(), ad = SIMD16<UInt32>()
                for p in 0..<radius {
                    let f = SIMD16<UInt32>(repeating: taps[p])
                    let a = offsets[p], b = offsets[n - 1 - p]
                    if withReference { ar &+= f &* (load16(r, a) &+ load16(r, b)) }
                    if withDistorted { ad &+= f &* (load16(d, a) &+ load16(d, b)) }
                }
                let f = SIMD16<UInt32>(repeating: taps[radius])
                let c = offsets[radius]
                if withReference { store32((ar &+ f &* load16(r, c) &+ meanRound) &>> meanShift, vr, j) }
                if withDistorted { store32((ad &+ f &* load16(d, c) &+ meanRound) &>> meanShift, vd, j) }
                block &+= 16
                if block >= width { break }
            }
            let rowOffset = (row / 2) * (width / 2)
            if let nextReference { decimateRow(vr, into: nextReference + rowOffset, evenOdd: 2, taps: taps) }
            if let nextDistorted { decimateRow(vd, into: nextDistorted + rowOffset, evenOdd: 4, taps: taps) }
        }
    }

    /// Horizontal anti-alias filter of one vertically filtered row, evaluated at even
    /// columns only. The padded row is first split into its even and odd samples so that
    /// every tap becomes a contiguous load.
    private func decimateRow(_ source: UnsafeMutablePointer<UInt32>,
                             into destination: UnsafeMutablePointer<UInt16>,
                             evenOdd: Int, taps: UnsafePointer<UInt32>) {
        guard let filter = decimationFilter else { return }
        let n = filter.count, radius = filter.radius
        mirrorPad(source, count: width, radius: radius)
        let even = workspace.decimationRow(evenOdd), odd = workspace.decimationRow(evenOdd + 1)
        let outWidth = width / 2
        let halves = roundUp16(outWidth) + 16
        let start = source - radius
        var m = 0
        while m < halves {
            let (e, o) = deinterleave(load32(start, 2 * m), load32(start, 2 * m + 16))
            store32(e, even, m)
            store32(o, odd, m)
            m &+= 16
        }
        let half = SIMD16<UInt32>(repeating: 32768)
        var j = 0
        while j < outWidth {
            var acc = SIMD16<UInt32>()
            for t in 0..<n {
                let f = SIMD16<UInt32>(repeating: taps[t])
                acc &+= f &* load32(t & 1 == 0 ? even : odd, j &+ t >> 1)
            }
            store16((acc &+ half) &>> 16, destination, j)
            j &+= 16
        }
    }
}
