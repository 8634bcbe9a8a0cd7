import H264
import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// What one clip wants done with one GOP of the replay.
enum GOPAction {
    case skip
    /// Stream-copy the first `count` packets.
    case copy(count: Int)
    /// Decode the GOP; frames shown in `from..<to` (stream ticks) are re-encoded for this clip.
    case decode(from: Int64, to: Int64)
    /// Smart cut's tail: stream-copy the first `count` packets (every frame shown before `from`), then
    /// re-encode the frames shown in `from..<to` from the same GOP decoded.
    case copyThenDecode(count: Int, from: Int64, to: Int64)

    /// Packets to stream-copy, if any.
    var copyCount: Int? {
        switch self {
        case .copy(let n), .copyThenDecode(let n, _, _): n
        case .skip, .decode: nil
        }
    }

    /// Frames (stream ticks) to re-encode from the decoded GOP, if any.
    var decodeRange: (from: Int64, to: Int64)? {
        switch self {
        case .decode(let f, let t), .copyThenDecode(_, let f, let t): (f, t)
        case .skip, .copy: nil
        }
    }
}

/// One clip being made during the replay pass: its plan, its packets so far (spooled to disk),
/// its encoder and audio (the job descriptor says how; this is the work under way). The pass calls `action(for:)`, `copy`, `frame` and `audio…` in replay
/// order, then `ClipMuxer` writes the file.
final class ClipWork {
    let cue: Cue
    let output: URL
    let job: ClipJob
    let video: StreamDetails
    var mode: CutMode
    var fallbackReason: String?
    /// Cue range in video stream ticks (absolute).
    let startTicks: Int64, endTicks: Int64
    /// Replay-timeline origin in seconds (the video stream's start).
    let origin: Double
    /// Ticks of the clip's first frame: clip time 0.
    var zero: Int64?
    /// End (pts + duration) of the last frame in the clip, in ticks.
    var lastEnd: Int64 = .min
    var frames = 0 {
        didSet { progress?.add(min(frames, expectedFrames) - min(oldValue, expectedFrames)) }
    }
    var framesEncoded = 0
    /// Frames the cue should give (its length times the frame rate), for the batch's progress.
    let expectedFrames: Int
    var progress: ClipProgress?
    let spool: PacketSpool
    var encoder: Encoder?
    /// Smart cut: the segment encoders' parameter sets and the merged decoder configuration.
    var smart: SmartCutStream?
    var renderer: FrameRenderer?
    var audio: ClipAudio?
    var warnings: [String] = []
    /// The clip's first and last frames when the pass decoded them (re-encoded ones): the review page's
    /// poster and last strip picture are taken from them instead of decoding the written clip again.
    var pictures = ClipThumbnails.Known()
    var videoComplete = false
    var failure: Error?
    /// Source decode-to-presentation delay of keyframes (ticks): encoded frames get dts = pts - delay.
    var seamDelay: Int64 = 0
    private var segmentOpen = false
    /// NAL length size of an avcC H.264 source, to check copied packets; nil for anything else.
    private lazy var nalLengthSize: Int? = video.info.codec == "h264" ? (try? AVCDecoderConfig(extradata: video.extradata))?.nalLengthSize : nil
    private let frameTicks: Int64

    init(cue: Cue, job: ClipJob, video: StreamDetails, work: URL, renderer: FrameRenderer?, audio: ClipAudio?) throws {
        self.cue = cue; self.job = job; self.video = video
        output = job.outDir.appendingPathComponent("\(cue.id).mp4")
        origin = job.replay.origin
        self.renderer = renderer; self.audio = audio
        mode = job.mode
        let tb = video.timeBase
        startTicks = tb.ticks(origin + cue.start)
        endTicks = tb.ticks(origin + cue.end)
        frameTicks = max(1, tb.ticks(1 / (video.frameRate > 0 ? video.frameRate : 30)))
        expectedFrames = max(1, Int(((cue.end - cue.start) * (video.frameRate > 0 ? video.frameRate : 30)).rounded()))
        spool = try PacketSpool(url: work.appendingPathComponent("\(cue.id).video"))
    }

    /// Half a millisecond: cue times given to the millisecond still hit the frame they name.
    var tolerance: Int64 { max(1, video.timeBase.ticks(0.0005)) }

    var startSeconds: Double { Double(zero ?? startTicks) * video.timeBase.value - origin }
    var endSeconds: Double { Double(lastEnd == .min ? endTicks : lastEnd) * video.timeBase.value - origin }
    var isDone: Bool { videoComplete || failure != nil }
    /// The pass has given this clip something (a frame, a packet, audio): the pass may not skip ahead.
    var isUnderWay: Bool { zero != nil || frames > 0 || videoComplete || (audio?.isUnderWay ?? false) }

    func action(for gop: GOP) -> GOPAction {
        guard failure == nil, !videoComplete else { return .skip }
        let gopEnd = gop.endPts
        // A GOP ending at (or within the tolerance of) the start holds no frame of the clip.
        if gopEnd <= startTicks + tolerance { return .skip }
        if gop.startPts >= endTicks { return .skip }
        if let key = gop.packets.first, key.isKeyframe, key.pts != Packet.noTimestamp, key.dts != Packet.noTimestamp, frames == 0 {
            seamDelay = max(0, key.pts - key.dts)
        }
        switch mode {
        case .copy:
            let (count, _) = gop.prefix(before: endTicks)
            return gopEnd > endTicks ? .copy(count: count) : .copy(count: gop.packets.count)
        case .reencode:
            return .decode(from: startTicks - tolerance, to: endTicks)
        case .smart:
            let containsStart = gop.startPts < startTicks - tolerance
            let containsEnd = gopEnd > endTicks
            if containsStart { return .decode(from: startTicks - tolerance, to: endTicks) }
            if containsEnd {
                let (count, exact) = gop.prefix(before: endTicks)
                if exact { return .copy(count: count) }
                return tailSplit(gop) ?? .decode(from: gop.startPts, to: endTicks)
            }
            return .copy(count: gop.packets.count)
        }
    }

    /// A tail GOP whose decode-order prefix before the cue's end is not exact (B-frames shown before the end
    /// refer to a frame after it): copy the longest prefix that is exact for an earlier boundary and re-encode
    /// only the frames from there, when their decode times stay after the copied ones'.
    private func tailSplit(_ gop: GOP) -> GOPAction? {
        guard let (count, boundary) = gop.exactSplit(before: endTicks) else { return nil }
        let lastCopied = gop.packets[count - 1]
        let lastDTS = lastCopied.dts == Packet.noTimestamp ? lastCopied.pts : lastCopied.dts
        guard boundary - seamDelay > lastDTS else { return nil }
        return .copyThenDecode(count: count, from: boundary, to: endTicks)
    }

    /// Appends stream-copied packets (closing an open encoded segment first, so decode order holds).
    func copy(_ packets: ArraySlice<Packet>) throws {
        try closeSegment()
        for p in packets {
            if let n = nalLengthSize, (try? LengthPrefixed.split(p.bytes, lengthSize: n)) == nil {
                let t = p.pts == Packet.noTimestamp ? "?" : Timecode.format(video.timeBase.seconds(p.pts) - origin)
                warnings.append("copied video packet at \(t) is damaged (its NAL unit lengths do not add up); players may show errors there")
            }
            if zero == nil { zero = p.pts }
            lastEnd = max(lastEnd, p.pts + (p.duration > 0 ? p.duration : frameTicks))
            try spool.append(p)
            frames += 1
        }
        if !packets.isEmpty { pictures.last = nil }  // the clip's last frame so far is a copied one
    }

    /// A decoded frame in presentation order; used when it falls in this clip's re-encoded range.
    func frame(_ f: Frame, pts: Int64, range: (from: Int64, to: Int64)) throws {
        guard pts >= range.from, pts < range.to else { return }
        let first = zero == nil
        if first { zero = pts }
        if !segmentOpen { try openSegment() }
        let t = video.timeBase.seconds(pts - (zero ?? pts))
        let picture = try renderer?.render(f, at: t) ?? f
        picture.pts = pts
        picture.clearPictureType()
        let d = f.duration > 0 ? f.duration : frameTicks
        // The last frame is the one reaching the range's end (a frame the pass drops later is not the last).
        let last = pts + d >= range.to - tolerance
        if first || last {
            let held = try picture.reference()
            if first { pictures.first = held }
            pictures.last = last ? held : nil
        } else {
            pictures.last = nil
        }
        for p in try encoder!.encode(picture) { try emit(p) }
        lastEnd = max(lastEnd, pts + d)
        frames += 1
        framesEncoded += 1
    }

    private func openSegment() throws {
        segmentOpen = true
        if mode == .smart {
            if smart == nil { smart = try SmartCutStream(source: video) }
            encoder = try smart!.makeSegmentEncoder(settings: job.encoder)
        } else if encoder == nil {
            encoder = try makeEncoder()
        }
    }

    /// Drains the current encoded segment (smart cut: each segment has its own encoder and parameter sets).
    func closeSegment() throws {
        guard segmentOpen else { return }
        segmentOpen = false
        for p in try encoder!.encode(nil) { try emit(p) }
        if mode == .smart { encoder = nil }  // its parameter sets are in the merged avcC; free it now
    }

    private func emit(_ p: Packet) throws {
        // The muxer ends the track at the last sample's dts + duration: encoders leave it 0.
        if p.duration <= 0 { p.duration = frameTicks }
        if mode == .smart, let smart {
            try smart.adopt(p)
            p.dts = p.pts - seamDelay
        }
        try spool.append(p)
    }

    private func makeEncoder() throws -> Encoder {
        let (w, h) = renderer.map { ($0.outputWidth, $0.outputHeight) } ?? (video.info.width ?? 0, video.info.height ?? 0)
        var s = VideoEncoderSettings(width: w & ~1, height: h & ~1, timeBase: video.timeBase,
                                     frameRate: Rational(Int32(max(1, (video.frameRate * 1000).rounded())), 1000))
        s.options = ["preset": job.encoder.preset, "crf": String(job.encoder.crf)]
        return try Encoder(video: s)
    }

    /// Frees the encoder and renderer once the clip is written or has failed.
    func release() {
        encoder = nil
        renderer = nil
        smart = nil
        pictures = ClipThumbnails.Known()
    }

    /// Called when the replay pass has given this clip every frame it will get.
    func completeVideo() throws {
        try closeSegment()
        videoComplete = true
    }
}
