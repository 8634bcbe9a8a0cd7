import Foundation
import QualityKernels
import OracleSupport
import Testing

/// A reference/distorted clip pair generated with ffmpeg (`RawClip`), as a test argument.
struct ClipSpec: Sendable, CustomTestStringConvertible {
    let recipe: ClipRecipe

    var name: String { recipe.name }
    var testDescription: String { name }

    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    static func make(_ name: String, _ source: String, _ width: Int, _ height: Int,
                     frames: Int, bitDepth: Int = 8, _ encoder: [String]) -> ClipSpec {
        ClipSpec(recipe: ClipRecipe(name: name, source: source.replacingOccurrences(of: "SIZE", with: "\(width)x\(height)"),
                                    width: width, height: height, frames: frames, bitDepth: bitDepth, encoder: encoder))
    }

    static let x264 = ["-c:v", "libx264", "-preset", "veryfast"]

    /// Small 360p clips over varied content and codecs, one odd-sized, one 1080p, one
    /// 10-bit, one identical pair.
    static let all: [ClipSpec] = [
        make("testsrc2-x264-120k", "testsrc2=size=SIZE:rate=25", 640, 360, frames: 8,
             x264 + ["-b:v", "120k"]),
        make("testsrc2-x264-900k", "testsrc2=size=SIZE:rate=25", 640, 360, frames: 8,
             x264 + ["-b:v", "900k"]),
        make("mandelbrot-mpeg4", "mandelbrot=size=SIZE:rate=25", 640, 360, frames: 8,
             ["-c:v", "mpeg4", "-q:v", "12"]),
        make("noisy-testsrc-x265", "testsrc=size=SIZE:rate=25,noise=alls=25:allf=t", 640, 360,
             frames: 6, ["-c:v", "libx265", "-b:v", "200k", "-x265-params", "log-level=error"]),
        make("gradient-grain-x264", "gradients=size=SIZE:rate=25:seed=7,noise=alls=12:allf=t+u",
             640, 360, frames: 6, x264 + ["-crf", "34"]),
        make("drawtext-mpeg4", "color=c=0x204060:size=SIZE:rate=25,drawtext=fontfile=\(font)"
             + ":text='Marquee %{n}':fontsize=72:fontcolor=white:x=40+9*n:y=120", 640, 360,
             frames: 6, ["-c:v", "mpeg4", "-q:v", "20"]),
        make("odd-size-x264", "testsrc2=size=SIZE:rate=25", 646, 362, frames: 5,
             x264 + ["-b:v", "150k"]),
        make("hd1080-x264", "testsrc2=size=SIZE:rate=25", 1920, 1080, frames: 2,
             x264 + ["-b:v", "800k"]),
        make("tenbit-x265", "testsrc2=size=SIZE:rate=25", 640, 360, frames: 5, bitDepth: 10,
             ["-c:v", "libx265", "-b:v", "150k", "-x265-params", "log-level=error"]),
        make("identical", "testsrc2=size=SIZE:rate=25", 640, 360, frames: 3, []),
    ]
}

/// A generated clip on disk plus its decoded pictures.
struct Clip: Sendable {
    let spec: ClipSpec
    let files: RawClip
    let reference: [Picture]
    let distorted: [Picture]

    var directory: URL { files.directory }
    /// ffmpeg input arguments for the distorted then the reference raw file.
    var oracleInputs: [String] { files.oracleInputs }

    static func generate(_ spec: ClipSpec) throws -> Clip {
        let files = try RawClip.make(spec.recipe, group: "quality-kernels-tests")
        return Clip(spec: spec, files: files, reference: try spec.recipe.pictures(files.reference),
                    distorted: try spec.recipe.pictures(files.distorted))
    }
}

/// Generates each clip once per test run, however many tests ask for it concurrently.
actor ClipCache {
    static let shared = ClipCache()
    private var tasks: [String: Task<Clip, any Error>] = [:]

    func clip(_ spec: ClipSpec) async throws -> Clip {
        if let task = tasks[spec.name] { return try await task.value }
        let task = Task.detached { try Clip.generate(spec) }
        tasks[spec.name] = task
        return try await task.value
    }
}

/// Runs `body` over all frame pairs concurrently (exercising thread safety), in frame order.
func perFrame<T: Sendable>(_ clip: Clip,
                           _ body: @Sendable @escaping (Picture, Picture) throws -> T) async throws -> [T] {
    try await withThrowingTaskGroup(of: (Int, T).self) { group in
        for i in clip.reference.indices {
            let ref = clip.reference[i], dist = clip.distorted[i]
            group.addTask { (i, try body(ref, dist)) }
        }
        var results = [T?](repeating: nil, count: clip.reference.count)
        for try await (i, value) in group { results[i] = value }
        return results.compactMap { $0 }
    }
}
