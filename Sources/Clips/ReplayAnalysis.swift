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
        let sessions = job.finders.map { ($0.stage.metadata.name, $0.stage.session(parameters: $0.parameters, limits: job.limits)) }
        let fed = try feed(job, sessions: sessions.map(\.1), progress: progress)
        var warnings = fed.warnings
        let duration = decodedDuration(header: fed.headerDuration, decodedEnd: fed.decodedEnd, job: job, warnings: &warnings)
        var results: [String: ClipFinderResult] = [:]
        for (name, s) in sessions { results[name] = s.finish(duration: duration) }
        return Result(duration: duration, frames: fed.frames, finders: results, warnings: warnings)
    }

    /// What one pass fed the sessions: frames, where the decoded pictures and sound end, the header's
    /// duration and the warnings.
    struct Fed {
        var frames: Int
        var decodedEnd: Double
        var headerDuration: Double
        var warnings: [String]
        /// GOP-parallel video: chunks, and packets decoded twice at their boundaries (0 when sequential).
        var chunks = 0, tailPackets = 0
    }

    /// Reads the replay once and feeds `sessions` (on this thread only). Video is decoded GOP-parallel
    /// (`ParallelAnalysis`) when `workers` (nil: `ParallelAnalysis.workerCount`) is 2 or more, else by
    /// one decoder here (`threads`: 0 = frame-threaded); audio is decoded here either way.
    static func feed(_ job: DetectJob, sessions: [any ClipFinderSession], workers: Int? = nil, threads: Int = 0,
                     chunkSeconds: Double = ParallelAnalysis.chunkSeconds, progress: ((Double) -> Void)?) throws -> Fed {
        let demuxer: Demuxer
        do { demuxer = try Demuxer(path: job.replay.url.path) } catch {
            throw MarqueeError.input("replay \(job.replay.url.path) cannot be read: \(error.message); check that it is a complete video file")
        }
        let needVideo = job.finders.contains { $0.stage.needsVideo }
        let needAudio = job.finders.contains { $0.stage.needsAudio }
        let video = needVideo ? job.replay.video : nil, audio = job.replay.audio
        let parallel = video.flatMap { v in
            (workers ?? ParallelAnalysis.workerCount(demuxer, video: v)).flatMap { n in
                n >= 2 ? ParallelAnalysis(demuxer: demuxer, video: v, origin: job.replay.origin, workers: n, chunkSeconds: chunkSeconds) : nil
            }
        }
        defer { parallel?.shutDown() }
        let vdec = try parallel == nil ? video.map { try Decoder(demuxer, stream: $0, threads: threads, fast: true) } : nil
        let adec = try needAudio ? audio.map { try Decoder(demuxer, stream: $0, threads: 1) } : nil
        let sink = try AnalysisSink(sessions: sessions, video: video, audio: audio, origin: job.replay.origin)
        var warnings: [String] = []
        var packet = try Packet()
        var lastProgress = 0.0
        func readShare() -> Double {
            let b = demuxer.bytePosition
            return b.total > 0 ? Double(b.read) / Double(b.total) : 0
        }
        while true {
            do { guard try demuxer.read(into: packet) else { break } } catch {
                warnings.append("\(error); analysed up to there")
                break
            }
            if let par = parallel, packet.streamIndex == video?.index {
                try par.add(packet, readShare: readShare(), into: sink, progress: progress)
                packet = try Packet()
            } else if let vd = vdec, packet.streamIndex == video?.index {
                try vd.send(packet)
                while try vd.receive(into: sink.frame) { try sink.videoFrame() }
            } else if let ad = adec, packet.streamIndex == audio?.index {
                try ad.send(packet)
                while try ad.receive(into: sink.frame) { try sink.audioFrame() }
            }
            if let progress, parallel == nil {
                let share = readShare()
                if share - lastProgress >= 0.01 { lastProgress = share; progress(share) }
            }
        }
        if let par = parallel { try par.finish(readShare: readShare(), into: sink, progress: progress) }
        if let vd = vdec { try vd.send(nil); while try vd.receive(into: sink.frame) { try sink.videoFrame() } }
        if let ad = adec { try ad.send(nil); while try ad.receive(into: sink.frame) { try sink.audioFrame() } }
        warnings += (parallel?.decodeErrors ?? vdec?.errors ?? []).prefix(5).map { "video decoder: \($0)" }
        return Fed(frames: sink.frames, decodedEnd: sink.decodedEnd, headerDuration: demuxer.duration, warnings: warnings,
                   chunks: parallel?.chunks ?? 0, tailPackets: parallel?.tailPackets ?? 0)
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
