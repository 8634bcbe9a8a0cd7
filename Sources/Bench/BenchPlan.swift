import Foundation
import Media
import Support

/// What a bench run will do, decided from the job and the source before any encode: the source's
/// facts, the windows of it that are encoded, the rungs (profile × resolution × bitrate) with their
/// encoder settings, and the points that cannot be measured, with why.
struct BenchPlan {
    struct Rung {
        let profile: BenchJob.Profile
        let spec: RungSpec
        let settings: VideoEncoderSettings
        var key: String { "\(profile.name)/\(spec.height)p/\(spec.bitrateKbps)k" }
    }

    let source: SourceFacts
    let windows: [SampleWindow]
    let sampled: Bool
    let samplingNote: String
    let rungs: [Rung]
    let missing: [MissingPoint]

    init(_ job: BenchJob) throws {
        let reader: VideoReader
        do { reader = try VideoReader(path: job.source, threads: 1) } catch {
            throw MarqueeError.usage("\(job.source): cannot bench it: \(error.message); give a video file")
        }
        source = SourceFacts(reader)
        guard source.frameRate > 0 else {
            throw MarqueeError.usage("\(job.source): the video stream has no frame rate; remux it with a constant rate")
        }
        (windows, sampled, samplingNote) = try Self.windows(job.sampling, duration: source.duration, path: job.source)
        var rungs: [Rung] = [], missing: [MissingPoint] = []
        for profile in job.profiles {
            guard let plugin = profile.plugin else {
                missing.append(.init(profile: profile.name, reason: profile.unsupported ?? "no encoder-profile plugin drives \(profile.preset.encoder)"))
                continue
            }
            guard Encoder.isAvailable(plugin.encoderName) else {
                missing.append(.init(profile: profile.name, reason: "this FFmpeg build has no \(plugin.encoderName) encoder; install an FFmpeg with it or drop \(profile.name)"))
                continue
            }
            if let problem = plugin.problems(profile.preset).first {
                missing.append(.init(profile: profile.name, reason: "preset \(profile.name): \(problem)"))
                continue
            }
            for height in job.resolutions {
                guard height <= source.height else {
                    missing.append(.init(profile: profile.name, heightPx: height,
                                         reason: "\(height)p is above the source's \(source.height) lines (no upscaling)"))
                    continue
                }
                let width = max(2, Int((Double(source.width) * Double(height) / Double(source.height) / 2).rounded()) * 2)
                for kbps in job.bitratesKbps {
                    guard kbps >= plugin.minimumBitrateKbps else {
                        missing.append(.init(profile: profile.name, heightPx: height, targetKbps: kbps,
                                             reason: "\(kbps) kbps is below \(plugin.minimumBitrateKbps) kbps, the lowest \(plugin.encoderName) holds"))
                        continue
                    }
                    let spec = RungSpec(width: width, height: height & ~1, bitrateKbps: kbps, frameRate: source.rational)
                    rungs.append(Rung(profile: profile, spec: spec, settings: try plugin.settings(profile.preset, rung: spec)))
                }
            }
        }
        self.rungs = rungs; self.missing = missing
    }

    /// Frames a rung is expected to get (for progress and the thumbnail frame).
    var expectedFrames: Int {
        let seconds = sampled ? windows.reduce(0) { $0 + $1.seconds } : source.duration
        return max(1, Int((seconds * source.frameRate).rounded()))
    }

    /// The sample windows: ab-av1's approach (several short samples spread evenly over the file,
    /// each starting at a keyframe search), or the whole file.
    static func windows(_ sampling: BenchJob.Sampling, duration: Double, path: String) throws
        -> (windows: [SampleWindow], sampled: Bool, note: String) {
        let full = [SampleWindow(start: 0, seconds: .infinity)]
        switch sampling {
        case .full:
            return (full, false, "full: every frame of the source (--full)")
        case .auto(let count, let seconds):
            guard duration > 0 else { return (full, false, "full: the source's duration is unknown") }
            let n = count ?? min(12, max(3, Int(duration / 60)))
            if Double(n) * seconds * 2 > duration {
                return (full, false, String(format: "full: the source (%.1f s) is shorter than twice %d samples of %@ s", duration, n, numberText(seconds)))
            }
            return (spread(n, seconds, duration), true, sampledNote(n, seconds, duration))
        case .samples(let n, let seconds):
            guard duration > 0 else { throw MarqueeError.usage("\(path): its duration is unknown, so it cannot be sampled; use --full") }
            guard duration >= seconds else {
                throw MarqueeError.usage(String(format: "\(path) is %.2f s long, shorter than one sample of %@ s; use --full or a shorter --sample-seconds", duration, numberText(seconds)))
            }
            guard Double(n) * seconds <= duration else {
                throw MarqueeError.usage(String(format: "\(path) is %.2f s long: %d samples of %@ s do not fit; use fewer --samples or --full", duration, n, numberText(seconds)))
            }
            return (spread(n, seconds, duration), true, sampledNote(n, seconds, duration))
        }
    }

    private static func spread(_ n: Int, _ seconds: Double, _ duration: Double) -> [SampleWindow] {
        (0..<n).map { i in
            SampleWindow(start: max(0, (duration - seconds) * (Double(i) + 0.5) / Double(n)), seconds: seconds)
        }
    }

    private static func sampledNote(_ n: Int, _ seconds: Double, _ duration: Double) -> String {
        String(format: "sampled: %d %@ of %@ s spread over %.1f s (%.0f%% of the source); --full for everything",
               n, n == 1 ? "sample" : "samples", numberText(seconds), duration, min(100, Double(n) * seconds / duration * 100))
    }
}

/// A stretch of the source that is encoded: from `start` for `seconds` (infinite: to the end).
struct SampleWindow: Sendable, Hashable {
    let start: Double
    let seconds: Double
    var end: Double { start + seconds }
}

/// The source as read.
public struct SourceFacts: Sendable, Codable, Hashable {
    public let path: String
    public let width: Int
    public let height: Int
    public let pixelFormat: String
    public let frameRate: Double
    public let duration: Double
    public let codec: String

    init(_ r: VideoReader) {
        path = r.path; width = r.sourceWidth; height = r.sourceHeight; pixelFormat = r.sourcePixelFormat
        frameRate = r.frameRate; duration = r.duration; codec = r.stream.info.codec
    }

    /// The frame rate as a fraction: whole rates over 1, NTSC-style ones over 1001.
    var rational: Rational {
        let whole = frameRate.rounded()
        if abs(frameRate - whole) < 0.001 { return Rational(Int32(whole), 1) }
        return Rational(Int32((frameRate * 1001).rounded()), 1001)
    }
}

/// A point that was not measured, and why.
public struct MissingPoint: Sendable, Codable, Hashable {
    public let profile: String
    public let heightPx: Int?
    public let targetKbps: Int?
    public let reason: String
    public init(profile: String, heightPx: Int? = nil, targetKbps: Int? = nil, reason: String) {
        self.profile = profile; self.heightPx = heightPx; self.targetKbps = targetKbps; self.reason = reason
    }
}
