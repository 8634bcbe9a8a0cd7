internal import CFFmpeg

/// One rung of an encoding ladder, in process: source pictures are scaled to the rung's size,
/// encoded, decoded again and scaled back to the source size, so the result can be scored against
/// the source frame by frame. Owns its scaler, encoder and decoder; one thread uses it.
public final class RungTranscoder {
    /// A compressed packet's size and time, for bitrate figures.
    public struct PacketFacts: Sendable {
        public let bytes: Int
        public let time: Double
        public let keyframe: Bool
    }

    let settings: VideoEncoderSettings
    let encoder: Encoder
    let decoder: PacketDecoder
    let down: PictureConverterFrame
    let up: PictureConverter
    let packet: Packet
    let decoded: Frame
    private var sent = 0
    private var received = 0
    private var drained = false

    /// `settings`: the rung's encoder at its own size. Pictures come back at `sourceWidth`x`sourceHeight`
    /// in `layout` (the source's), scaled with `quality`.
    public init(settings: VideoEncoderSettings, sourceWidth: Int, sourceHeight: Int, layout: PictureLayout,
                quality: Scaler.Quality = .bicubic) throws(MediaError) {
        self.settings = settings
        packet = try Packet()
        decoded = try Frame()
        var s = settings
        s.globalHeader = false
        encoder = try Encoder(video: s)
        decoder = try PacketDecoder(encoder: encoder)
        down = try PictureConverterFrame(width: settings.width, height: settings.height,
                                         format: AVPixelFormat(rawValue: settings.pixelFormat.raw), quality: quality)
        up = try PictureConverter(path: settings.codec, sourceFormat: "", width: sourceWidth, height: sourceHeight,
                                  quality: quality, layout: layout)
    }

    /// Encodes `frame` (nil: end of the source) and returns the pictures and packets that came out.
    /// Pictures come out in source order, with the index of the source picture they stand for.
    public func push(_ frame: SharedFrame?) throws(MediaError) -> (pictures: [VideoPicture], packets: [PacketFacts]) {
        if let frame {
            let scaled = try down.convert(frame.frame)
            scaled.pts = Int64(frame.index)
            try encoder.send(scaled)
            sent += 1
        } else if !drained {
            try encoder.send(nil)
            drained = true
        }
        var pictures: [VideoPicture] = [], packets: [PacketFacts] = []
        while try encoder.receive(into: packet) {
            packets.append(PacketFacts(bytes: packet.size, time: settings.timeBase.seconds(packet.pts),
                                       keyframe: packet.isKeyframe))
            try decoder.send(packet)
            try collect(into: &pictures)
        }
        if frame == nil {
            try decoder.send(nil)
            try collect(into: &pictures)
        }
        return (pictures, packets)
    }

    private func collect(into pictures: inout [VideoPicture]) throws(MediaError) {
        while try decoder.receive(into: decoded) {
            let index = received
            pictures.append(try up.convert(decoded, index: index, time: settings.timeBase.seconds(Int64(index))))
            received += 1
        }
    }
}

/// Decodes what an `Encoder` produced, without a container. Owns its `AVCodecContext`.
final class PacketDecoder {
    var ctx: UnsafeMutablePointer<AVCodecContext>?

    init(encoder: Encoder) throws(MediaError) {
        let enc = encoder.ctx
        guard let codec = avcodec_find_decoder(enc.pointee.codec_id) else {
            throw MediaError(path: "", action: "decode", message: "no decoder for the \(encoder.name) encoder's output")
        }
        guard let params = avcodec_parameters_alloc() else {
            throw MediaError(path: "", action: "decode", message: "out of memory")
        }
        var p: UnsafeMutablePointer<AVCodecParameters>? = params
        defer { avcodec_parameters_free(&p) }
        var rc = avcodec_parameters_from_context(params, enc)
        guard rc >= 0, let c = avcodec_alloc_context3(codec) else {
            throw MediaError(path: "", action: "decode \(encoder.name) output", code: rc < 0 ? rc : mq_averror(ENOMEM))
        }
        ctx = c
        avcodec_parameters_to_context(c, params)
        c.pointee.thread_count = 1
        rc = avcodec_open2(c, codec, nil)
        guard rc >= 0 else { throw MediaError(path: "", action: "open the decoder for \(encoder.name)", code: rc) }
    }

    deinit { avcodec_free_context(&ctx) }

    /// Sends a packet (nil: drain). The loop above always receives every frame after each send, so
    /// the decoder never answers EAGAIN here.
    func send(_ packet: Packet?) throws(MediaError) {
        let rc = avcodec_send_packet(ctx, packet?.pointer)
        guard rc >= 0 || rc == mq_averror_eof() else { throw MediaError(path: "", action: "decode", code: rc) }
    }

    func receive(into frame: Frame) throws(MediaError) -> Bool {
        frame.unref()
        let rc = avcodec_receive_frame(ctx, frame.pointer)
        if rc >= 0 { return true }
        if rc == mq_averror_eagain() || rc == mq_averror_eof() { return false }
        throw MediaError(path: "", action: "decode", code: rc)
    }
}

/// Scales any decoded frame into a frame of one size and pixel format (for an encoder).
final class PictureConverterFrame {
    let width: Int, height: Int, format: AVPixelFormat, flags: Int32
    var sws: OpaquePointer?

    init(width: Int, height: Int, format: AVPixelFormat, quality: Scaler.Quality) throws(MediaError) {
        self.width = width; self.height = height; self.format = format
        flags = quality.swsFlags
    }

    deinit { sws_freeContext(sws) }

    func convert(_ source: Frame) throws(MediaError) -> Frame {
        let out = try Frame.allocatedPicture(width: width, height: height, format: format, path: "")
        let f = source.pointer.pointee
        sws = sws_getCachedContext(sws, f.width, f.height, AVPixelFormat(rawValue: f.format),
                                   Int32(width), Int32(height), format, flags, nil, nil, nil)
        guard sws != nil else {
            throw MediaError(path: "", action: "scale", message: "swscale cannot convert \(f.width)x\(f.height) to \(width)x\(height)")
        }
        let rc = sws_scale_frame(sws, out.pointer, source.pointer)
        guard rc >= 0 else { throw MediaError(path: "", action: "scale", code: rc) }
        return out
    }
}
