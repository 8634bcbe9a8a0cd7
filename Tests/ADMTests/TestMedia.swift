import Foundation
import Testing
import QualityKernels

/// A generated test clip: a lavfi source rendered to raw video (the reference), encoded with
/// some codec settings and decoded back (the distorted).
struct Clip: Sendable, CustomTestStringConvertible {
    let name: String
    /// lavfi source graph; `{size}` stands for WIDTHxHEIGHT.
    let source: String
    let width: Int
    let height: Int
    let frames: Int
    let bitDepth: Int
    /// Encoder arguments (codec, rate control, optional filters).
    let encoder: [String]
    /// Whether to also check the NEG variant (adm_enhn_gain_limit = 1).
    let checkNoEnhancement: Bool

    init(_ name: String, _ source: String, _ width: Int = 640, _ height: Int = 360, frames: Int = 2,
         bitDepth: Int = 8, encoder: [String], neg: Bool = false) {
        self.name = name
        self.source = source
        self.width = width
        self.height = height
        self.frames = frames
        self.bitDepth = bitDepth
        self.encoder = encoder
        checkNoEnhancement = neg
    }

    var testDescription: String { name }
    var pixelFormat: String { bitDepth > 8 ? "yuv420p10le" : "yuv420p" }
}

/// Reference and distorted luma planes of a clip, plus where the raw files are.
struct ClipMedia {
    let directory: URL
    let reference: URL
    let distorted: URL
    let referenceLuma: [Plane]
    let distortedLuma: [Plane]

    /// Renders, encodes and decodes `clip` into a fresh temporary directory.
    static func make(_ clip: Clip) throws -> ClipMedia {
        let ffmpeg = try Tools.mediaFFmpeg()
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("adm-\(clip.name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var made = false
        defer { if !made { try? FileManager.default.removeItem(at: dir) } }
        let ref = dir.appendingPathComponent("ref.yuv")
        let enc = dir.appendingPathComponent("enc.mkv")
        let dis = dir.appendingPathComponent("dis.yuv")
        let size = "\(clip.width)x\(clip.height)"
        let raw = ["-f", "rawvideo", "-pix_fmt", clip.pixelFormat]
        let source = clip.source.replacingOccurrences(of: "{size}", with: size)
        try Tools.run(ffmpeg, ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source]
                      + ["-frames:v", "\(clip.frames)"] + raw + [ref.path])
        try Tools.run(ffmpeg, ["-v", "error", "-nostdin", "-y"] + raw + ["-s", size, "-r", "25", "-i", ref.path]
                      + clip.encoder + [enc.path])
        try Tools.run(ffmpeg, ["-v", "error", "-nostdin", "-y", "-i", enc.path] + raw + [dis.path])
        let media = ClipMedia(directory: dir, reference: ref, distorted: dis,
                              referenceLuma: try lumaPlanes(ref, clip), distortedLuma: try lumaPlanes(dis, clip))
        made = true
        return media
    }

    /// The Y planes of every whole frame in a raw yuv420p file.
    static func lumaPlanes(_ url: URL, _ clip: Clip) throws -> [Plane] {
        let bytes = [UInt8](try Data(contentsOf: url))
        let size = Picture.rawFrameSize(width: clip.width, height: clip.height, bitDepth: clip.bitDepth)
        return (0..<(bytes.count / size)).map {
            Picture.fromRawYUV(bytes, offset: $0 * size, width: clip.width, height: clip.height,
                               bitDepth: clip.bitDepth).y
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
