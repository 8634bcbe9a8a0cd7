extension Motion {
    /// Vertical blur of `prev - cur` for row `y`, rounded (`>> bitDepth`), split into
    /// `d >> 8` and `d & 255` in the workspace rows. The horizontal sum of `d` can reach 2^32,
    /// so the halves are filtered separately and recombined in `blurredRowSum`.
    static func filterDifferenceRow(_ y: Int, _ prev: UnsafePointer<UInt16>, _ cur: UnsafePointer<UInt16>,
                                    width: Int, height: Int, bitDepth: Int,
                                    workspace: MotionWorkspace) {
        let high = workspace.highRow.pointer + MotionWorkspace.padding
        let low = workspace.lowRow.pointer + MotionWorkspace.padding
        let o0 = mirrorIndex(y - 2, height) * width, o1 = mirrorIndex(y - 1, height) * width
        let o2 = y * width, o3 = mirrorIndex(y + 1, height) * width
        let o4 = mirrorIndex(y + 2, height) * width
        if width >= 16 {
            let f0 = SIMD16<Int32>(repeating: taps[0]), f1 = SIMD16<Int32>(repeating: taps[1])
            let f2 = SIMD16<Int32>(repeating: taps[2])
            let shift = SIMD16<Int32>(repeating: Int32(bitDepth))
            let round = SIMD16<Int32>(repeating: 1 << Int32(bitDepth - 1))
            let byte = SIMD16<Int32>(repeating: 255)
            var j = 0
            while j < width {
                let x = min(j, width - 16)
                @inline(__always) func diff(_ o: Int) -> SIMD16<Int32> {
                    unsafeBitCast(load16(prev, o &+ x) &- load16(cur, o &+ x), to: SIMD16<Int32>.self)
                }
                let sum = f0 &* (diff(o0) &+ diff(o4)) &+ f1 &* (diff(o1) &+ diff(o3)) &+ f2 &* diff(o2)
                let d = (sum &+ round) &>> shift
                storeInt32x16(d &>> 8, high, x)
                storeInt32x16(d & byte, low, x)
                j &+= 16
            }
        } else {
            for x in 0..<width {
                func diff(_ o: Int) -> Int32 { Int32(prev[o + x]) - Int32(cur[o + x]) }
                let sum = taps[0] &* (diff(o0) &+ diff(o4)) &+ taps[1] &* (diff(o1) &+ diff(o3))
                    &+ taps[2] &* diff(o2)
                let d = (sum &+ (1 << Int32(bitDepth - 1))) >> Int32(bitDepth)
                high[x] = d >> 8
                low[x] = d & 255
            }
        }
    }

    /// Horizontal blur, rounding and absolute sum of the split row:
    /// `(sum + 2^15) >> 16 == (high + ((low + 2^15) >> 8)) >> 8`.
    static func blurredRowSum(workspace: MotionWorkspace, width: Int) -> UInt64 {
        let high = workspace.highRow.pointer + MotionWorkspace.padding
        let low = workspace.lowRow.pointer + MotionWorkspace.padding
        mirrorPad(high, count: width, radius: 2)
        mirrorPad(low, count: width, radius: 2)
        let f0 = SIMD16<Int32>(repeating: taps[0]), f1 = SIMD16<Int32>(repeating: taps[1])
        let f2 = SIMD16<Int32>(repeating: taps[2])
        let half = SIMD16<Int32>(repeating: 32768)
        let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        var sums = SIMD16<Int32>()
        var j = 0
        while j < width {
            let h = f0 &* (loadInt32x16(high, j &- 2) &+ loadInt32x16(high, j &+ 2))
                &+ f1 &* (loadInt32x16(high, j &- 1) &+ loadInt32x16(high, j &+ 1))
                &+ f2 &* loadInt32x16(high, j)
            let l = f0 &* (loadInt32x16(low, j &- 2) &+ loadInt32x16(low, j &+ 2))
                &+ f1 &* (loadInt32x16(low, j &- 1) &+ loadInt32x16(low, j &+ 1))
                &+ f2 &* loadInt32x16(low, j)
            let value = (h &+ ((l &+ half) &>> 8)) &>> 8
            let sign = value &>> 31
            let valid = (lanes &- SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: width &- j))) &>> 31
            sums &+= ((value ^ sign) &- sign) & valid
            j &+= 16
        }
        return UInt64(sums.wrappedSum())
    }
}
