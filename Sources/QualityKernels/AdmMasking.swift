/// Contrast masking: the additive impairment hides restored detail nearby. The threshold at a
/// band sample is a 3x3 window over all three orientations of |csf(additive)|, each neighbour
/// weighted 1/30 and the centre 1/15; restored detail counts only above that threshold, and
/// what remains is pooled as a sum of cubes.
enum AdmMasking {
    /// Adds max(|csf(restored)| - threshold, 0)^3 over the pooled columns of one band row to
    /// `sums` (h, v, d). `above`, `centre` and `below` are the masking rows (sum_theta of
    /// |csf(additive)| / 30) of the neighbouring band rows, valid from cols.lowerBound - 1
    /// through cols.upperBound.
    static func row(restored r: AdmBandRow, above: UnsafePointer<Float>, centre: UnsafePointer<Float>,
                    below: UnsafePointer<Float>, cols: Range<Int>,
                    into sums: inout (Double, Double, Double)) {
        let zero = AdmVec()
        var sh = AdmVec(), sv = AdmVec(), sd = AdmVec()
        var j = cols.lowerBound
        while j < cols.upperBound {
            let live = AdmLanes.valid(cols.upperBound - j)
            let c = centre.vec(j)
            let rowAbove = above.vec(j - 1) + above.vec(j) + above.vec(j + 1)
            let rowHere = centre.vec(j - 1) + c + centre.vec(j + 1)
            let rowBelow = below.vec(j - 1) + below.vec(j) + below.vec(j + 1)
            let threshold = rowAbove + rowHere + rowBelow + c
            let xh = vmax(r.h.vec(j) - threshold, zero).masked(live)
            let xv = vmax(r.v.vec(j) - threshold, zero).masked(live)
            let xd = vmax(r.d.vec(j) - threshold, zero).masked(live)
            sh += xh * xh * xh
            sv += xv * xv * xv
            sd += xd * xd * xd
            j += AdmLanes.count
        }
        sums.0 += sh.wideSum
        sums.1 += sv.wideSum
        sums.2 += sd.wideSum
    }
}
