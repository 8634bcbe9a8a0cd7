import Foundation
import QualityKernels
import Testing

/// Oracle-free checks: closed-form cases, edge cases and input validation.
@Suite struct KernelUnitTests {
    /// A deterministic textured plane.
    static func plane(_ w: Int, _ h: Int, depth: Int = 8, seed: Int = 1) -> Plane {
        let maxValue = (1 << depth) - 1
        var samples = [UInt16](repeating: 0, count: w * h)
        var state = UInt32(truncatingIfNeeded: seed &* 2654435761)
        for i in samples.indices {
            state = state &* 1664525 &+ 1013904223
            let base = (i % w) * maxValue / max(w - 1, 1) / 2 + (i / w) * maxValue / max(h - 1, 1) / 4
            samples[i] = UInt16(min(maxValue, base + Int(state >> 28)))
        }
        return Plane(width: w, height: h, bitDepth: depth, samples: samples)
    }

    static func picture(_ w: Int, _ h: Int, depth: Int = 8, seed: Int = 1) -> Picture {
        Picture(y: plane(w, h, depth: depth, seed: seed),
                u: plane((w + 1) / 2, (h + 1) / 2, depth: depth, seed: seed + 7),
                v: plane((w + 1) / 2, (h + 1) / 2, depth: depth, seed: seed + 13))
    }

    @Test func psnrOfConstantOffsetIsClosedForm() throws {
        let ref = Plane(width: 37, height: 11, samples: [UInt16](repeating: 100, count: 37 * 11))
        let dist = Plane(width: 37, height: 11, samples: [UInt16](repeating: 103, count: 37 * 11))
        #expect(try PSNR.mse(reference: ref, distorted: dist) == 9)
        let expected = 10 * log10(255.0 * 255.0 / 9.0)
        #expect(abs(try PSNR.plane(reference: ref, distorted: dist) - expected) < 1e-12)
    }

    @Test func identicalFramesGiveInfinityAndOne() throws {
        let p = Self.picture(200, 180)
        let psnr = try PSNR.frame(reference: p, distorted: p)
        #expect(psnr.psnr.y == .infinity && psnr.psnrAverage == .infinity && psnr.mseAverage == 0)
        let ssim = try SSIM.frame(reference: p, distorted: p)
        #expect(abs(ssim.all - 1) < 1e-12 && ssim.allDecibels == .infinity)
        #expect(ssim.ssim.y == 1 && ssim.decibels.y == .infinity)
        let ms = try MSSSIM.frame(reference: p, distorted: p)
        #expect(abs(ms.score - 1) < 1e-6)
        let summary = try #require(PSNRSummary(frames: [psnr, psnr]))
        #expect(summary.average == .infinity && summary.meanOfFramePSNR.y == .infinity)
        let capped = try #require(PSNRSummary.meanOfFramePSNR([psnr], cappedAt: 100))
        #expect(capped.planes.y == 100 && capped.average == 100)
    }

    @Test func sumOfSquaredErrorsIsExactAtSixteenBits() throws {
        let n = 1000
        let a = Plane(width: n, height: 1, bitDepth: 16, samples: [UInt16](repeating: 65535, count: n))
        let b = Plane(width: n, height: 1, bitDepth: 16, samples: [UInt16](repeating: 0, count: n))
        #expect(try SumOfSquaredErrors.compute(reference: a, distorted: b) == UInt64(n) * 65535 * 65535)
    }

    @Test func sumOfSquaredErrorsMatchesScalarSum() throws {
        let a = Self.plane(333, 77, depth: 10, seed: 3), b = Self.plane(333, 77, depth: 10, seed: 4)
        var expected: UInt64 = 0
        for i in a.samples.indices {
            let d = Int64(a.samples[i]) - Int64(b.samples[i])
            expected += UInt64(d * d)
        }
        #expect(try SumOfSquaredErrors.compute(reference: a, distorted: b) == expected)
    }

    @Test func ssimIsSymmetricAndBounded() throws {
        let a = Self.plane(123, 67, seed: 1), b = Self.plane(123, 67, seed: 2)
        let ab = try SSIM.plane(reference: a, distorted: b)
        let ba = try SSIM.plane(reference: b, distorted: a)
        #expect(ab == ba)
        #expect(ab > 0 && ab < 1)
    }

    @Test func mismatchedInputsThrow() {
        let a = Self.plane(64, 64), b = Self.plane(64, 32)
        #expect(throws: QualityKernelError.self) { try PSNR.plane(reference: a, distorted: b) }
        #expect(throws: QualityKernelError.self) { try SSIM.plane(reference: a, distorted: b) }
        let ten = Self.plane(64, 64, depth: 10)
        #expect(throws: QualityKernelError.bitDepthMismatch(reference: 8, distorted: 10)) {
            try PSNR.plane(reference: a, distorted: ten)
        }
    }

    @Test func tooSmallPlanesThrow() {
        let tiny = Self.plane(7, 40)
        #expect(throws: QualityKernelError.self) { try SSIM.plane(reference: tiny, distorted: tiny) }
        let small = Self.plane(175, 300)
        #expect(throws: QualityKernelError.planeTooSmall(width: 175, height: 300, minimumWidth: 176,
                                                         minimumHeight: 176)) {
            try MSSSIM.luma(reference: small, distorted: small)
        }
        #expect(MSSSIM.fitsAllScales(width: 176, height: 176))
    }

    @Test func concurrentCallsMatchSequentialOnes() async throws {
        let pairs = (0..<4).map { (Self.picture(240, 200, seed: $0), Self.picture(240, 200, seed: $0 + 50)) }
        let sequential = try pairs.map { try MSSSIM.frame(reference: $0.0, distorted: $0.1).score }
        let concurrent = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            for (i, pair) in pairs.enumerated() {
                group.addTask { (i, try MSSSIM.frame(reference: pair.0, distorted: pair.1).score) }
            }
            var out = [Double](repeating: 0, count: pairs.count)
            for try await (i, v) in group { out[i] = v }
            return out
        }
        #expect(sequential == concurrent)
    }

    /// The fresh-buffer and workspace paths give identical scores, also when one workspace
    /// moves between picture sizes.
    @Test func msssimWorkspaceReuseIsTransparent() throws {
        var workspace = MSSSIMWorkspace()
        for (w, h) in [(260, 200), (185, 301), (260, 200)] {
            let ref = Self.picture(w, h, seed: w), dist = Self.picture(w, h, seed: h)
            let fresh = try MSSSIM.frame(reference: ref, distorted: dist)
            let reused = try MSSSIM.frame(reference: ref, distorted: dist, workspace: &workspace)
            #expect(fresh == reused)
            #expect(fresh.scales.count == 5 && fresh.score > 0 && fresh.score < 1)
        }
    }
}
