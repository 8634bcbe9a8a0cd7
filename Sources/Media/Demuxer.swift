internal import CFFmpeg

/// What the engine needs to know of one input stream.
public struct StreamDetails: Sendable, Hashable {
    public let index: Int
    public let info: StreamInfo
    public let timeBase: Rational
    /// First timestamp in `timeBase` ticks (may be negative, e.g. edit lists); nil when unknown.
    public let startTime: Int64?
    /// Average frame rate of a video stream (frames per second), 0 when unknown.
    public let frameRate: Double
    /// Clockwise rotation a player applies from the display matrix, in degrees: 0, 90, 180 or 270.
    public let rotation: Int
    /// Decoder-specific configuration (avcC for H.264 in MP4/MKV).
    public let extradata: [UInt8]
    /// Codec profile and level as FFmpeg numbers (-99 when unknown).
    public let profile: Int
    public let level: Int
    public let pixelFormat: String
    /// Frames of reordering delay (B-frames) the decoder reports.
    public let videoDelay: Int
    public let bitRate: Int64
}

/// Reads packets from a media file. Owns the `AVFormatContext` (via `InputContext`). Not for sharing
/// between threads: what other threads need of it are `streams` and `parameters`, both Sendable copies.
public final class Demuxer {
    public let path: String
    let input: InputContext
    var ctx: UnsafeMutablePointer<AVFormatContext> { input.pointer }
    public let streams: [StreamDetails]
    /// A copy of every stream's codec parameters, by stream index, read-only after opening: muxers on
    /// other threads copy from these while this demuxer goes on reading.
    public let parameters: [Int: StreamParameters]
    /// Container duration in seconds (0 when unknown).
    public let duration: Double
    public let container: String

    /// `raw`: how to read a headerless raw video file (nil for every other file).
    public init(path: String, raw: RawVideoFormat? = nil) throws(MediaError) {
        self.path = path
        input = try InputContext(path: path, raw: raw)
        let ctx = input.pointer
        let info = try MediaProbe.describe(ctx, path: path)
        duration = info.duration
        container = info.container
        var all: [StreamDetails] = []
        var params: [Int: StreamParameters] = [:]
        for s in info.streams {
            guard let st = ctx.pointee.streams?[s.index], let par = st.pointee.codecpar?.pointee else { continue }
            all.append(Self.details(of: st, par, info: s))
            params[s.index] = try StreamParameters(st, path: path)
        }
        streams = all
        parameters = params
    }

    private static func details(of st: UnsafeMutablePointer<AVStream>, _ par: AVCodecParameters, info s: StreamInfo) -> StreamDetails {
        let tb = Rational(st.pointee.time_base.num, st.pointee.time_base.den)
        let rate = st.pointee.avg_frame_rate.den != 0 && st.pointee.avg_frame_rate.num != 0
            ? Double(st.pointee.avg_frame_rate.num) / Double(st.pointee.avg_frame_rate.den)
            : (st.pointee.r_frame_rate.den != 0 ? Double(st.pointee.r_frame_rate.num) / Double(st.pointee.r_frame_rate.den) : 0)
        var rotation = 0
        var size = 0
        if let m = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size), size >= 36 {
            let deg = m.withMemoryRebound(to: Int32.self, capacity: 9) { av_display_rotation_get($0) }
            if deg.isFinite {
                // av_display_rotation_get is counter-clockwise; players rotate clockwise by its negation.
                rotation = ((Int((-deg).rounded()) % 360) + 360) % 360
            }
        }
        let extra = par.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(max(0, par.extradata_size)))) } ?? []
        let pix = s.type == "video" ? (av_get_pix_fmt_name(AVPixelFormat(rawValue: par.format)).map { String(cString: $0) } ?? "none") : ""
        return StreamDetails(
            index: s.index, info: s, timeBase: tb,
            startTime: st.pointee.start_time == mq_nopts() ? nil : st.pointee.start_time,
            frameRate: rate, rotation: rotation, extradata: extra,
            profile: Int(par.profile), level: Int(par.level), pixelFormat: pix,
            videoDelay: Int(par.video_delay), bitRate: par.bit_rate)
    }

    /// The first stream of a type (`video`, `audio`), skipping cover pictures.
    public func bestStream(_ type: String) -> StreamDetails? {
        let wanted: AVMediaType = type == "video" ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO
        let i = av_find_best_stream(ctx, wanted, -1, -1, nil, 0)
        guard i >= 0, let st = ctx.pointee.streams?[Int(i)] else { return nil }
        if st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 { return nil }
        return streams.first { $0.index == Int(i) }
    }

    /// Reads the next packet into `packet`. Returns false at the end of the file; throws on a read error
    /// (a truncated or corrupt file), naming the byte position when known.
    public func read(into packet: Packet) throws(MediaError) -> Bool {
        packet.unref()
        let rc = av_read_frame(ctx, packet.pointer)
        if rc == mq_averror_eof() { return false }
        if rc < 0 {
            let pos = ctx.pointee.pb.map { avio_tell($0) } ?? -1
            throw MediaError(path: path, action: "read packet" + (pos >= 0 ? " at byte \(pos)" : ""), code: rc)
        }
        return true
    }

    /// Seeks so that the next packets of `stream` start at its keyframe at or before `seconds`, counted
    /// from the stream's first timestamp (`startTime`), as cue times are counted.
    public func seek(_ stream: StreamDetails, toSeconds seconds: Double) throws(MediaError) {
        guard seconds.isFinite, seconds >= 0, stream.timeBase.value > 0 else {
            throw MediaError(path: path, action: "seek", message: "cannot seek to \(seconds) s (expected a time from 0 on)")
        }
        // Rounded down, so a time between two ticks never lands after the keyframe it names.
        let ticks = (stream.startTime ?? 0) &+ Int64((seconds / stream.timeBase.value).rounded(.down))
        let rc = av_seek_frame(ctx, Int32(stream.index), ticks, AVSEEK_FLAG_BACKWARD)
        guard rc >= 0 else { throw MediaError(path: path, action: "seek to \(seconds) s", code: rc) }
    }

    /// How many keyframes of `stream` the container's index lists, counting up to `limit` (0 for a
    /// format without an index, such as MPEG-TS).
    public func indexedKeyframes(_ stream: StreamDetails, upTo limit: Int = .max) -> Int {
        guard let st = ctx.pointee.streams?[stream.index] else { return 0 }
        var count = 0
        for i in 0..<avformat_index_get_entries_count(st) where count < limit {
            if let e = avformat_index_get_entry(st, i), e.pointee.flags & AVINDEX_KEYFRAME != 0 { count += 1 }
        }
        return count
    }

    /// Bytes read so far and the file's size (for progress), when known.
    public var bytePosition: (read: Int64, total: Int64) {
        guard let pb = ctx.pointee.pb else { return (0, 0) }
        return (avio_tell(pb), avio_size(pb))
    }
}

/// Owns one copy of a stream's `AVCodecParameters` and its time base: what a muxer needs to add a
/// stream-copied stream, without the demuxer.
public final class StreamParameters: @unchecked Sendable {
    // Safe to share: filled in `init`, only read afterwards (copied from), so threads may share it.
    let pointer: UnsafeMutablePointer<AVCodecParameters>
    let timeBase: AVRational

    init(_ stream: UnsafeMutablePointer<AVStream>, path: String) throws(MediaError) {
        guard let p = avcodec_parameters_alloc() else { throw .outOfMemory(path, "copy stream parameters") }
        pointer = p
        timeBase = stream.pointee.time_base
        let rc = avcodec_parameters_copy(p, stream.pointee.codecpar)
        guard rc >= 0 else { throw MediaError(path: path, action: "copy the parameters of stream \(stream.pointee.index)", code: rc) }
    }

    deinit { var p: UnsafeMutablePointer<AVCodecParameters>? = pointer; avcodec_parameters_free(&p) }
}
