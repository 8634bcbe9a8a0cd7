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

    /// Runs the job's finders over its replay; `progress` gets the share of the file read (0…1).
    public static func run(_ job: DetectJob, progress: (@Sendable (Double) -> Void)? = nil) throws -> Result {
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
        var scaler: Scaler?
        let thumb = Frame.picture(width: thumbnailWidth, height: thumbnailHeight, format: .rgb24)
        var resampler: Resampler?
        var meter: LoudnessMeter?
        var frames = 0
        var warnings: [String] = []
        let frame = Frame()
        let packet = Packet()
        var lastProgress = 0.0

        func videoFrame() throws {
            let pts = frame.bestEffortPts
            guard pts != Packet.noTimestamp, let v = video else { return }
            if scaler == nil || scaler!.sourceWidth != frame.width || scaler!.sourceHeight != frame.height {
                scaler = try Scaler(sourceWidth: frame.width, sourceHeight: frame.height, sourceFormat: frame.pixelFormat,
                                    width: thumbnailWidth, height: thumbnailHeight, format: .rgb24, quality: .area)
            }
            scaler!.scale(frame, into: thumb)
            let (d, s) = thumb.plane(0)
            var rgb = [UInt8](repeating: 0, count: thumbnailWidth * thumbnailHeight * 3)
            for y in 0..<thumbnailHeight { for x in 0..<(thumbnailWidth * 3) { rgb[y * thumbnailWidth * 3 + x] = d[y * s + x] } }
            let a = AnalysisFrame(time: v.timeBase.seconds(pts) - origin, width: thumbnailWidth, height: thumbnailHeight, rgb: rgb)
            for (_, s) in sessions { s.consume(a) }
            frames += 1
        }
        func audioFrame() throws {
            if resampler == nil {
                resampler = try Resampler(from: frame, outputRate: 48000, outputChannels: 2)
                let start = audio.map { a in frame.bestEffortPts == Packet.noTimestamp ? 0 : a.timeBase.seconds(frame.bestEffortPts) - origin } ?? 0
                meter = LoudnessMeter(sampleRate: 48000, channels: 2, startTime: start)
            }
            meter!.add(planar: resampler!.convert(frame))
            for sample in meter!.drainSamples() { for (_, s) in sessions { s.consume(sample) } }
        }

        while true {
            do { guard try demuxer.read(into: packet) else { break } } catch {
                warnings.append("\(error); analysed up to there")
                break
            }
            if let vd = vdec, packet.streamIndex == video?.index {
                try vd.send(packet)
                while try vd.receive(into: frame) { try videoFrame() }
            } else if let ad = adec, packet.streamIndex == audio?.index {
                try ad.send(packet)
                while try ad.receive(into: frame) { try audioFrame() }
            }
            if let progress, demuxer.bytePosition.total > 0 {
                let f = Double(demuxer.bytePosition.read) / Double(demuxer.bytePosition.total)
                if f - lastProgress >= 0.01 { lastProgress = f; progress(f) }
            }
        }
        if let vd = vdec { try vd.send(nil); while try vd.receive(into: frame) { try videoFrame() } }
        if let ad = adec { try ad.send(nil); while try ad.receive(into: frame) { try audioFrame() } }
        warnings += (vdec?.errors ?? []).prefix(5).map { "video decoder: \($0)" }
        let duration = demuxer.duration
        var results: [String: ClipFinderResult] = [:]
        for (name, s) in sessions { results[name] = s.finish(duration: duration) }
        return Result(duration: duration, frames: frames, finders: results, warnings: warnings)
    }
}
