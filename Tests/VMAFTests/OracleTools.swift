import Foundation

/// Locates the external programs the fidelity tests need: Debian's ffmpeg (media generation
/// and encoding) and the ffmpeg of the imageio-ffmpeg wheel, whose libvmaf is the oracle.
enum OracleTools {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Debian's ffmpeg, or `MARQUEE_FFMPEG`.
    static func generator() throws -> String {
        let path = ProcessInfo.processInfo.environment["MARQUEE_FFMPEG"] ?? "/usr/bin/ffmpeg"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "ffmpeg for media generation not found at \(path)")
        }
        return path
    }

    /// The libvmaf-enabled ffmpeg (`MARQUEE_LIBVMAF_FFMPEG`, else imageio-ffmpeg's binary).
    static func oracle() throws -> String {
        if let path = ProcessInfo.processInfo.environment["MARQUEE_LIBVMAF_FFMPEG"] {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Missing(description: "MARQUEE_LIBVMAF_FFMPEG=\(path) is not executable")
            }
            return path
        }
        let script = "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())"
        let output = try run("/usr/bin/env", ["python3", "-c", script])
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty, FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "libvmaf oracle (imageio-ffmpeg's ffmpeg) not found")
        }
        let filters = try run(path, ["-hide_banner", "-h", "filter=libvmaf"])
        guard filters.contains("Calculate the VMAF") else {
            throw Missing(description: "\(path) has no libvmaf filter")
        }
        return path
    }

    /// Runs a program to completion; throws with its stderr when it fails.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self)
            throw Missing(description: "\(executable) \(arguments.joined(separator: " ")) failed: "
                          + String(message.suffix(800)))
        }
        return String(decoding: outData, as: UTF8.self)
    }
}
