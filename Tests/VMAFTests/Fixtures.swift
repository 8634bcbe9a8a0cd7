import Foundation
import QualityKernels
import OracleSupport
import Synchronization

/// A generated test clip: reference and distorted luma planes plus libvmaf's per-frame log.
struct Clip: Sendable {
    let name: String
    let references: [Plane]
    let distorted: [Plane]
    /// Per-frame metrics from libvmaf: features plus `vmaf`, `phone` and `neg` scores.
    let oracle: [[String: Double]]
    /// libvmaf's pooled (mean) scores: `vmaf`, `phone`, `neg`.
    let pooledMeans: [String: Double]
}

/// The clips every fidelity test uses, generated once per test process.
enum Fixtures {
    static let recipes: [ClipRecipe] = {
        let small = "640x360"
        return [
            ClipRecipe(name: "testsrc2-x264-80k", source: "testsrc2=size=\(small):rate=25",
                       width: 640, height: 360, frames: 8,
                       encoder: ["-c:v", "libx264", "-b:v", "80k", "-preset", "fast"], container: "mkv"),
            ClipRecipe(name: "mandelbrot-x264-300k", source: "mandelbrot=size=\(small):rate=25",
                       width: 640, height: 360, frames: 8,
                       encoder: ["-c:v", "libx264", "-b:v", "300k"], container: "mkv"),
            ClipRecipe(name: "noisy-still-350x198-mpeg4", source:
                        "color=c=0x708090:size=350x198:rate=25,noise=alls=40:all_seed=7,loop=loop=-1:size=1:start=0",
                       width: 350, height: 198, frames: 6,
                       encoder: ["-c:v", "mpeg4", "-q:v", "8"], container: "avi"),
            ClipRecipe(name: "gradient-grain-362x202-x265", source:
                        "gradients=size=362x202:rate=25:speed=0.02,noise=alls=14:allf=t",
                       width: 362, height: 202, frames: 8,
                       encoder: ["-c:v", "libx265", "-b:v", "200k", "-x265-params", "log-level=error"],
                       container: "mkv"),
            ClipRecipe(name: "testsrc2-x264-1500k", source: "testsrc2=size=\(small):rate=25",
                       width: 640, height: 360, frames: 6,
                       encoder: ["-c:v", "libx264", "-b:v", "1500k"], container: "mkv"),
            ClipRecipe(name: "mandelbrot-x264-10bit", source: "mandelbrot=size=480x270:rate=25",
                       width: 480, height: 270, frames: 5, bitDepth: 10, encoder: ["-c:v", "libx264", "-b:v", "150k"], container: "mkv"),
            ClipRecipe(name: "testsrc2-1080p-x264", source: "testsrc2=size=1920x1080:rate=25",
                       width: 1920, height: 1080, frames: 3,
                       encoder: ["-c:v", "libx264", "-b:v", "1200k", "-preset", "veryfast"],
                       container: "mkv"),
        ]
    }()

    /// All clips, or the reason they could not be made (missing oracle, ffmpeg failure).
    static let clips: Result<[Clip], OracleError> = {
        do {
            _ = try OracleTools.mediaFFmpeg()
            _ = try OracleTools.libvmafFFmpeg()
            let results = LockedResults(count: recipes.count)
            DispatchQueue.concurrentPerform(iterations: recipes.count) { index in
                results.set(index, Result {
                    try ClipMaker.make(recipes[index])
                })
            }
            return .success(try results.values())
        } catch let error as OracleError {
            return .failure(error)
        } catch {
            return .failure(OracleError("\(error)"))
        }
    }()

    /// The clips; throws (failing the calling test) when the oracle or tools are missing.
    static func all() throws -> [Clip] { try clips.get() }
}

/// Collects results from concurrent workers.
private final class LockedResults: Sendable {
    private let slots: Mutex<[Result<Clip, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Result<Clip, any Error>) {
        slots.withLock { $0[index] = value }
    }

    func values() throws -> [Clip] {
        try slots.withLock { slots in
            try slots.map { slot in
                guard let slot else { throw OracleError("clip not generated") }
                return try slot.get()
            }
        }
    }
}
