extension VIFScalePass {
    /// Filters the source rows under output row `row` vertically and stores, per column, the
    /// rounded means (streams 0, 1) and the high/low 16-bit halves of the second moments
    /// ref^2, dis^2, ref*dis (streams 2...7) in the workspace row buffers. Products are formed
    /// on the fly so that only the two source planes are read.
    func filterColumns(row: Int) {
        setTapOffsets(row: row, filter: filter, first: 0)
        filter.taps.withUnsafeBufferPointer { taps in
            guard let taps = taps.baseAddress else { return }
            var j = 0
            while true {
                let start = min(j, lastBlockStart)
                if narrow {
                    filterBlockNarrow(at: start, taps: taps)
                } else {
                    filterBlockWide(at: start, taps: taps)
                }
                j &+= 16
                if j >= width { break }
            }
        }
    }

    /// 8-bit scale 0: products are at most 16 bits and the second moments need no rounding.
    @inline(__always)
    private func filterBlockNarrow(at j: Int, taps: UnsafePointer<UInt32>) {
        let n = filter.count, radius = filter.radius
        let withReference = needsReference, withDistorted = needsDistorted
        let offsets = workspace.tapOffsets.pointer
        let r = reference + j, d = distorted + j
        var m1 = SIMD16<UInt32>(), m2 = SIMD16<UInt32>()
        var xx = SIMD16<UInt32>(), yy = SIMD16<UInt32>(), xy = SIMD16<UInt32>()
        for p in 0...radius {
            let f = SIMD16<UInt32>(repeating: taps[p])
            let a = offsets[p], b = offsets[n - 1 - p]
            let paired = p < radius
            let ra = load16(r, a), rb = paired ? load16(r, b) : SIMD16<UInt32>()
            if withReference {
                m1 &+= f &* (ra &+ rb)
                xx &+= f &* (ra &* ra &+ rb &* rb)
            }
            if withDistorted {
                let da = load16(d, a), db = paired ? load16(d, b) : SIMD16<UInt32>()
                m2 &+= f &* (da &+ db)
                yy &+= f &* (da &* da &+ db &* db)
                xy &+= f &* (ra &* da &+ rb &* db)
            }
        }
        storeRows(m1: m1, m2: m2, xx: xx, yy: yy, xy: xy, at: j)
    }

    /// General case (16-bit samples): each product is split into 16-bit halves that are
    /// filtered separately and recombined with libvmaf's rounding shift. (Paired taps are at
    /// most 16004, so sums of two halves times a tap stay within 32 bits.)
    @inline(__always)
    private func filterBlockWide(at j: Int, taps: UnsafePointer<UInt32>) {
        let n = filter.count, radius = filter.radius
        let offsets = workspace.tapOffsets.pointer
        let r = reference + j, d = distorted + j
        let low = SIMD16<UInt32>(repeating: 0xFFFF)
        var m1 = SIMD16<UInt32>(), m2 = SIMD16<UInt32>()
        var xh = SIMD16<UInt32>(), xl = SIMD16<UInt32>(), yh = SIMD16<UInt32>()
        var yl = SIMD16<UInt32>(), ch = SIMD16<UInt32>(), cl = SIMD16<UInt32>()
        let withReference = needsReference, withDistorted = needsDistorted
        for p in 0...radius {
            let f = SIMD16<UInt32>(repeating: taps[p])
            let a = offsets[p], b = offsets[n - 1 - p]
            let paired = p < radius
            let ra = load16(r, a), rb = paired ? load16(r, b) : SIMD16<UInt32>()
            if withReference {
                let rra = ra &* ra, rrb = rb &* rb
                m1 &+= f &* (ra &+ rb)
                xh &+= f &* ((rra &>> 16) &+ (rrb &>> 16)); xl &+= f &* ((rra & low) &+ (rrb & low))
            }
            if withDistorted {
                let da = load16(d, a), db = paired ? load16(d, b) : SIMD16<UInt32>()
                let dda = da &* da, rda = ra &* da, ddb = db &* db, rdb = rb &* db
                m2 &+= f &* (da &+ db)
                yh &+= f &* ((dda &>> 16) &+ (ddb &>> 16)); yl &+= f &* ((dda & low) &+ (ddb & low))
                ch &+= f &* ((rda &>> 16) &+ (rdb &>> 16)); cl &+= f &* ((rda & low) &+ (rdb & low))
            }
        }
        let squareRound = SIMD16<UInt32>(repeating: squareShift == 0 ? 0 : 1 << (squareShift - 1))
        let highShift = SIMD16<UInt32>(repeating: 16 - squareShift)
        let lowShift = SIMD16<UInt32>(repeating: squareShift)
        let xx = (xh &<< highShift) &+ ((xl &+ squareRound) &>> lowShift)
        let yy = (yh &<< highShift) &+ ((yl &+ squareRound) &>> lowShift)
        let xy = (ch &<< highShift) &+ ((cl &+ squareRound) &>> lowShift)
        storeRows(m1: m1, m2: m2, xx: xx, yy: yy, xy: xy, at: j)
    }

    /// Stores one block of vertical results: means shifted down with rounding, second
    /// moments split into 16-bit halves for the exact horizontal pass.
    @inline(__always)
    private func storeRows(m1: SIMD16<UInt32>, m2: SIMD16<UInt32>, xx: SIMD16<UInt32>,
                           yy: SIMD16<UInt32>, xy: SIMD16<UInt32>, at j: Int) {
        let meanRound = SIMD16<UInt32>(repeating: 1 << (meanShift - 1))
        let low = SIMD16<UInt32>(repeating: 0xFFFF)
        if needsReference {
            store32((m1 &+ meanRound) &>> meanShift, workspace.rowStream(0), j)
            store32(xx &>> 16, workspace.rowStream(2), j); store32(xx & low, workspace.rowStream(3), j)
        }
        if needsDistorted {
            store32((m2 &+ meanRound) &>> meanShift, workspace.rowStream(1), j)
            store32(yy &>> 16, workspace.rowStream(4), j); store32(yy & low, workspace.rowStream(5), j)
            store32(xy &>> 16, workspace.rowStream(6), j); store32(xy & low, workspace.rowStream(7), j)
        }
    }
}
