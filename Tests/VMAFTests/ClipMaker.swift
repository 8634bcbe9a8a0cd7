import Foundation
import QualityKernels

/// Generates one clip: lavfi reference -> raw YUV, encode + decode -> distorted raw YUV,
/// libvmaf on the two raw files (default, phone and NEG models in one run), then loads
/// the luma planes and the JSON log. The temporary directory is removed afterwards.
struct ClipMaker {
    let recipe: ClipRecipe
    let generator: String
    let oracle: String

    func make() throws -> Clip {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("marquee-vmaf-\(ProcessInfo.processInfo.processIdentifier)-\(recipe.name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ref = dir.appendingPathComponent("ref.yuv").path
        let encoded = dir.appendingPathComponent("enc.\(recipe.container)").path
        let dist = dir.appendingPathComponent("dist.yuv").path
        let log = dir.appendingPathComponent("vmaf.json").path
        let quiet = ["-hide_banner", "-loglevel", "error", "-y"]
        let raw = ["-f", "rawvideo", "-pix_fmt", recipe.pixelFormat,
                   "-s", "\(recipe.width)x\(recipe.height)", "-r", "25"]
        try OracleTools.run(generator, quiet + ["-f", "lavfi", "-i", recipe.source,
            "-frames:v", "\(recipe.frames)", "-pix_fmt", recipe.pixelFormat, "-f", "rawvideo", ref])
        try OracleTools.run(generator, quiet + raw + ["-i", ref] + recipe.encoder
            + ["-pix_fmt", recipe.pixelFormat, encoded])
        try OracleTools.run(generator, quiet + ["-i", encoded, "-frames:v", "\(recipe.frames)",
            "-fps_mode", "passthrough", "-pix_fmt", recipe.pixelFormat, "-f", "rawvideo", dist])
        let models = [
            "version=vmaf_v0.6.1\\\\:name=vmaf",
            "version=vmaf_v0.6.1\\\\:enable_transform=true\\\\:name=phone",
            "version=vmaf_v0.6.1neg\\\\:name=neg",
        ].joined(separator: "|")
        let filter = "[0:v][1:v]libvmaf=log_fmt=json:log_path=\(log):n_threads=2:model=\(models)"
        try OracleTools.run(oracle, quiet + raw + ["-i", dist] + raw + ["-i", ref]
            + ["-lavfi", filter, "-f", "null", "-"])
        let (frames, pooled) = try parseLog(at: log)
        let references = try loadLuma(ref), distorted = try loadLuma(dist)
        guard references.count == recipe.frames, distorted.count == recipe.frames,
              frames.count == recipe.frames else {
            throw OracleTools.Missing(description: "\(recipe.name): frame counts differ "
                + "(\(references.count), \(distorted.count), \(frames.count))")
        }
        return Clip(name: recipe.name, width: recipe.width, height: recipe.height,
                    bitDepth: recipe.bitDepth, references: references, distorted: distorted,
                    oracle: frames, pooledMeans: pooled)
    }

    private func loadLuma(_ path: String) throws -> [Plane] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let size = Picture.rawFrameSize(width: recipe.width, height: recipe.height,
                                        bitDepth: recipe.bitDepth)
        return stride(from: 0, to: bytes.count - size + 1, by: size).map { offset in
            Picture.fromRawYUV(bytes, offset: offset, width: recipe.width, height: recipe.height,
                               bitDepth: recipe.bitDepth).y
        }
    }

    private func parseLog(at path: String) throws -> ([[String: Double]], [String: Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let frames = root["frames"] as? [[String: Any]],
              let pooled = root["pooled_metrics"] as? [String: Any] else {
            throw OracleTools.Missing(description: "\(recipe.name): unreadable libvmaf log")
        }
        let metrics = frames.map { frame in
            ((frame["metrics"] as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        }
        var means: [String: Double] = [:]
        for (name, value) in pooled {
            if let stats = value as? [String: Any], let mean = (stats["mean"] as? NSNumber)?.doubleValue {
                means[name] = mean
            }
        }
        return (metrics, means)
    }
}
