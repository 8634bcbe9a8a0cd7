import Foundation
import Testing
import OracleSupport

/// The reference tools `marquee quality` is checked against: Debian's ffmpeg (`psnr`, `ssim`
/// filters) and libvmaf (`OracleTools.libvmaf`, the imageio-ffmpeg wheel's ffmpeg). A missing
/// oracle fails the test that needs it, loudly.
enum QualityOracle {
    struct Missing: Error, CustomStringConvertible { let description: String }

    /// Per-frame rows of an FFmpeg stats file (`key:value` pairs), e.g. `psnr_y`, `Y`, `All`.
    static func statsRows(_ file: URL) throws -> [[String: Double]] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line in
            var row: [String: Double] = [:]
            for pair in line.split(separator: " ") {
                let kv = pair.split(separator: ":", maxSplits: 1)
                if kv.count == 2, let v = Double(kv[1]) { row[String(kv[0])] = v }
            }
            return row
        }
    }

    /// FFmpeg's `psnr` and `ssim` filters on (distorted, reference): per-frame rows of each.
    static func psnrSSIM(reference: [String], distorted: [String], in dir: URL) throws -> (psnr: [[String: Double]], ssim: [[String: Double]]) {
        let p = dir.appendingPathComponent("psnr-\(UUID().uuidString.prefix(6)).log")
        let s = dir.appendingPathComponent("ssim-\(UUID().uuidString.prefix(6)).log")
        try ClipFixtures.ffmpeg(distorted + reference + [
            "-lavfi", "[0:v][1:v]psnr=stats_file=\(p.path);[0:v][1:v]ssim=stats_file=\(s.path)", "-f", "null", "-"])
        return (try statsRows(p), try statsRows(s))
    }

    /// libvmaf's per-frame metrics (default model) with the given extra features.
    static func libvmaf(reference: String, distorted: String, features: [String] = [], model: String? = nil,
                        in dir: URL) throws -> [[String: Double]] {
        var opts = "n_threads=2"
        if !features.isEmpty { opts += ":feature=" + features.map { "name=\($0)" }.joined(separator: "|") }
        if let model { opts += ":model=\(model)" }
        let log = dir.appendingPathComponent("vmaf-\(UUID().uuidString.prefix(6)).json")
        return try OracleTools.libvmaf(inputs: ["-i", distorted, "-i", reference], options: opts, log: log).frames
    }

    /// `marquee quality … --json` parsed: per-frame rows and the pooled table.
    static func marquee(_ args: [String]) throws -> (frames: [[String: Any]], pooled: [String: [String: Any]], doc: [String: Any]) {
        let r = try TestSupport.run(["quality"] + args + ["--json"])
        guard r.status == 0 else { throw Missing(description: "marquee quality failed (\(r.status)): \(r.stderr)") }
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        return (doc["frames"] as? [[String: Any]] ?? [], doc["pooled"] as? [String: [String: Any]] ?? [:], doc)
    }
}
