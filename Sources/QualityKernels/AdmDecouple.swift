import Foundation

/// Decoupling of the distorted detail bands into a restored part (the reference detail scaled by
/// a gain k = t/o clamped to [0, 1]: the detail that survived) and an additive part (t - restored:
/// noise, blocking, ringing), followed by the CSF weighting of both.
enum AdmDecouple {
    /// cos^2(1 degree) as libvmaf rounds it to float: angles within 1 degree count as "same".
    static let cosOneDegreeSquared = Float(cos(Double.pi / 180) * cos(Double.pi / 180))

    /// Weights and limit shared by every row of one scale.
    struct Setup {
        /// CSF weight of the h/v bands and of the d band, times the band's fixed-point unit
        /// (2^-bits), so the weighted values come out in float units.
        let hv: Float
        let diagonal: Float
        /// The enhancement gain limit (100 by default; 1 for the NEG model disables enhancement).
        let gainLimit: Float
    }

    /// Decouples columns `cols` of one band row (fixed-point bands; the gain k and the angle
    /// test do not depend on the unit). Writes |csf(restored)| per orientation into `restored`
    /// and the masking sum sum_theta |csf(additive)| / 30 into `masking`.
    static func row(reference o: AdmFixedRow, distorted t: AdmFixedRow, cols: Range<Int>,
                    setup: Setup, restored: AdmBandRow, masking: UnsafeMutablePointer<Float>) {
        let thirtieth = AdmVec(repeating: Float(0.0333333351))
        var j = cols.lowerBound
        while j < cols.upperBound {
            let (ohI, ovI, thI, tvI) = (o.h.lanes(j), o.v.lanes(j), t.h.lanes(j), t.v.lanes(j))
            let sameAngle = self.sameAngle(ohI, ovI, thI, tvI)
            let oh = AdmVec(ohI), ov = AdmVec(ovI), od = AdmVec(o.d.lanes(j))
            let th = AdmVec(thI), tv = AdmVec(tvI), td = AdmVec(t.d.lanes(j))
            let rh = restore(oh, th, sameAngle, setup.gainLimit)
            let rv = restore(ov, tv, sameAngle, setup.gainLimit)
            let rd = restore(od, td, sameAngle, setup.gainLimit)
            restored.h.store((rh * setup.hv).magnitude, at: j)
            restored.v.store((rv * setup.hv).magnitude, at: j)
            restored.d.store((rd * setup.diagonal).magnitude, at: j)
            let ah = ((th - rh) * setup.hv).magnitude
            let av = ((tv - rv) * setup.hv).magnitude
            let ad = ((td - rd) * setup.diagonal).magnitude
            masking.store(ah * thirtieth + av * thirtieth + ad * thirtieth, at: j)
            j += AdmLanes.count
        }
    }

    /// Whether (oh, ov) and (th, tv) point within 1 degree of each other: u.v >= 0 and
    /// (u.v)^2 >= cos^2(1 deg) |u|^2 |v|^2, with libvmaf's rounding: the dot product and norms
    /// of the integer bands (exact in double up to 2^53), each rounded once to float, then
    /// compared in double. Near the threshold, float arithmetic would flip pixels that move a
    /// scale's score by up to 1e-3.
    @inline(__always)
    static func sameAngle(_ oh: SIMD8<Int32>, _ ov: SIMD8<Int32>, _ th: SIMD8<Int32>,
                          _ tv: SIMD8<Int32>) -> SIMDMask<SIMD8<Int32>> {
        typealias Wide = SIMD8<Double>
        let (dh, dv, eh, ev) = (Wide(oh), Wide(ov), Wide(th), Wide(tv))
        let dot = Wide(AdmVec(dh * eh + dv * ev))
        let oo = Wide(AdmVec(dh * dh + dv * dv))
        let tt = Wide(AdmVec(eh * eh + ev * ev))
        let same = (dot .>= 0) .& (dot * dot .>= Wide(repeating: Double(cosOneDegreeSquared)) * oo * tt)
        let flag = AdmVec(Wide().replacing(with: 1, where: same))
        return flag .> 0
    }

    /// Restored part of one orientation: k * o with k = t / o clamped to [0, 1] (the `vmax`
    /// argument order maps 0/0 to k = 0; any k gives 0 where o = 0). Where the (h, v) angles of
    /// reference and distorted agree within 1 degree the distorted detail counts as restored (an
    /// enhancement), up to `gainLimit` times k * o. libvmaf's branches (r > 0: min(g r, t);
    /// r < 0: max(g r, t); t has r's sign whenever r != 0) amount to clamping t to +-g|r|.
    @inline(__always)
    static func restore(_ o: AdmVec, _ t: AdmVec, _ sameAngle: SIMDMask<SIMD8<Int32>>,
                        _ gainLimit: Float) -> AdmVec {
        let k = vmin(vmax(AdmVec(), t / o), AdmVec(repeating: 1))
        var r = k * o
        let limit = r.magnitude * gainLimit
        r.replace(with: vmin(vmax(t, -limit), limit), where: sameAngle)
        return r
    }
}
