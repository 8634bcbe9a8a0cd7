internal import CFFmpeg

/// Decodes one stream of a `Demuxer`. Owns its `AVCodecContext`.
public final class Decoder {
    var ctx: UnsafeMutablePointer<AVCodecContext>?
    public let stream: StreamDetails
    let path: String
    /// Errors the decoder reported and got past (corrupt packets), with where they happened.
    public private(set) var errors: [String] = []
    /// Frames taken out of the decoder to make room for a packet it refused (EAGAIN), oldest first;
    /// `receive` hands them out before asking the decoder for more.
    private var pending: [Frame] = []

    /// `threads`: 0 = FFmpeg's choice. `fast`: skip the loop filter (for analysis only, never for output).
    public convenience init(_ demuxer: Demuxer, stream: StreamDetails, threads: Int = 0, fast: Bool = false) throws(MediaError) {
        try self.init(parameters: demuxer.parameters[stream.index], stream: stream, path: demuxer.path, threads: threads, fast: fast)
    }

    /// A decoder made from a copy of the stream's parameters (`Demuxer.parameters`), without the demuxer:
    /// for a thread that decodes packets another thread reads. `path` names the file in errors.
    public init(parameters: StreamParameters?, stream: StreamDetails, path: String, threads: Int = 0, fast: Bool = false) throws(MediaError) {
        self.stream = stream
        self.path = path
        guard let params = parameters else {
            throw MediaError(path: path, action: "decode stream \(stream.index)", message: "the file has no stream \(stream.index)")
        }
        guard let codec = avcodec_find_decoder(params.pointer.pointee.codec_id) else {
            throw MediaError(path: path, action: "decode stream \(stream.index)",
                             message: "no decoder for codec `\(stream.info.codec)` in this FFmpeg build")
        }
        guard let c = avcodec_alloc_context3(codec) else { throw .outOfMemory(path, "set up the \(stream.info.codec) decoder") }
        ctx = c
        var rc = avcodec_parameters_to_context(c, params.pointer)
        if rc >= 0 {
            c.pointee.pkt_timebase = params.timeBase
            c.pointee.thread_count = Int32(clamping: threads)
            if fast { c.pointee.skip_loop_filter = AVDISCARD_ALL }
            rc = avcodec_open2(c, codec, nil)
        }
        guard rc >= 0 else {
            avcodec_free_context(&ctx)
            throw MediaError(path: path, action: "open the \(stream.info.codec) decoder", code: rc)
        }
    }

    deinit { avcodec_free_context(&ctx) }

    /// Sends a packet (nil = end of stream, to drain). A packet the decoder rejects as invalid data is
    /// recorded in `errors` and skipped, so the rest of the stream still decodes. When the decoder has
    /// output waiting and refuses the packet for now (EAGAIN), its frames are taken out (kept for
    /// `receive`) and the same packet is sent again, as FFmpeg's send/receive contract asks: no packet
    /// is dropped. Before end of stream, the output is taken too, so the last packet is decoded before
    /// draining starts (FFmpeg 5.1's frame-threaded H.264 decoder loses a frame otherwise).
    public func send(_ packet: Packet?) throws(MediaError) {
        if packet == nil { try takeOutput() }
        var rc = avcodec_send_packet(ctx, packet?.pointer)
        var attempts = 0
        while rc == mq_averror_eagain() {
            attempts += 1
            let f = try Frame()
            let got = try receiveFromCodec(into: f)
            if got { pending.append(f) }
            guard got || attempts < 4 else {
                // Neither input nor output possible: FFmpeg documents this as impossible; do not spin.
                throw MediaError(path: path, action: "decode", message: "the \(stream.info.codec) decoder accepts no input and has no output")
            }
            rc = avcodec_send_packet(ctx, packet?.pointer)
        }
        if rc == mq_averror_eof() || rc >= 0 { return }
        let e = MediaError(path: path, action: "decode", code: rc)
        if rc == mq_averror(EINVAL) { throw e }
        let at = packet.map { " at \(Decoder.seconds(stream.timeBase.seconds($0.pts == Packet.noTimestamp ? $0.dts : $0.pts))) s" } ?? ""
        errors.append("stream \(stream.index)\(at): \(e.message)")
    }

    /// Receives the next decoded frame into `frame`; false when the decoder needs more input or is drained.
    public func receive(into frame: Frame) throws(MediaError) -> Bool {
        if !pending.isEmpty {
            let next = pending.removeFirst()
            frame.unref()
            withExtendedLifetime(next) { av_frame_move_ref(frame.pointer, next.pointer) }
            return true
        }
        return try receiveFromCodec(into: frame)
    }

    /// Takes every frame the decoder can give before it needs more input into `pending`.
    private func takeOutput() throws(MediaError) {
        while true {
            let f = try Frame()
            guard try receiveFromCodec(into: f) else { return }
            pending.append(f)
        }
    }

    private func receiveFromCodec(into frame: Frame) throws(MediaError) -> Bool {
        frame.unref()
        let rc = avcodec_receive_frame(ctx, frame.pointer)
        if rc >= 0 { return true }
        if rc == mq_averror_eagain() || rc == mq_averror_eof() { return false }
        errors.append("stream \(stream.index): \(MediaError(path: path, action: "decode", code: rc).message)")
        return false
    }

    static func seconds(_ s: Double) -> String {
        let ms = Int((s * 1000).rounded())
        let frac = String(abs(ms) % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }

    /// Forgets buffered frames (after a seek).
    public func flush() {
        pending.removeAll()
        avcodec_flush_buffers(ctx)
    }
}
