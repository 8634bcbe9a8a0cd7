import Foundation
import QualityKernels
import Testing

/// VIF at four scales against libvmaf's `integer_vif_scale0...3` (logged to 6 decimals).
@Suite struct VIFOracleTests {
    @Test func vifMatchesLibvmafPerFrame() throws {
        let workspace = VIFWorkspace()
        var worst = [Double](repeating: 0, count: 4)
        for clip in try Fixtures.all() {
            var clipWorst = [Double](repeating: 0, count: 4)
            for (index, (ref, dis)) in zip(clip.references, clip.distorted).enumerated() {
                let scores = VIF.compute(reference: ref, distorted: dis, workspace: workspace)
                for scale in 0..<4 {
                    let expected = try #require(clip.oracle[index]["integer_vif_scale\(scale)"])
                    clipWorst[scale] = max(clipWorst[scale], abs(scores[scale] - expected))
                }
            }
            print("VIF \(clip.name): max |diff| per scale \(clipWorst.map { String(format: "%.2e", $0) })")
            worst = zip(worst, clipWorst).map { max($0, $1) }
        }
        print("VIF all clips: max |diff| per scale \(worst.map { String(format: "%.2e", $0) })")
        for scale in 0..<4 { #expect(worst[scale] <= 1e-5, "vif_scale\(scale) differs by \(worst[scale])") }
    }

    @Test func negGainLimitMatchesLibvmaf() throws {
        let workspace = VIFWorkspace()
        var worst = 0.0
        for clip in try Fixtures.all() {
            for (index, (ref, dis)) in zip(clip.references, clip.distorted).enumerated() {
                let scores = VIF.compute(reference: ref, distorted: dis, enhancementGainLimit: 1.0,
                                         workspace: workspace)
                for scale in 0..<4 {
                    let expected = try #require(clip.oracle[index]["integer_vif_scale\(scale)_egl_1"])
                    worst = max(worst, abs(scores[scale] - expected))
                }
            }
        }
        print("VIF NEG (gain limit 1): max |diff| \(String(format: "%.2e", worst))")
        #expect(worst <= 1e-5)
    }
}
