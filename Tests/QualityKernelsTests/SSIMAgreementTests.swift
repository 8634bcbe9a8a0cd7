import Foundation
import QualityKernels
import OracleSupport
import Testing

/// SSIM against Debian's FFmpeg 5.1 `ssim` filter: per-frame stats file (6 decimals) and the
/// end-of-run summary, per plane, "All" and dB.
@Suite struct SSIMAgreementTests {
    static let tolerance = 0.001
    static let dBTolerance = 0.01

    @Test(arguments: ClipSpec.all)
    func ssimMatchesFFmpeg(_ spec: ClipSpec) async throws {
        let clip = try await ClipCache.shared.clip(spec)
        let ffmpeg = try OracleTools.mediaFFmpeg()
        let stats = clip.directory.appendingPathComponent("ssim.log").path
        let run = try OracleTools.ffmpeg(ffmpeg, clip.oracleInputs + [
            "-lavfi", "[0:v][1:v]ssim=stats_file=\(stats)", "-f", "null", "-"])
        let lines = try OracleParse.statsFile(stats)
        let summary = try OracleParse.ssimSummary(run.stderr)
        let ours = try await perFrame(clip) { try SSIM.frame(reference: $0, distorted: $1) }
        #expect(lines.count == ours.count)

        var maxDiff = 0.0, maxDBDiff = 0.0
        for (i, frame) in ours.enumerated() where i < lines.count {
            let line = lines[i]
            let pairs = [(frame.ssim.y, "Y"), (frame.ssim.u, "U"), (frame.ssim.v, "V"), (frame.all, "All")]
            for (value, key) in pairs {
                let oracle = try OracleParse.number(line[key])
                maxDiff = max(maxDiff, difference(value, oracle))
                #expect(agrees(value, oracle, within: Self.tolerance), "\(spec.name) frame \(i) \(key)")
            }
            // The dB value follows "All:x" as "(y)" in its own token.
            let oracleDB = try OracleParse.number(try dBOfAll(statsPath: stats, frame: i))
            maxDBDiff = max(maxDBDiff, difference(frame.allDecibels, oracleDB))
            #expect(agrees(frame.allDecibels, oracleDB, within: Self.dBTolerance), "\(spec.name) frame \(i) dB")
        }

        let pooled = try #require(SSIMSummary(frames: ours))
        let pooledPairs = [(pooled.ssim.y, pooled.decibels.y, "Y"), (pooled.ssim.u, pooled.decibels.u, "U"),
                           (pooled.ssim.v, pooled.decibels.v, "V"), (pooled.all, pooled.allDecibels, "All")]
        var maxPooled = 0.0
        for (value, dB, key) in pooledPairs {
            let oracle = try #require(summary[key], "summary lacks \(key)")
            maxPooled = max(maxPooled, difference(value, oracle.value))
            #expect(agrees(value, oracle.value, within: Self.tolerance), "\(spec.name) summary \(key)")
            #expect(agrees(dB, oracle.dB, within: Self.dBTolerance), "\(spec.name) summary \(key) dB")
        }
        print("AGREEMENT ssim \(spec.name): max |Δ| per-frame \(maxDiff) (dB \(maxDBDiff)) pooled \(maxPooled)")
    }

    /// The parenthesised dB of frame `frame`'s line in an ssim stats file.
    private func dBOfAll(statsPath: String, frame: Int) throws -> String? {
        let text = try String(contentsOfFile: statsPath, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("n:") }
        guard frame < lines.count, let open = lines[frame].lastIndex(of: "("),
              let close = lines[frame].lastIndex(of: ")") else { return nil }
        return String(lines[frame][lines[frame].index(after: open)..<close])
    }
}
