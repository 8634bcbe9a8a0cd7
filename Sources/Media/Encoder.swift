internal import CFFmpeg

/// How to set up a video encoder.
public struct VideoEncoderSettings: Sendable, Hashable {
    public var codec: String = "libx264"
    public var width: Int
    public var height: Int
    public var timeBase: Rational
    /// Nominal frame rate, a rate-control hint (timestamps decide real timing, so VFR is kept).
    public var frameRate: Rational
    public var pixelFormat: PixelFormat = .yuv420p
    /// Codec private options: `preset`, `crf`, `profile`, `tune`, `x264-params`, ….
    public var options: [String: String] = [:]
    /// FFmpeg's level number (e.g. 31 for 3.1); nil = encoder's choice.
    public var level: Int?
    /// B-frames allowed; nil = encoder's default.
    public var maxBFrames: Int?
    /// Keyframe interval in frames; nil = encoder's default.
    public var gop: Int?
    /// Put parameter sets in extradata (needed by MP4) instead of every keyframe.
    public var globalHeader: Bool = true
    public var threads: Int = 0
    /// Sample aspect ratio to signal.
    public var sampleAspect: Rational? = nil

    public init(width: Int, height: Int, timeBase: Rational, frameRate: Rational) {
        self.width = width; self.height = height; self.timeBase = timeBase; self.frameRate = frameRate
    }
}

/// An encoder (video or audio). Owns its `AVCodecContext` (freed by `deinit`, which also runs when
/// an initializer throws after `ctx` is set).
public final class Encoder {
    let ctx: UnsafeMutablePointer<AVCodecContext>
    public let timeBase: Rational
    let name: String

    /// Whether this FFmpeg build has an encoder of that name (`libx264`, `libsvtav1`…).
    public static func isAvailable(_ name: String) -> Bool { avcodec_find_encoder_by_name(name) != nil }

    public init(video s: VideoEncoderSettings) throws(MediaError) {
        name = s.codec
        guard let codec = avcodec_find_encoder_by_name(s.codec) else {
            throw MediaError(path: "", action: "encode", message: "no encoder `\(s.codec)` in this FFmpeg build")
        }
        guard let c = avcodec_alloc_context3(codec) else { throw .outOfMemory("", "set up the \(s.codec) encoder") }
        ctx = c
        c.pointee.width = Int32(s.width)
        c.pointee.height = Int32(s.height)
        c.pointee.pix_fmt = AVPixelFormat(rawValue: s.pixelFormat.raw)
        c.pointee.time_base = AVRational(num: s.timeBase.num, den: s.timeBase.den)
        c.pointee.framerate = AVRational(num: s.frameRate.num, den: s.frameRate.den)
        c.pointee.thread_count = Int32(s.threads)
        if let sar = s.sampleAspect { c.pointee.sample_aspect_ratio = AVRational(num: sar.num, den: sar.den) }
        if let l = s.level { c.pointee.level = Int32(l) }
        if let b = s.maxBFrames { c.pointee.max_b_frames = Int32(b) }
        if let g = s.gop { c.pointee.gop_size = Int32(g) }
        if s.globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        timeBase = s.timeBase
        try open(codec, options: s.options)
    }

    /// AAC (FFmpeg's native encoder) at `sampleRate`, `channels`, planar float input.
    public init(audioCodec: String = "aac", sampleRate: Int = 48000, channels: Int = 2, bitRate: Int = 128_000) throws(MediaError) {
        name = audioCodec
        guard let codec = avcodec_find_encoder_by_name(audioCodec) else {
            throw MediaError(path: "", action: "encode", message: "no encoder `\(audioCodec)` in this FFmpeg build")
        }
        guard let c = avcodec_alloc_context3(codec) else { throw .outOfMemory("", "set up the \(audioCodec) encoder") }
        ctx = c
        c.pointee.sample_rate = Int32(sampleRate)
        c.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        av_channel_layout_default(&c.pointee.ch_layout, Int32(channels))
        c.pointee.bit_rate = Int64(bitRate)
        c.pointee.time_base = AVRational(num: 1, den: Int32(sampleRate))
        c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        timeBase = Rational(1, Int32(sampleRate))
        try open(codec, options: [:])
    }

    private func open(_ codec: UnsafePointer<AVCodec>, options: [String: String]) throws(MediaError) {
        var dict: OpaquePointer?
        for (k, v) in options { av_dict_set(&dict, k, v, 0) }
        let rc = avcodec_open2(ctx, codec, &dict)
        var unused: [String] = []
        var e: UnsafeMutablePointer<AVDictionaryEntry>? = nil
        while let next = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX) { unused.append(String(cString: next.pointee.key)); e = next }
        av_dict_free(&dict)
        guard rc >= 0 else { throw MediaError(path: "", action: "open the \(name) encoder", code: rc) }
        guard unused.isEmpty else {
            throw MediaError(path: "", action: "open the \(name) encoder", message: "unknown option(s) \(unused.sorted().joined(separator: ", "))")
        }
    }

    deinit { var p: UnsafeMutablePointer<AVCodecContext>? = ctx; avcodec_free_context(&p) }

    /// Parameter sets (for H.264 with a global header: Annex B SPS and PPS) or AudioSpecificConfig.
    public var extradata: [UInt8] {
        guard let d = ctx.pointee.extradata, ctx.pointee.extradata_size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: d, count: Int(ctx.pointee.extradata_size)))
    }

    /// Samples per audio frame the encoder wants (1024 for AAC).
    public var frameSize: Int { Int(ctx.pointee.frame_size) }
    public var sampleRate: Int { Int(ctx.pointee.sample_rate) }
    public var channels: Int { Int(ctx.pointee.ch_layout.nb_channels) }
    /// Samples of priming the encoder adds before the first input sample (AAC: 1024).
    public var initialPadding: Int { Int(ctx.pointee.initial_padding) }

    /// Sends a frame (nil = end of stream).
    public func send(_ frame: Frame?) throws(MediaError) {
        let rc = avcodec_send_frame(ctx, frame?.pointer)
        guard rc >= 0 || rc == mq_averror_eof() else { throw MediaError(path: "", action: "encode (\(name))", code: rc) }
    }

    /// Receives the next packet; false when the encoder needs more input or is drained.
    public func receive(into packet: Packet) throws(MediaError) -> Bool {
        packet.unref()
        let rc = avcodec_receive_packet(ctx, packet.pointer)
        if rc >= 0 { return true }
        if rc == mq_averror_eagain() || rc == mq_averror_eof() { return false }
        throw MediaError(path: "", action: "encode (\(name))", code: rc)
    }

    /// Sends `frame` and returns every packet ready after it.
    public func encode(_ frame: Frame?) throws(MediaError) -> [Packet] {
        try send(frame)
        var out: [Packet] = []
        while true {
            let p = try Packet()
            guard try receive(into: p) else { break }
            out.append(p)
        }
        return out
    }

    /// A planar float audio frame of `samples` (one array per channel, each covering `range`) at
    /// sample position `pts`.
    public func audioFrame(_ samples: [[Float]], range: Range<Int>, pts: Int64) throws(MediaError) -> Frame {
        let f = try Frame()
        f.pointer.pointee.nb_samples = Int32(clamping: range.count)
        f.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        f.pointer.pointee.sample_rate = ctx.pointee.sample_rate
        var rc = av_channel_layout_copy(&f.pointer.pointee.ch_layout, &ctx.pointee.ch_layout)
        if rc >= 0 { rc = av_frame_get_buffer(f.pointer, 0) }
        guard rc >= 0 else { throw MediaError(path: "", action: "allocate \(range.count) samples for the \(name) encoder", code: rc) }
        guard let planes = f.pointer.pointee.extended_data else { throw .outOfMemory("", "allocate audio samples") }
        for (c, channel) in samples.enumerated() where c < channels {
            guard range.lowerBound >= 0, range.upperBound <= channel.count, let dst = planes[c] else {
                throw MediaError(path: "", action: "encode (\(name))", message: "channel \(c) has \(channel.count) samples, not \(range)")
            }
            dst.withMemoryRebound(to: Float.self, capacity: range.count) { d in
                channel.withUnsafeBufferPointer { src in
                    if let base = src.baseAddress { d.update(from: base + range.lowerBound, count: range.count) }
                }
            }
        }
        f.pts = pts
        return f
    }
}
