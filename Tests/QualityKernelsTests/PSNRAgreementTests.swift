import Foundation
import QualityKernels
import OracleSupport
import Testing

/// PSNR against Debian's FFmpeg 5.1 `psnr` filter: per-frame metadata (6 decimals), the
/// stats file (2 decimals) and the end-of-run summary.
@Suite struct PSNRAgreementTests {
    static let tolerance = 0.01

    @Test(arguments: ClipSpec.all)
    func psnrMatchesFFmpeg(_ spec: ClipSpec) async throws {
        let clip = try await ClipCache.shared.clip(spec)
        let ffmpeg = try OracleTools.mediaFFmpeg()
        let stats = clip.directory.appendingPathComponent("psnr.log").path
        let meta = clip.directory.appendingPathComponent("psnr-meta.log").path
        let run = try OracleTools.ffmpeg(ffmpeg, clip.oracleInputs + [
            "-lavfi", "[0:v][1:v]psnr=stats_file=\(stats),metadata=mode=print:file=\(meta)",
            "-f", "null", "-"])
        let statLines = try OracleParse.statsFile(stats)
        let metaFrames = try OracleParse.metadataFile(meta)
        let summary = try OracleParse.psnrSummary(run.stderr)
        let ours = try await perFrame(clip) { try PSNR.frame(reference: $0, distorted: $1) }
        #expect(statLines.count == ours.count)
        #expect(metaFrames.count == ours.count)

        var maxFrameDiff = 0.0
        for (i, frame) in ours.enumerated() where i < metaFrames.count && i < statLines.count {
            let m = metaFrames[i], s = statLines[i]
            let pairs: [(Double, String, String)] = [
                (frame.psnr.y, "lavfi.psnr.psnr.y", "psnr_y"), (frame.psnr.u, "lavfi.psnr.psnr.u", "psnr_u"),
                (frame.psnr.v, "lavfi.psnr.psnr.v", "psnr_v"), (frame.psnrAverage, "lavfi.psnr.psnr_avg", "psnr_avg"),
                (frame.mse.y, "lavfi.psnr.mse.y", "mse_y"), (frame.mseAverage, "lavfi.psnr.mse_avg", "mse_avg"),
            ]
            for (value, metaKey, statKey) in pairs {
                let oracle = try OracleParse.number(m[metaKey])
                maxFrameDiff = max(maxFrameDiff, difference(value, oracle))
                #expect(agrees(value, oracle, within: Self.tolerance), "\(spec.name) frame \(i) \(metaKey)")
                // The stats file rounds to 2 decimals: our exact value must round-trip within 0.005.
                let rounded = try OracleParse.number(s[statKey])
                #expect(agrees(value, rounded, within: 0.005 + 1e-9), "\(spec.name) frame \(i) \(statKey)")
            }
        }

        let pooled = try #require(PSNRSummary(frames: ours))
        let pooledPairs: [(Double, String)] = [(pooled.psnr.y, "y"), (pooled.psnr.u, "u"), (pooled.psnr.v, "v"),
                                               (pooled.average, "average"), (pooled.min, "min"), (pooled.max, "max")]
        var maxPooledDiff = 0.0
        for (value, key) in pooledPairs {
            let oracle = try #require(summary[key], "summary lacks \(key)")
            maxPooledDiff = max(maxPooledDiff, difference(value, oracle))
            #expect(agrees(value, oracle, within: Self.tolerance), "\(spec.name) summary \(key)")
        }

        // Per-frame-mean variant against the mean of FFmpeg's own per-frame values.
        let metaY = try metaFrames.map { try OracleParse.number($0["lavfi.psnr.psnr.y"]) }
        let metaMean = metaY.reduce(0, +) / Double(metaY.count)
        #expect(agrees(pooled.meanOfFramePSNR.y, metaMean, within: Self.tolerance))
        print("AGREEMENT psnr \(spec.name): max |Δ| per-frame \(maxFrameDiff) pooled \(maxPooledDiff)")
    }
}
