import Foundation
import QualityKernels
import OracleSupport
import Testing

/// MS-SSIM against libvmaf's `float_ms_ssim` (through imageio-ffmpeg's libvmaf build), per
/// frame, and pooling against libvmaf's pooled mean / harmonic mean / min / max.
@Suite struct MSSSIMAgreementTests {
    static let tolerance = 0.001

    @Test(arguments: ClipSpec.all)
    func msssimMatchesLibvmaf(_ spec: ClipSpec) async throws {
        let clip = try await ClipCache.shared.clip(spec)
        let vmafFFmpeg = try OracleTools.libvmafFFmpeg()
        let json = clip.directory.appendingPathComponent("msssim.json").path
        // MS-SSIM is slow in debug builds, so only the first frame is compared, three frames
        // of the testsrc2 clips for the pooled values (libvmaf is limited to the same frames).
        let count = min(clip.reference.count, spec.name.hasPrefix("testsrc2-") ? 3 : 1)
        // libvmaf: first input distorted, second reference.
        try OracleTools.ffmpeg(vmafFFmpeg, clip.oracleInputs + [
            "-lavfi", "[0:v]trim=end_frame=\(count)[d];[1:v]trim=end_frame=\(count)[r];"
                + "[d][r]libvmaf=feature=name=float_ms_ssim:log_fmt=json:log_path=\(json)",
            "-f", "null", "-"])
        let log = try LibvmafLog(contentsOf: URL(fileURLWithPath: json))
        let oracle = (frames: try log.values("float_ms_ssim"), pooled: log.pooled["float_ms_ssim"] ?? [:])
        var workspace = MSSSIMWorkspace()
        var ours: [Double] = []
        for i in 0..<count {
            ours.append(try MSSSIM.frame(reference: clip.reference[i], distorted: clip.distorted[i],
                                         workspace: &workspace).score)
        }
        #expect(oracle.frames.count == ours.count)
        var maxDiff = 0.0
        for (i, value) in ours.enumerated() where i < oracle.frames.count {
            maxDiff = max(maxDiff, difference(value, oracle.frames[i]))
            #expect(agrees(value, oracle.frames[i], within: Self.tolerance),
                    "\(spec.name) frame \(i): ours \(value) libvmaf \(oracle.frames[i])")
        }

        let stats = try #require(PooledStatistics(ours))
        let pooled: [(Double, String)] = [(stats.mean, "mean"), (stats.harmonicMean, "harmonic_mean"),
                                          (stats.min, "min"), (stats.max, "max")]
        for (value, key) in pooled {
            let reference = try #require(oracle.pooled[key], "libvmaf pooled lacks \(key)")
            #expect(agrees(value, reference, within: Self.tolerance), "\(spec.name) pooled \(key)")
        }
        print("AGREEMENT msssim \(spec.name): max |Δ| per-frame \(maxDiff)")
    }
}
