import Foundation
import Testing

/// The reference tools `marquee quality` is checked against: Debian's ffmpeg (`psnr`, `ssim`
/// filters) and libvmaf inside the ffmpeg binary of the imageio-ffmpeg wheel (`make setup`
/// installs it). A missing oracle fails the test that needs it, loudly.
enum QualityOracle {
    struct Missing: Error, CustomStringConvertible { let description: String }

    /// The ffmpeg built with libvmaf.
    static func libvmafFFmpeg() throws -> String {
        let out = try ClipFixtures.run("/usr/bin/env", ["python3", "-c", "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())"], check: false)
        let path = String(decoding: out.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard out.status == 0, FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "ORACLE MISSING: libvmaf comes from the imageio-ffmpeg wheel; run `make setup` (pip install imageio-ffmpeg). \(out.stderr)")
        }
        return path
    }

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
        let ff = try libvmafFFmpeg()
        let log = dir.appendingPathComponent("vmaf-\(UUID().uuidString.prefix(6)).json")
        var opts = "log_fmt=json:log_path=\(log.path):n_threads=2"
        if !features.isEmpty { opts += ":feature=" + features.map { "name=\($0)" }.joined(separator: "|") }
        if let model { opts += ":model=\(model)" }
        try ClipFixtures.run(ff, ["-hide_banner", "-nostdin", "-v", "error", "-i", distorted, "-i", reference,
                                  "-lavfi", "[0:v][1:v]libvmaf=\(opts)", "-f", "null", "-"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: log)) as? [String: Any]
        let frames = json?["frames"] as? [[String: Any]] ?? []
        return frames.map { ($0["metrics"] as? [String: Double]) ?? [:] }
    }

    /// `marquee quality … --json` parsed: per-frame rows and the pooled table.
    static func marquee(_ args: [String]) throws -> (frames: [[String: Any]], pooled: [String: [String: Any]], doc: [String: Any]) {
        let r = try TestSupport.run(["quality"] + args + ["--json"])
        guard r.status == 0 else { throw Missing(description: "marquee quality failed (\(r.status)): \(r.stderr)") }
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        return (doc["frames"] as? [[String: Any]] ?? [], doc["pooled"] as? [String: [String: Any]] ?? [:], doc)
    }
}
