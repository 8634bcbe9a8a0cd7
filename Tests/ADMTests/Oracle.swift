import Foundation
import Testing
import QualityKernels

/// The two external programs the fidelity tests need: Debian's ffmpeg (makes and encodes test
/// media) and the ffmpeg of the imageio-ffmpeg wheel, which carries libvmaf (the oracle).
enum Tools {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Debian's ffmpeg: $ADM_TEST_FFMPEG, else /usr/bin/ffmpeg.
    static func mediaFFmpeg() throws -> String {
        let path = ProcessInfo.processInfo.environment["ADM_TEST_FFMPEG"] ?? "/usr/bin/ffmpeg"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "media ffmpeg not found at \(path) (apt-get install ffmpeg)")
        }
        return path
    }

    /// The libvmaf-enabled ffmpeg: $ADM_ORACLE_FFMPEG, else the imageio-ffmpeg wheel's binary.
    static func oracleFFmpeg() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ADM_ORACLE_FFMPEG"] {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Missing(description: "ADM_ORACLE_FFMPEG=\(path) is not executable")
            }
            return path
        }
        let script = "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())"
        let out = (try? run("/usr/bin/env", ["python3", "-c", script]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !out.isEmpty, FileManager.default.isExecutableFile(atPath: out) else {
            throw Missing(description: "oracle missing: no libvmaf ffmpeg from imageio_ffmpeg "
                          + "(pip install imageio-ffmpeg, or set ADM_ORACLE_FFMPEG)")
        }
        return out
    }

    /// Runs a program to completion; throws with its stderr when it fails. Returns stdout.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self)
            throw Missing(description: "\(program) \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Per-frame scores libvmaf logged for one clip.
struct OracleFrame {
    let adm2: Double
    let adm2NoEnhancement: Double?
    let scales: [Double]
}

enum Oracle {
    /// Runs libvmaf (vmaf_v0.6.1, plus the adm extractor with adm_enhn_gain_limit=1) on raw
    /// distorted and reference files and reads its per-frame integer ADM features.
    static func scores(distorted: URL, reference: URL, width: Int, height: Int, pixelFormat: String,
                       log: URL) throws -> [OracleFrame] {
        let ffmpeg = try Tools.oracleFFmpeg()
        let raw = ["-f", "rawvideo", "-pix_fmt", pixelFormat, "-s", "\(width)x\(height)", "-r", "25"]
        let filter = "[0:v][1:v]libvmaf=log_fmt=json:log_path=\(log.path):n_threads=1"
            + ":feature='name=adm\\:adm_enhn_gain_limit=1.0'"
        try Tools.run(ffmpeg, ["-v", "error", "-nostdin"] + raw + ["-i", distorted.path] + raw
                      + ["-i", reference.path, "-lavfi", filter, "-f", "null", "-"])
        let data = try Data(contentsOf: log)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let frames = json["frames"] as? [[String: Any]] else {
            throw Tools.Missing(description: "libvmaf log \(log.path) has no frames")
        }
        return try frames.map { frame in
            guard let metrics = frame["metrics"] as? [String: Double], let adm2 = metrics["integer_adm2"] else {
                throw Tools.Missing(description: "libvmaf log lacks integer_adm2")
            }
            let scales = (0..<4).compactMap { metrics["integer_adm_scale\($0)"] }
            return OracleFrame(adm2: adm2, adm2NoEnhancement: metrics["integer_adm2_egl_1"], scales: scales)
        }
    }
}
