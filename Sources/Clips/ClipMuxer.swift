import Loudness
import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Writes a finished clip: the spooled video packets and the clip's audio (normalised and encoded, or
/// copied) interleaved by time into an MP4 with `moov` first, under a `.part` name renamed into place.
enum ClipMuxer {
    /// `parameters`: the replay's codec parameters by stream index (`Demuxer.parameters`, Sendable
    /// copies: the demuxer itself stays on the pass's thread).
    static func write(_ job: ClipWork, parameters: [Int: StreamParameters]) throws -> ClipRecord {
        guard let zero = job.zero, job.frames > 0 else {
            throw MarqueeError.item("clip \(job.cue.id): no video frames between \(Timecode.format(job.cue.start)) and \(Timecode.format(job.cue.end))")
        }
        let tb = job.video.timeBase
        let zeroSec = tb.seconds(zero) - job.origin
        let endSec = tb.seconds(job.lastEnd) - job.origin
        let part = AtomicFile.partURL(for: job.output)
        RunCleanup.track(part)
        defer { RunCleanup.untrack(part) }
        var streams: [ClipRecord.StreamRecord] = []
        var audio: AudioTrack?
        do {
            let muxer = try Muxer(path: part.path)
            let (v, videoRecord) = try addVideo(job, to: muxer, parameters: parameters)
            streams.append(videoRecord)
            audio = try addAudio(job, to: muxer, parameters: parameters, from: zeroSec, to: endSec)
            if let audio { streams.append(audio.record) }
            try muxer.start(faststart: true)
            try interleave(job, video: v, zero: zero, audio: audio, into: muxer)
            try muxer.finish()
        } catch {
            try? FileManager.default.removeItem(at: part)
            throw error
        }
        try syncAndRename(part, to: job.output)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: job.output.path)[.size] as? Int) ?? 0
        var warnings = [audio?.warning].compactMap { $0 } + job.warnings
        var pictures: ClipThumbnails.Files?
        do { pictures = try ClipThumbnails.write(clip: job.output, id: job.cue.id, frames: job.frames, known: job.pictures) }
        catch { warnings.append("the review page has no pictures of this clip: \(error)") }
        var record = ClipRecord(
            id: job.cue.id, file: job.output.lastPathComponent, cue: job.cue,
            modeRequested: job.job.mode.rawValue, modeUsed: job.mode.rawValue, fallbackReason: job.fallbackReason,
            format: job.job.format.rawValue, actualStart: zeroSec, actualEnd: endSec,
            frames: job.frames, framesEncoded: job.framesEncoded, streams: streams,
            loudnessBefore: audio?.before, loudnessAfter: try audio?.after(), gainDB: audio?.encoded?.gainDB,
            overlays: job.renderer?.overlayLabels ?? [], reframe: job.job.reframe?.stage.metadata.name,
            bytes: bytes, warnings: warnings, steps: job.renderer?.stepNames ?? [],
            platform: job.job.platform(for: job.cue)?.name)
        record.poster = pictures?.poster
        record.contactStrip = pictures?.strip
        return record
    }

    /// The replay's parameters of one of its streams.
    private static func source(_ s: StreamDetails, _ job: ClipWork, _ parameters: [Int: StreamParameters]) throws -> StreamParameters {
        guard let p = parameters[s.index] else { throw MarqueeError.item("clip \(job.cue.id): the replay has no stream \(s.index)") }
        return p
    }

    /// The video stream: copied (`copy`), copied with the smart cut's merged avcC (`smart`), or the
    /// clip's encoder (`reencode`); its index in the MP4 and its record.
    private static func addVideo(_ job: ClipWork, to muxer: Muxer, parameters: [Int: StreamParameters]) throws
        -> (Int, ClipRecord.StreamRecord) {
        let v: Int
        switch job.mode {
        case .copy:
            v = try muxer.addStream(copying: try source(job.video, job, parameters))
        case .smart:
            v = try muxer.addStream(copying: try source(job.video, job, parameters), extradata: try job.smart?.extradata())
        case .reencode:
            guard let enc = job.encoder else { throw MarqueeError.item("clip \(job.cue.id): nothing was encoded") }
            v = try muxer.addStream(from: enc)
        }
        // Pictures turned upright by a `rotate` step need no display matrix; others keep the replay's.
        let renderer = job.mode == .reencode ? job.renderer : nil
        if !(renderer?.rotates ?? false) { muxer.setRotation(job.video.rotation, stream: v) }
        let w = renderer?.outputWidth ?? job.video.info.width
        let h = renderer?.outputHeight ?? job.video.info.height
        let method = job.mode == .copy ? "copy" : job.mode == .reencode ? "encode" : (job.framesEncoded == 0 ? "copy" : job.framesEncoded == job.frames ? "encode" : "copy+encode")
        return (v, .init(type: "video", codec: "h264", method: method, width: w, height: h, sampleRate: nil, channels: nil,
                         sourceIndex: job.video.index))
    }

    /// The clip's audio in the MP4: the spooled samples measured (pass 1), normalised and encoded
    /// (pass 2), or the spooled packets copied; `nil` when the clip has no audio.
    private struct AudioTrack {
        let stream: Int
        let record: ClipRecord.StreamRecord
        var encoded: AudioEncodeSource?
        var copied: PacketSpool.Reader?
        var before: LoudnessMeasurement?
        /// Why the loudness target was not reached.
        var warning: String?
        let timeBase: Rational
        /// Ticks taken off copied packets so the clip's audio starts with its video.
        let zero: Int64

        func next() throws -> Packet? { try encoded?.next() ?? copied?.next() }
        /// Copied audio is unchanged: its loudness after is its loudness before (when it was measured).
        func after() throws -> LoudnessMeasurement? { try encoded?.measuredAfter() ?? before }
    }

    /// Audio already within the target's tolerance and under its true-peak ceiling needs no change: it is
    /// copied rather than decoded, normalised and encoded again (nothing to gain, a generation to lose).
    static func needsNoChange(_ measured: LoudnessMeasurement, target: LoudnessTarget) -> Bool {
        guard let integrated = target.integrated else { return true }
        return abs(measured.integrated - integrated) <= LoudnessGainSearch.tolerance && measured.truePeak <= target.truePeak
    }

    private static func addAudio(_ job: ClipWork, to muxer: Muxer, parameters: [Int: StreamParameters],
                                 from zeroSec: Double, to endSec: Double) throws -> AudioTrack? {
        guard let audio = job.audio else { return nil }
        let (skip, count) = audio.range(zero: zeroSec, end: endSec)
        var meter: LoudnessMeter?
        if let spool = audio.samples, spool.frames > 0 { meter = try ClipLoudness.meter(spool, skip: skip, count: count) }
        let measured = meter?.result()
        let copyable = (audio.packets?.count ?? 0) > 0
        if let spool = audio.samples, let meter, let before = measured, !(copyable && needsNoChange(before, target: job.job.loudness)) {
            let plan = try ClipLoudness.plan(spool, skip: skip, count: count, measured: before, target: job.job.loudness)
            let src = try AudioEncodeSource(spool: spool, skip: skip, count: count, before: meter, gain: plan,
                                            loudness: job.job.loudness, bitRate: job.job.encoder.audioBitRate)
            let a = try muxer.addStream(from: src.encoder)
            let record = ClipRecord.StreamRecord(type: "audio", codec: "aac", method: "encode", width: nil, height: nil,
                                                 sampleRate: ClipAudio.rate, channels: spool.channels, sourceIndex: audio.stream.index)
            return AudioTrack(stream: a, record: record, encoded: src, before: before,
                              warning: plan.flatMap { ClipLoudness.warning($0, target: job.job.loudness) },
                              timeBase: Rational(1, Int32(ClipAudio.rate)), zero: 0)
        }
        // Copy mode, loudness off, or audio that needs no change: the source's packets, shifted to the clip's start.
        if let spool = audio.packets, spool.count > 0 {
            let a = try muxer.addStream(copying: try source(audio.stream, job, parameters))
            let record = ClipRecord.StreamRecord(type: "audio", codec: audio.stream.info.codec, method: "copy", width: nil, height: nil,
                                                 sampleRate: audio.stream.info.sampleRate, channels: audio.stream.info.channels,
                                                 sourceIndex: audio.stream.index)
            let tb = audio.stream.timeBase
            return AudioTrack(stream: a, record: record, copied: try spool.reader(), before: measured,
                              timeBase: tb, zero: tb.ticks(zeroSec + job.origin))
        }
        return nil
    }

    /// Writes the spooled video packets and the audio packets in time order, both shifted to start at zero.
    private static func interleave(_ job: ClipWork, video v: Int, zero: Int64, audio: AudioTrack?, into muxer: Muxer) throws {
        let tb = job.video.timeBase
        let videoReader = try job.spool.reader()
        var nextVideo = try videoReader.next()
        var nextAudio: Packet? = try audio?.next()
        func time(_ p: Packet, _ base: Rational) -> Double { base.seconds(p.dts == Packet.noTimestamp ? p.pts : p.dts) }
        while nextVideo != nil || nextAudio != nil {
            let takeVideo: Bool
            if let vp = nextVideo, let ap = nextAudio, let audio {
                takeVideo = time(vp, tb) - tb.seconds(zero) <= time(ap, audio.timeBase) - audio.timeBase.seconds(audio.zero)
            } else { takeVideo = nextVideo != nil }
            if takeVideo, let vp = nextVideo {
                vp.shift(by: -zero)
                try muxer.write(vp, stream: v, timeBase: tb)
                nextVideo = try videoReader.next()
            } else if let ap = nextAudio, let audio {
                if audio.copied != nil { ap.shift(by: -audio.zero) }
                try muxer.write(ap, stream: audio.stream, timeBase: audio.timeBase)
                nextAudio = try audio.next()
            }
        }
    }

    private static func syncAndRename(_ part: URL, to final: URL) throws {
        let fd = open(part.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if rename(part.path, final.path) != 0 {
            let err = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: part)
            throw MarqueeError.item("\(final.path): cannot move the finished clip into place: \(err)")
        }
    }
}
