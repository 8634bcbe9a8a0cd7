import Testing
import QualityKernels

/// Properties of ADM that hold without an oracle.
@Suite("ADM properties")
struct PropertyTests {
    /// A deterministic textured plane (gradients, edges and pseudo-random grain).
    static func texture(_ width: Int, _ height: Int, seed: UInt64 = 1, bitDepth: Int = 8) -> Plane {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var samples = [UInt16](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let grain = Int(state >> 59)
                let edge = ((x / 17 + y / 13) % 2) * 60
                let value = (x * 3 + y * 2) % 140 + edge + grain + 20
                samples[y * width + x] = UInt16(min(value, 255) << (bitDepth - 8))
            }
        }
        return Plane(width: width, height: height, bitDepth: bitDepth, samples: samples)
    }

    /// A smoothed copy (3-tap horizontal box): detail lost, nothing added.
    static func blurred(_ plane: Plane) -> Plane {
        var out = plane.samples
        for y in 0..<plane.height where plane.width >= 3 {
            for x in 1..<(plane.width - 1) {
                let i = y * plane.width + x
                out[i] = UInt16((Int(plane.samples[i - 1]) + Int(plane.samples[i]) + Int(plane.samples[i + 1])) / 3)
            }
        }
        return Plane(width: plane.width, height: plane.height, bitDepth: plane.bitDepth, samples: out)
    }

    /// The reference side prepared once and shared by two distorted versions gives each exactly
    /// the plain score (odd sizes, 10-bit, the NEG gain limit, a workspace reused across sizes).
    @Test(arguments: [(200, 120, 8), (97, 61, 8), (64, 48, 10), (333, 187, 8)])
    func sharedReferenceMatchesPlain(shape: (Int, Int, Int)) {
        let (width, height, bitDepth) = shape
        let reference = Self.texture(width, height, seed: 3, bitDepth: bitDepth)
        let workspace = AdmWorkspace()
        let shared = ADM.prepare(reference: reference, workspace: workspace)
        for distorted in [Self.blurred(reference), Self.texture(width, height, seed: 4, bitDepth: bitDepth), reference] {
            for options in [AdmOptions(), .noEnhancementGain] {
                let plain = ADM.compute(reference: reference, distorted: distorted, options: options, workspace: AdmWorkspace())
                let reused = ADM.compute(reference: reference, distorted: distorted, shared: shared, options: options,
                                         workspace: workspace)
                #expect(reused == plain, "\(width)x\(height)@\(bitDepth): \(reused.adm2) vs \(plain.adm2)")
            }
        }
    }

    @Test func identicalPlanesScoreOne() {
        let plane = Self.texture(200, 120)
        let score = ADM.compute(reference: plane, distorted: plane, workspace: AdmWorkspace())
        // Scale 0 weighs the numerator with libvmaf's fixed-point CSF constants (a few 1e-5 above
        // the denominator's), so libvmaf too reports a hair above 1 for identical pictures.
        #expect(abs(score.adm2 - 1) < 1e-4)
        for scale in score.scales.dropFirst() { #expect(scale.score == 1) }
    }

    /// Flat pictures have no detail: numerator and denominator are both the noise floor.
    @Test func flatPlanesScoreExactlyOne() {
        let flat = Plane(width: 96, height: 64, samples: [UInt16](repeating: 90, count: 96 * 64))
        let other = Plane(width: 96, height: 64, samples: [UInt16](repeating: 140, count: 96 * 64))
        #expect(ADM.kernel(flat, other) == 1)
    }

    @Test func lostDetailLowersTheScore() {
        let plane = Self.texture(160, 96)
        let soft = ADM.kernel(plane, Self.blurred(plane))
        let gray = Plane(width: 160, height: 96, samples: [UInt16](repeating: 128, count: 160 * 96))
        let gone = ADM.kernel(plane, gray)
        #expect(soft < 0.99 && soft > gone)
        #expect(gone < 0.5)
    }

    /// A 10-bit picture holding an 8-bit one times 4 goes through identical fixed-point values.
    @Test func tenBitMatchesEightBitScaled() {
        let ref8 = Self.texture(130, 90, seed: 3), dis8 = Self.blurred(Self.texture(130, 90, seed: 3))
        let ref10 = Plane(width: 130, height: 90, bitDepth: 10, samples: ref8.samples.map { $0 << 2 })
        let dis10 = Plane(width: 130, height: 90, bitDepth: 10, samples: dis8.samples.map { $0 << 2 })
        #expect(ADM.kernel(ref8, dis8) == ADM.kernel(ref10, dis10))
    }

    /// The NEG setting can only withhold credit for enhanced detail.
    @Test func noEnhancementGainNeverScoresHigher() {
        let ref = Self.blurred(Self.texture(150, 100, seed: 5)), dis = Self.texture(150, 100, seed: 5)
        let full = ADM.adm2(reference: ref, distorted: dis)
        let neg = ADM.adm2(reference: ref, distorted: dis, options: .noEnhancementGain)
        #expect(neg <= full)
        #expect(neg < full - 1e-3)
    }

    @Test func workspaceReuseAcrossSizesIsExact() {
        let shared = AdmWorkspace()
        for (w, h) in [(120, 80), (64, 200), (121, 81), (120, 80)] {
            let ref = Self.texture(w, h, seed: UInt64(w)), dis = Self.blurred(ref)
            let reused = ADM.compute(reference: ref, distorted: dis, workspace: shared)
            let fresh = ADM.compute(reference: ref, distorted: dis, workspace: AdmWorkspace())
            #expect(reused == fresh)
        }
    }

    @Test func tinyPicturesStayFinite() {
        for (w, h) in [(1, 1), (2, 3), (5, 2), (7, 7), (16, 9), (33, 33)] {
            let ref = Self.texture(w, h), dis = Self.blurred(Self.texture(w, h, seed: 9))
            let score = ADM.kernel(ref, dis)
            #expect(score.isFinite, "\(w)x\(h) gave \(score)")
        }
    }

    @Test func concurrentCallsMatchSerial() async {
        let pairs = (0..<6).map { i in
            (Self.texture(96 + i, 72, seed: UInt64(i)), Self.blurred(Self.texture(96 + i, 72, seed: UInt64(i))))
        }
        let serial = pairs.map { ADM.kernel($0.0, $0.1) }
        let kernel = ADM.kernel
        let parallel = await withTaskGroup(of: (Int, Double).self) { group in
            for (i, pair) in pairs.enumerated() {
                group.addTask { (i, kernel(pair.0, pair.1)) }
            }
            var out = [Double](repeating: .nan, count: pairs.count)
            for await (i, score) in group { out[i] = score }
            return out
        }
        #expect(parallel == serial)
    }
}
