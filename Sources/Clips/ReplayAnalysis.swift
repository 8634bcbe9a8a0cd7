import Loudness
import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// The analysis pass of `clips detect`: decodes the replay once (video fast, at a small size; audio to
/// loudness samples every 100 ms) and feeds every clip-finder session. Keeps nothing per frame.
public enum ReplayAnalysis {
    public struct Result: Sendable {
        public var duration: Double
        public var frames: Int
        public var finders: [String: ClipFinderResult]
        public var warnings: [String]
    }

    /// Thumbnail size handed to finders (16:9; letterboxing is the finder's business).
    public static let thumbnailWidth = 96, thumbnailHeight = 54

    /// Runs the job's finders over its replay, on a thread of its own (FFmpeg calls block: never on a
    /// Swift concurrency thread), and resumes the caller when it is done. `progress` gets the share
    /// of the file read (0…1), called on that thread.
    public static func run(_ job: DetectJob, progress: (@Sendable (Double) -> Void)? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Result, any Error>) in
            let thread = Thread { done.resume(with: Swift.Result { try analyse(job, progress: progress) }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The blocking body of `run`: demuxes and decodes the whole replay.
    static func analyse(_ job: DetectJob, progress: (@Sendable (Double) -> Void)?) throws -> Result {
        let demuxer: Demuxer
        do { demuxer = try Demuxer(path: job.replay.url.path) } catch {
            throw MarqueeError.input("replay \(job.replay.url.path) cannot be read: \(error.message); check that it is a complete video file")
        }
        let needVideo = job.finders.contains { $0.stage.needsVideo }
        let needAudio = job.finders.contains { $0.stage.needsAudio }
        let video = job.replay.video, audio = job.replay.audio
        let sessions = job.finders.map { ($0.stage.metadata.name, $0.stage.session(parameters: $0.parameters, limits: job.limits)) }
        let origin = job.replay.origin
        let vdec = try needVideo ? video.map { try Decoder(demuxer, stream: $0, threads: 0, fast: true) } : nil
        let adec = try needAudio ? audio.map { try Decoder(demuxer, stream: $0, threads: 1) } : nil
        let sink = try AnalysisSink(sessions: sessions.map(\.1), video: video, audio: audio, origin: origin)
        var warnings: [String] = []
        let packet = try Packet()
        var lastProgress = 0.0

        while true {
            do { guard try demuxer.read(into: packet) else { break } } catch {
                warnings.append("\(error); analysed up to there")
                break
            }
            if let vd = vdec, packet.streamIndex == video?.index {
                try vd.send(packet)
                while try vd.receive(into: sink.frame) { try sink.videoFrame() }
            } else if let ad = adec, packet.streamIndex == audio?.index {
                try ad.send(packet)
                while try ad.receive(into: sink.frame) { try sink.audioFrame() }
            }
            if let progress, demuxer.bytePosition.total > 0 {
                let f = Double(demuxer.bytePosition.read) / Double(demuxer.bytePosition.total)
                if f - lastProgress >= 0.01 { lastProgress = f; progress(f) }
            }
        }
        if let vd = vdec { try vd.send(nil); while try vd.receive(into: sink.frame) { try sink.videoFrame() } }
        if let ad = adec { try ad.send(nil); while try ad.receive(into: sink.frame) { try sink.audioFrame() } }
        warnings += (vdec?.errors ?? []).prefix(5).map { "video decoder: \($0)" }
        let duration = decodedDuration(header: demuxer.duration, decodedEnd: sink.decodedEnd, job: job, warnings: &warnings)
        var results: [String: ClipFinderResult] = [:]
        for (name, s) in sessions { results[name] = s.finish(duration: duration) }
        return Result(duration: duration, frames: sink.frames, finders: results, warnings: warnings)
    }

    /// The replay's length as decoded: a truncated replay's header still gives its full length, and
    /// cues past where its pictures and sound end cannot be cut. Warns when the two differ by more
    /// than a second.
    static func decodedDuration(header: Double, decodedEnd: Double, job: DetectJob, warnings: inout [String]) -> Double {
        guard decodedEnd > 0, header.isFinite, decodedEnd < header - 1 else { return header.isFinite ? header : decodedEnd }
        warnings.append("replay \(job.replay.url.lastPathComponent) decodes only to \(Timecode.format(decodedEnd)) although it says it lasts "
                        + "\(Timecode.format(header)); it looks truncated, so cues are suggested only up to \(Timecode.format(decodedEnd))")
        return decodedEnd
    }
}

/// Turns the analysis pass's decoded frames into what finder sessions consume: small RGB pictures
/// and loudness samples. Reuses its scaler, thumbnail and resampler.
private final class AnalysisSink {
    let sessions: [any ClipFinderSession]
    let video: StreamDetails?, audio: StreamDetails?
    let origin: Double
    /// The frame the decoders fill, one at a time.
    let frame: Frame
    private let thumb: Frame
    private var scaler: Scaler?
    private var resampler: Resampler?
    private var meter: LoudnessMeter?
    private(set) var frames = 0
    /// Where the last decoded picture or sound ends, in replay seconds.
    private(set) var decodedEnd = 0.0

    init(sessions: [any ClipFinderSession], video: StreamDetails?, audio: StreamDetails?, origin: Double) throws {
        self.sessions = sessions; self.video = video; self.audio = audio; self.origin = origin
        frame = try Frame()
        thumb = try Frame.picture(width: ReplayAnalysis.thumbnailWidth, height: ReplayAnalysis.thumbnailHeight, format: .rgb24)
    }

    func videoFrame() throws {
        let pts = frame.bestEffortPts
        guard pts != Packet.noTimestamp, let v = video else { return }
        let (w, h) = (ReplayAnalysis.thumbnailWidth, ReplayAnalysis.thumbnailHeight)
        let s: Scaler
        if let old = scaler, old.sourceWidth == frame.width, old.sourceHeight == frame.height, old.sourceFormat == frame.pixelFormat {
            s = old
        } else {
            s = try Scaler(sourceWidth: frame.width, sourceHeight: frame.height, sourceFormat: frame.pixelFormat,
                           width: w, height: h, format: .rgb24, quality: .area)
            scaler = s
        }
        try s.scale(frame, into: thumb)
        let rgb = try thumb.withPlane(0) { plane in
            var rgb = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h {
                let row = plane.row(y)
                for x in 0..<(w * 3) { rgb[y * w * 3 + x] = row[x] }
            }
            return rgb
        }
        let a = AnalysisFrame(time: v.timeBase.seconds(pts) - origin, width: w, height: h, rgb: rgb)
        decodedEnd = max(decodedEnd, a.time + 1 / max(1, v.frameRate))
        for s in sessions { s.consume(a) }
        frames += 1
    }

    func audioFrame() throws {
        let r: Resampler, m: LoudnessMeter
        if let resampler, let meter {
            (r, m) = (resampler, meter)
        } else {
            r = try Resampler(from: frame, outputRate: 48000, outputChannels: 2)
            let start = audio.map { a in frame.bestEffortPts == Packet.noTimestamp ? 0 : a.timeBase.seconds(frame.bestEffortPts) - origin } ?? 0
            m = LoudnessMeter(sampleRate: 48000, channels: 2, startTime: start)
            (resampler, meter) = (r, m)
        }
        if let a = audio, frame.bestEffortPts != Packet.noTimestamp, frame.sampleRate > 0 {
            decodedEnd = max(decodedEnd, a.timeBase.seconds(frame.bestEffortPts) - origin + Double(frame.sampleCount) / Double(frame.sampleRate))
        }
        m.add(planar: r.convert(frame))
        for sample in m.drainSamples() { for s in sessions { s.consume(sample) } }
    }
}
