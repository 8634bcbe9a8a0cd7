import Foundation
import QualityKernels

/// How to make a reference/distorted clip pair with ffmpeg: a lavfi source rendered to raw YUV (the
/// reference), encoded with real codec settings and decoded back to raw YUV (the distorted).
public struct ClipRecipe: Sendable {
    public var name: String
    /// lavfi source graph of the reference, its size and rate set inside.
    public var source: String
    public var width: Int
    public var height: Int
    public var frames: Int
    public var bitDepth: Int
    /// Encoder arguments (codec, rate control, optional filters); empty: the distorted clip is the
    /// reference itself.
    public var encoder: [String]
    /// The encoded file's container (`mkv`, `avi`).
    public var container: String

    public init(name: String, source: String, width: Int, height: Int, frames: Int, bitDepth: Int = 8,
                encoder: [String], container: String = "mkv") {
        self.name = name; self.source = source; self.width = width; self.height = height; self.frames = frames
        self.bitDepth = bitDepth; self.encoder = encoder; self.container = container
    }

    public var pixelFormat: String { bitDepth > 8 ? "yuv420p10le" : "yuv420p" }

    /// ffmpeg input arguments for a raw file of this clip.
    public func rawInput(_ path: String) -> [String] {
        OracleTools.rawInput(path, width: width, height: height, pixelFormat: pixelFormat)
    }

    /// Every frame of a raw file of this clip.
    public func pictures(_ path: String) throws -> [Picture] {
        try readRawPictures(path, width: width, height: height, bitDepth: bitDepth)
    }
}

/// A clip pair made from a recipe: the raw reference and distorted files in a scratch folder.
public struct RawClip: Sendable {
    public let recipe: ClipRecipe
    public let directory: URL
    public let reference: String
    public let distorted: String

    /// Renders, encodes and decodes `recipe` with Debian's ffmpeg into a fresh scratch folder of
    /// `group` (see `OracleTools.scratchDirectory`); throws unless both files hold `frames` frames.
    public static func make(_ recipe: ClipRecipe, group: String) throws -> RawClip {
        let ffmpeg = try OracleTools.mediaFFmpeg()
        let dir = try OracleTools.scratchDirectory(group, recipe.name)
        do {
            return try make(recipe, in: dir, ffmpeg: ffmpeg)
        } catch {
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
    }

    private static func make(_ recipe: ClipRecipe, in dir: URL, ffmpeg: String) throws -> RawClip {
        let pixelFormat = ["-pix_fmt", recipe.pixelFormat]
        let ref = dir.appendingPathComponent("ref.yuv").path
        try OracleTools.ffmpeg(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", recipe.source, "-frames:v", "\(recipe.frames)"]
                               + pixelFormat + ["-f", "rawvideo", ref])
        var dist = ref
        if !recipe.encoder.isEmpty {
            let encoded = dir.appendingPathComponent("enc.\(recipe.container)").path
            dist = dir.appendingPathComponent("dist.yuv").path
            try OracleTools.ffmpeg(ffmpeg, ["-v", "error"] + recipe.rawInput(ref) + recipe.encoder + pixelFormat + [encoded])
            try OracleTools.ffmpeg(ffmpeg, ["-v", "error", "-i", encoded, "-frames:v", "\(recipe.frames)",
                                            "-fps_mode", "passthrough"] + pixelFormat + ["-f", "rawvideo", dist])
        }
        let clip = RawClip(recipe: recipe, directory: dir, reference: ref, distorted: dist)
        let frameSize = Picture.rawFrameSize(width: recipe.width, height: recipe.height, bitDepth: recipe.bitDepth)
        for path in [ref, dist] {
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard bytes == recipe.frames * frameSize else {
                throw OracleError("\(recipe.name): \(path) holds \(bytes / frameSize) frames, expected \(recipe.frames)")
            }
        }
        return clip
    }

    /// ffmpeg input arguments for the distorted then the reference file (libvmaf's order).
    public var oracleInputs: [String] { recipe.rawInput(distorted) + recipe.rawInput(reference) }

    public func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Reads every frame of a raw yuv420p / yuv420p10le file.
public func readRawPictures(_ path: String, width: Int, height: Int, bitDepth: Int) throws -> [Picture] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw OracleError("cannot read \(path)")
    }
    let bytes = [UInt8](data)
    let frameSize = Picture.rawFrameSize(width: width, height: height, bitDepth: bitDepth)
    let count = bytes.count / frameSize
    guard count > 0, count * frameSize == bytes.count else {
        throw OracleError("\(path): \(bytes.count) bytes is not whole frames of \(frameSize)")
    }
    return (0..<count).map {
        Picture.fromRawYUV(bytes, offset: $0 * frameSize, width: width, height: height, bitDepth: bitDepth)
    }
}
