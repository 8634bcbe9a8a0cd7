/// The reference side of VIF for one frame, computed once and shared by every distorted version
/// scored against that frame (the rungs of a bench): per scale, the reference's Gaussian-filtered
/// mean `mu1` and variance `sigma1^2` per pixel, the denominator and the count of flat pixels (they
/// depend on the reference alone), and the decimated reference the next scale filters.
/// About 8 bytes per pixel of the picture; immutable once made.
public final class VIFReference: Sendable {
    struct Scale: Sendable {
        let width: Int
        let height: Int
        /// The reference at this scale (empty at scale 0: the caller's plane).
        let plane: [UInt16]
        /// Filtered mean (Q16) and variance per pixel, rows `stride` apart.
        let mean: [UInt32]
        let variance: [Int32]
        let stride: Int
        /// The reference's part of the scale's sums.
        let sums: VIFAccumulator
    }

    let width: Int
    let height: Int
    let bitDepth: Int
    let scales: [Scale]

    init(width: Int, height: Int, bitDepth: Int, scales: [Scale]) {
        self.width = width; self.height = height; self.bitDepth = bitDepth; self.scales = scales
    }

    /// Whether this was prepared from a plane of `plane`'s size and depth.
    func fits(_ plane: Plane) -> Bool {
        plane.width == width && plane.height == height && plane.bitDepth == bitDepth
    }
}

extension VIF {
    /// Computes the reference side of VIF for `reference` once, for `compute(…shared:…)`.
    public static func prepare(reference: Plane, workspace: VIFWorkspace) -> VIFReference {
        precondition((8...12).contains(reference.bitDepth), "VIF supports 8 to 12 bits")
        workspace.prepare(width: reference.width, height: reference.height)
        var scales: [VIFReference.Scale] = []
        var plane = reference.samples, (w, h) = (reference.width, reference.height)
        for scale in 0..<4 {
            let stride = roundUp16(w)
            var mean = [UInt32](repeating: 0, count: stride * h)
            var variance = [Int32](repeating: 0, count: stride * h)
            var next = [UInt16](repeating: 0, count: scale < 3 ? (w / 2) * (h / 2) + 64 : 1)
            let sums = plane.withUnsafeBufferPointer { source in
                mean.withUnsafeMutableBufferPointer { m in
                    variance.withUnsafeMutableBufferPointer { v in
                        next.withUnsafeMutableBufferPointer { n in
                            guard let ref = source.baseAddress, let m = m.baseAddress, let v = v.baseAddress else {
                                return VIFAccumulator()
                            }
                            return runScale(reference: ref, distorted: ref, width: w, height: h, scale: scale,
                                            bitDepth: reference.bitDepth, gainLimit: VIFConstants.defaultEnhancementGainLimit,
                                            workspace: workspace, next: scale < 3 ? (n.baseAddress, nil) : nil,
                                            sides: .referenceOnly, captured: .init(mean: m, variance: v, stride: stride))
                        }
                    }
                }
            }
            scales.append(VIFReference.Scale(width: w, height: h, plane: scale == 0 ? [] : plane, mean: mean,
                                             variance: variance, stride: stride, sums: sums))
            plane = next
            w /= 2; h /= 2
        }
        return VIFReference(width: reference.width, height: reference.height, bitDepth: reference.bitDepth, scales: scales)
    }

    /// `compute(reference:distorted:…)` with the reference side taken from `shared` (prepared from
    /// this `reference`): the same scores, bit for bit, for less work.
    public static func compute(reference: Plane, distorted: Plane, shared: VIFReference,
                               enhancementGainLimit: Double = VIFConstants.defaultEnhancementGainLimit,
                               workspace: VIFWorkspace) -> VIFScores {
        precondition(shared.fits(reference) && shared.fits(distorted), "VIF's shared reference needs planes of its size and depth")
        workspace.prepare(width: reference.width, height: reference.height)
        var numerators: [Double] = [], denominators: [Double] = []
        distorted.samples.withUnsafeBufferPointer { first in
            guard var dis = first.baseAddress else { return }
            for (scale, level) in shared.scales.enumerated() {
                let next = scale < 3 ? workspace.pyramid[2 * scale + 1].pointer : nil
                var sums = (scale == 0 ? reference.samples : level.plane).withUnsafeBufferPointer { ref in
                    level.mean.withUnsafeBufferPointer { m in
                        level.variance.withUnsafeBufferPointer { v in
                            guard let ref = ref.baseAddress, let m = m.baseAddress, let v = v.baseAddress else { return VIFAccumulator() }
                            // Read only: a distorted-only pass never writes the captured moments.
                            let captured = VIFScalePass.Captured(mean: UnsafeMutablePointer(mutating: m),
                                                                 variance: UnsafeMutablePointer(mutating: v), stride: level.stride)
                            return runScale(reference: ref, distorted: dis, width: level.width, height: level.height,
                                            scale: scale, bitDepth: reference.bitDepth, gainLimit: enhancementGainLimit,
                                            workspace: workspace, next: next.map { (nil, $0) },
                                            sides: .distortedOnly, captured: captured)
                        }
                    }
                }
                sums.denominatorLog = level.sums.denominatorLog
                sums.negativeFlatCount = level.sums.negativeFlatCount
                let (num, den) = sums.result
                numerators.append(Double(num)); denominators.append(Double(den))
                if let next { dis = UnsafePointer(next) }
            }
        }
        return VIFScores(numerators: numerators, denominators: denominators)
    }
}
