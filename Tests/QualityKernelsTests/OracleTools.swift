import Foundation
import QualityKernels

/// Errors from running the reference tools. A missing oracle is an error (test failure),
/// never a skip.
struct OracleError: Error, CustomStringConvertible {
    let description: String
}

/// Locating and running the reference binaries.
enum Oracle {
    /// Debian's FFmpeg 5.1: the oracle for psnr and ssim.
    static let ffmpegPath = "/usr/bin/ffmpeg"

    /// Throws unless Debian's ffmpeg is present and executable.
    static func ffmpeg() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: ffmpegPath) else {
            throw OracleError(description: "ORACLE MISSING: \(ffmpegPath) not found; install ffmpeg")
        }
        return ffmpegPath
    }

    /// The ffmpeg binary of the imageio-ffmpeg wheel (built with libvmaf).
    static func vmafFFmpeg() throws -> String {
        let result = try run("/usr/bin/env", ["python3", "-c",
                             "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())"])
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, FileManager.default.isExecutableFile(atPath: path) else {
            throw OracleError(description:
                "ORACLE MISSING: imageio-ffmpeg's ffmpeg (libvmaf) not found: \(result.stderr)")
        }
        return path
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `executable` with `arguments`, capturing output through temporary files.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("qk-\(UUID().uuidString).out")
        let errURL = dir.appendingPathComponent("qk-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Runs ffmpeg (or the vmaf build) and throws with its log when it fails.
    @discardableResult
    static func ffmpeg(_ binary: String, _ arguments: [String]) throws -> Output {
        let out = try run(binary, ["-hide_banner", "-nostdin", "-y"] + arguments)
        guard out.status == 0 else {
            throw OracleError(description: "ffmpeg failed (\(out.status)): \(arguments)\n"
                              + String(out.stderr.suffix(2000)))
        }
        return out
    }

    /// Input arguments for a raw planar YUV file.
    static func rawInput(_ path: String, width: Int, height: Int, pixelFormat: String) -> [String] {
        ["-f", "rawvideo", "-pix_fmt", pixelFormat, "-s", "\(width)x\(height)", "-r", "25",
         "-i", path]
    }

    static let scratchRoot = FileManager.default.temporaryDirectory
        .appendingPathComponent("quality-kernels-tests")

    /// A fresh scratch directory for one clip. Clip directories left by runs more than an
    /// hour old are removed first, so repeated runs do not fill the temporary directory.
    static func scratchDirectory(_ name: String) throws -> URL {
        let fm = FileManager.default
        let stale = Date().addingTimeInterval(-3600)
        for old in (try? fm.contentsOfDirectory(at: scratchRoot, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
            let modified = try? old.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
            if let modified, modified < stale { try? fm.removeItem(at: old) }
        }
        let url = scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads every frame of a raw yuv420p / yuv420p10le file.
func readRawPictures(_ path: String, width: Int, height: Int, bitDepth: Int) throws -> [Picture] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw OracleError(description: "cannot read \(path)")
    }
    let bytes = [UInt8](data)
    let frameSize = Picture.rawFrameSize(width: width, height: height, bitDepth: bitDepth)
    let count = bytes.count / frameSize
    guard count > 0, count * frameSize == bytes.count else {
        throw OracleError(description: "\(path): \(bytes.count) bytes is not whole frames of \(frameSize)")
    }
    return (0..<count).map {
        Picture.fromRawYUV(bytes, offset: $0 * frameSize, width: width, height: height,
                           bitDepth: bitDepth)
    }
}

/// Equality for oracle comparisons: equal infinities match, otherwise |a - b| ≤ tolerance.
func agrees(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance
}

/// Absolute difference treating equal infinities as 0 (for reporting maxima).
func difference(_ a: Double, _ b: Double) -> Double {
    if a.isInfinite || b.isInfinite { return a == b ? 0 : .infinity }
    return abs(a - b)
}
