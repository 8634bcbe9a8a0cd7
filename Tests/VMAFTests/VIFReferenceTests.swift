import QualityKernels
import Testing

/// The SIMD VIF against the plain reference on sizes and depths the oracle clips miss.
@Suite struct VIFReferenceTests {
    /// Textured random picture and a distorted version (blur + noise), deterministic.
    static func pair(width: Int, height: Int, bitDepth: Int, seed: UInt64) -> (Plane, Plane) {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let maxValue = (1 << bitDepth) - 1, unit = 1 << (bitDepth - 8)
        var ref = [UInt16](repeating: 0, count: width * height), dis = ref
        for i in ref.indices {
            let base = (i % width) * 3 * unit + (i / width) * 2 * unit + next() % (60 * unit)
            ref[i] = UInt16(min(max(base, 0), maxValue))
        }
        for i in dis.indices {
            let left = i % width > 0 ? Int(ref[i - 1]) : Int(ref[i])
            let value = (2 * Int(ref[i]) + left) / 3 + next() % (9 * unit) - 4 * unit
            dis[i] = UInt16(min(max(value, 0), maxValue))
        }
        return (Plane(width: width, height: height, bitDepth: bitDepth, samples: ref),
                Plane(width: width, height: height, bitDepth: bitDepth, samples: dis))
    }

    /// The reference side prepared once and shared by two distorted versions gives each exactly
    /// the scores of the plain computation (also with the NEG models' gain limit).
    @Test(arguments: [(15, 11, 8), (37, 23, 8), (70, 44, 8), (33, 31, 10), (48, 20, 12), (129, 9, 8), (333, 187, 8)])
    func sharedReferenceMatchesPlain(shape: (Int, Int, Int)) {
        let (width, height, bitDepth) = shape
        let (ref, dis) = Self.pair(width: width, height: height, bitDepth: bitDepth, seed: 7)
        let (_, other) = Self.pair(width: width, height: height, bitDepth: bitDepth, seed: 8)
        let workspace = VIFWorkspace()
        let shared = VIF.prepare(reference: ref, workspace: workspace)
        for distorted in [dis, other, ref] {
            for limit in [100.0, 1.0] {
                let plain = VIF.compute(reference: ref, distorted: distorted, enhancementGainLimit: limit)
                let reused = VIF.compute(reference: ref, distorted: distorted, shared: shared,
                                         enhancementGainLimit: limit, workspace: workspace)
                #expect(reused == plain, "\(width)x\(height)@\(bitDepth) limit \(limit): \(reused.scales) vs \(plain.scales)")
            }
        }
    }

    @Test(arguments: [(15, 11, 8), (37, 23, 8), (70, 44, 8), (33, 31, 10), (48, 20, 12), (129, 9, 8)])
    func simdMatchesReference(shape: (Int, Int, Int)) {
        let (width, height, bitDepth) = shape
        let workspace = VIFWorkspace()
        for (seed, limit) in [(UInt64(1), 100.0), (2, 1.0)] {
            let (ref, dis) = Self.pair(width: width, height: height, bitDepth: bitDepth, seed: seed)
            let expected = ReferenceVIF.compute(reference: ref, distorted: dis, gainLimit: limit)
            let scores = VIF.compute(reference: ref, distorted: dis, enhancementGainLimit: limit,
                                     workspace: workspace)
            for scale in 0..<4 {
                #expect(Float(scores.numerators[scale]) == expected[scale].0, "num scale \(scale) \(shape)")
                #expect(Float(scores.denominators[scale]) == expected[scale].1, "den scale \(scale) \(shape)")
            }
        }
    }

    @Test func workspaceIsReusableAcrossSizes() {
        let workspace = VIFWorkspace()
        let (a, b) = Self.pair(width: 64, height: 48, bitDepth: 8, seed: 3)
        let (c, d) = Self.pair(width: 40, height: 30, bitDepth: 10, seed: 4)
        let first = VIF.compute(reference: a, distorted: b, workspace: workspace)
        _ = VIF.compute(reference: c, distorted: d, workspace: workspace)
        #expect(VIF.compute(reference: a, distorted: b, workspace: workspace) == first)
        #expect(VIF.compute(reference: a, distorted: b) == first)
    }
}

/// Degenerate sizes must not crash (scales that vanish give NaN, as in libvmaf).
@Suite struct TinyPlaneTests {
    @Test(arguments: [(1, 1), (3, 2), (4, 4), (9, 17), (2, 40)])
    func tinyPlanesAreHandled(size: (Int, Int)) {
        let (width, height) = size
        let (ref, dis) = VIFReferenceTests.pair(width: width, height: height, bitDepth: 8, seed: 5)
        let scores = VIF.compute(reference: ref, distorted: dis)
        let expected = ReferenceVIF.compute(reference: ref, distorted: dis)
        for scale in 0..<4 where width >> scale > 0 && height >> scale > 0 {
            #expect(Float(scores.numerators[scale]) == expected[scale].0)
            #expect(Float(scores.denominators[scale]) == expected[scale].1)
        }
        let motion = Motion.score(previous: ref, current: dis)
        #expect(motion.isFinite)
    }
}
