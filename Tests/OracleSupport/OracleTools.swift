import Foundation

/// A missing or failing oracle: the test that needs it fails, loudly (never a skip).
public struct OracleError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a program printed, and how it ended.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdoutData: Data
    public let stderr: String

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
}

/// The external programs the oracle tests need: Debian's ffmpeg (makes and encodes test media; its
/// `psnr` and `ssim` filters are oracles) and the ffmpeg of the imageio-ffmpeg wheel, whose libvmaf is
/// the oracle for the VMAF features (`make setup` installs it).
public enum OracleTools {
    /// Debian's ffmpeg: `MARQUEE_FFMPEG`, else /usr/bin/ffmpeg.
    public static func mediaFFmpeg() throws -> String {
        let path = ProcessInfo.processInfo.environment["MARQUEE_FFMPEG"] ?? "/usr/bin/ffmpeg"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw OracleError("ORACLE MISSING: ffmpeg not found at \(path) (apt-get install ffmpeg, or set MARQUEE_FFMPEG)")
        }
        return path
    }

    /// The ffmpeg built with libvmaf: `MARQUEE_LIBVMAF_FFMPEG`, else imageio-ffmpeg's binary, checked to
    /// have the libvmaf filter. Looked up once per test process.
    public static func libvmafFFmpeg() throws -> String { try libvmaf.get() }

    private static let libvmaf: Result<String, OracleError> = Result {
        var path = ProcessInfo.processInfo.environment["MARQUEE_LIBVMAF_FFMPEG"] ?? ""
        if path.isEmpty {
            let out = try run("/usr/bin/env", ["python3", "-c", "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())"])
            path = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            guard out.status == 0, !path.isEmpty else {
                throw OracleError("ORACLE MISSING: libvmaf comes from the imageio-ffmpeg wheel; run `make setup` (pip install imageio-ffmpeg), or set MARQUEE_LIBVMAF_FFMPEG. \(out.stderr)")
            }
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw OracleError("ORACLE MISSING: the libvmaf ffmpeg \(path) is not executable")
        }
        let filters = try run(path, ["-hide_banner", "-h", "filter=libvmaf"])
        guard filters.stdout.contains("Calculate the VMAF") else {
            throw OracleError("ORACLE MISSING: \(path) has no libvmaf filter")
        }
        return path
    }.mapError { $0 as? OracleError ?? OracleError("\($0)") }

    /// Runs a program to completion with no input, its output captured through temporary files (no
    /// pipe can fill up and stall it, however much it writes); the status is not checked.
    public static func run(_ program: String, _ arguments: [String]) throws -> ProcessOutput {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessOutput(status: process.terminationStatus, stdoutData: (try? Data(contentsOf: outURL)) ?? Data(),
                             stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// Runs ffmpeg (`binary`: either build) with `-hide_banner -nostdin -y` and throws with the end of
    /// its log when it fails.
    @discardableResult
    public static func ffmpeg(_ binary: String, _ arguments: [String]) throws -> ProcessOutput {
        let out = try run(binary, ["-hide_banner", "-nostdin", "-y"] + arguments)
        guard out.status == 0 else {
            throw OracleError("ffmpeg failed (\(out.status)): \(arguments.joined(separator: " "))\n" + String(out.stderr.suffix(2000)))
        }
        return out
    }

    /// Input arguments for a raw planar YUV file at 25 frames per second.
    public static func rawInput(_ path: String, width: Int, height: Int, pixelFormat: String) -> [String] {
        ["-f", "rawvideo", "-pix_fmt", pixelFormat, "-s", "\(width)x\(height)", "-r", "25", "-i", path]
    }

    /// libvmaf on two inputs (ffmpeg input arguments, the distorted first, as libvmaf's filter takes
    /// them) with `options` (`n_threads=2:model=…`, `feature=name=…`), and its JSON log read back.
    public static func libvmaf(inputs: [String], options: String, log: URL) throws -> LibvmafLog {
        let filter = "[0:v][1:v]libvmaf=log_fmt=json:log_path=\(log.path)" + (options.isEmpty ? "" : ":\(options)")
        try ffmpeg(try libvmafFFmpeg(), ["-v", "error"] + inputs + ["-lavfi", filter, "-f", "null", "-"])
        return try LibvmafLog(contentsOf: log)
    }

    /// A fresh scratch folder `<temporary>/<group>/<name>-<uuid>`. Folders of the group left by runs more
    /// than an hour old are removed first, so repeated runs do not fill the temporary folder.
    public static func scratchDirectory(_ group: String, _ name: String) throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent(group)
        let stale = Date().addingTimeInterval(-3600)
        for old in (try? fm.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
            let modified = try? old.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
            if let modified, modified < stale { try? fm.removeItem(at: old) }
        }
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
