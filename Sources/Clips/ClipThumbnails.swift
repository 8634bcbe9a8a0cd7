import Foundation
import Support
import Imaging
import Media

/// The review page's pictures of a finished clip, decoded from the clip file itself (so they show what
/// was written), except the first and last frames when the pass hands them over (`Known`: the very
/// pictures it encoded): a poster, its first frame, and a contact strip of frames spread evenly from its first
/// to its last (inner ones on a nearby keyframe, see `picks`), as JPEG files beside the clip (`{id}.poster.jpg`, `{id}.strip.jpg`).
enum ClipThumbnails {
    /// Poster width in pixels (height keeps the clip's shape).
    static let posterWidth = 360
    /// Frames in the contact strip, and the width of each.
    static let stripFrames = 6
    static let stripFrameWidth = 160
    static let stripGap = 4

    /// Frames of the clip already at hand (decoded by the replay pass, exactly what was encoded): its
    /// first and last, which then need no decoding here (the last is most of the cost: it is decoded
    /// from its GOP's keyframe).
    struct Known {
        var first: Frame?
        var last: Frame?
    }

    struct Files: Sendable {
        let poster: String
        let strip: String
        /// Frames decoded to make them (each picked frame needs only its GOP's frames up to it).
        var framesDecoded = 0
    }

    /// Decodes the picked frames of `clip` (which has `frames` frames) and writes its poster and contact
    /// strip beside it. A packet pass finds each frame's time and the keyframes; each picked frame is
    /// then decoded from its keyframe (no further than a pick the decoder has already passed), so a
    /// clip costs a few GOPs of decoding, not all of its frames.
    static func write(clip: URL, id: String, frames: Int, known: Known = Known()) throws -> Files {
        let demuxer = try Demuxer(path: clip.path)
        guard let video = demuxer.bestStream("video"), let w = video.info.width, let h = video.info.height, w > 0, h > 0 else {
            throw MarqueeError.item("\(clip.lastPathComponent): no video stream to make its review pictures from")
        }
        let index = try FrameIndex(demuxer, stream: video)
        guard !index.times.isEmpty else {
            throw MarqueeError.item("\(clip.lastPathComponent): no frame could be decoded for its review pictures")
        }
        let picks = Self.picks(index, frames: frames)
        let poster = try Shrinker(width: w, height: h, to: posterWidth)
        let small = try Shrinker(width: w, height: h, to: stripFrameWidth)
        let reader = try FramePicker(demuxer, stream: video, keyframes: index.keyframes)
        var posterImage: Image?
        var strip: [Image] = []
        for (i, pts) in picks.enumerated() {
            if i > 0, pts == picks[i - 1], let same = strip.last { strip.append(same); continue }  // a clip of fewer frames
            let given = i == 0 ? known.first : i == picks.count - 1 ? known.last : nil
            guard let frame = try given ?? reader.frame(at: pts) else { break }
            if posterImage == nil { posterImage = try poster.image(frame) }
            strip.append(try small.image(frame))
        }
        guard let posterImage, let lastPicture = strip.last else {
            throw MarqueeError.item("\(clip.lastPathComponent): no frame could be decoded for its review pictures")
        }
        while strip.count < picks.count { strip.append(lastPicture) }  // fewer frames than the record says
        var files = Files(poster: "\(id).poster.jpg", strip: "\(id).strip.jpg")
        files.framesDecoded = reader.decoded
        let dir = clip.deletingLastPathComponent()
        try AtomicFile.write(try posterImage.encoded(as: .jpg, quality: 82), to: dir.appendingPathComponent(files.poster))
        try AtomicFile.write(try joined(strip, height: small.height).encoded(as: .jpg, quality: 80),
                             to: dir.appendingPathComponent(files.strip))
        return files
    }

    /// The strip's frames: spread evenly from the first to the last, each inner one moved to the nearest
    /// keyframe within a quarter of their spacing (a keyframe decodes alone; any other frame needs its
    /// GOP decoded up to it).
    static func picks(_ index: FrameIndex, frames: Int) -> [Int64] {
        let last = max(0, min(frames, index.times.count) - 1)
        let even = (0..<stripFrames).map { i in index.times[stripFrames > 1 ? i * last / (stripFrames - 1) : 0] }
        guard stripFrames > 2, let first = even.first, let end = even.last else { return even }
        let reach = (end - first) / Int64(4 * (stripFrames - 1))
        return even.enumerated().map { i, t in
            guard i > 0, i < stripFrames - 1, let key = index.keyframes.min(by: { abs($0 - t) < abs($1 - t) }),
                  abs(key - t) <= reach else { return t }
            return key
        }
    }

    /// The strip's frames side by side on a dark ground, `stripGap` pixels apart.
    private static func joined(_ images: [Image], height: Int) throws -> Image {
        let width = images.count * stripFrameWidth + (images.count - 1) * stripGap
        var canvas = try Image.solid(width: width, height: height, rgb: [17, 17, 17])
        for (i, image) in images.enumerated() {
            canvas = try canvas.insert(image, x: i * (stripFrameWidth + stripGap), y: 0)
        }
        return canvas
    }

    /// Scales decoded pictures to RGB at one width (height in proportion, even) with swscale.
    private final class Shrinker {
        let width: Int, height: Int
        private var scaler: Scaler?
        private let output: Frame

        init(width w: Int, height h: Int, to target: Int) throws {
            width = min(target, w)
            height = max(2, Int((Double(h) * Double(width) / Double(w)).rounded()) & ~1)
            output = try Frame.picture(width: width, height: height, format: .rgb24)
        }

        func image(_ frame: Frame) throws -> Image {
            let fits = scaler.map { $0.sourceFormat == frame.pixelFormat && $0.sourceWidth == frame.width && $0.sourceHeight == frame.height }
            if fits != true {
                scaler = try Scaler(sourceWidth: frame.width, sourceHeight: frame.height, sourceFormat: frame.pixelFormat,
                                    width: width, height: height, format: .rgb24, quality: .area)
            }
            try scaler?.scale(frame, into: output)
            let bytes = try output.withPlane(0) { plane in
                (0..<plane.height).flatMap { Array(plane.row($0)) }
            }
            return try Image.fromPixels(bytes, width: width, height: height, bands: 3)
        }
    }
}
