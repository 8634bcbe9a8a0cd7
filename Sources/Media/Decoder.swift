internal import CFFmpeg

/// Decodes one stream of a `Demuxer`. Owns its `AVCodecContext`.
public final class Decoder {
    var ctx: UnsafeMutablePointer<AVCodecContext>?
    public let stream: StreamDetails
    let path: String
    /// Errors the decoder reported and got past (corrupt packets), with where they happened.
    public private(set) var errors: [String] = []

    /// `threads`: 0 = FFmpeg's choice. `fast`: skip the loop filter (for analysis only, never for output).
    public init(_ demuxer: Demuxer, stream: StreamDetails, threads: Int = 0, fast: Bool = false) throws(MediaError) {
        self.stream = stream
        path = demuxer.path
        let st = demuxer.ctx.pointee.streams[stream.index]!
        guard let codec = avcodec_find_decoder(st.pointee.codecpar.pointee.codec_id) else {
            throw MediaError(path: path, action: "decode stream \(stream.index)",
                             message: "no decoder for codec `\(stream.info.codec)` in this FFmpeg build")
        }
        ctx = avcodec_alloc_context3(codec)
        avcodec_parameters_to_context(ctx, st.pointee.codecpar)
        ctx!.pointee.pkt_timebase = st.pointee.time_base
        ctx!.pointee.thread_count = Int32(threads)
        if fast { ctx!.pointee.skip_loop_filter = AVDISCARD_ALL }
        let rc = avcodec_open2(ctx, codec, nil)
        guard rc >= 0 else {
            avcodec_free_context(&ctx)
            throw MediaError(path: path, action: "open the \(stream.info.codec) decoder", code: rc)
        }
    }

    deinit { avcodec_free_context(&ctx) }

    /// Sends a packet (nil = end of stream, to drain). A packet the decoder rejects as invalid data is
    /// recorded in `errors` and skipped, so the rest of the stream still decodes.
    public func send(_ packet: Packet?) throws(MediaError) {
        let rc = avcodec_send_packet(ctx, packet?.pointer)
        if rc == mq_averror_eof() || rc >= 0 { return }
        if rc == mq_averror_eagain() { return }
        let e = MediaError(path: path, action: "decode", code: rc)
        if rc == mq_averror(EINVAL) { throw e }
        let at = packet.map { " at \(Decoder.seconds(stream.timeBase.seconds($0.pts == Packet.noTimestamp ? $0.dts : $0.pts))) s" } ?? ""
        errors.append("stream \(stream.index)\(at): \(e.message)")
    }

    /// Receives the next decoded frame into `frame`; false when the decoder needs more input or is drained.
    public func receive(into frame: Frame) throws(MediaError) -> Bool {
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
    public func flush() { avcodec_flush_buffers(ctx) }
}
