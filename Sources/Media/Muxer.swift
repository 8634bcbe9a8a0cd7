internal import CFFmpeg

/// Writes packets into a container file (MP4 here). Owns the output `AVFormatContext` and its file.
public final class Muxer {
    let ctx: UnsafeMutablePointer<AVFormatContext>
    public let path: String
    private var headerWritten = false
    private var finished = false
    private var timeBases: [Rational] = []

    /// `format`: FFmpeg muxer name (`mp4`); `path` is written as given (the caller renames it into place).
    public init(path: String, format: String = "mp4") throws(MediaError) {
        self.path = path
        var made: UnsafeMutablePointer<AVFormatContext>?
        let rc = avformat_alloc_output_context2(&made, nil, format, path)
        guard rc >= 0, let c = made else { throw MediaError(path: path, action: "create \(format) output", code: rc < 0 ? rc : mq_averror(ENOMEM)) }
        let o = avio_open(&c.pointee.pb, path, AVIO_FLAG_WRITE)
        guard o >= 0 else {
            avformat_free_context(c)
            throw MediaError(path: path, action: "open for writing", code: o)
        }
        ctx = c
    }

    deinit {
        if ctx.pointee.pb != nil { avio_closep(&ctx.pointee.pb) }
        avformat_free_context(ctx)
    }

    /// Adds a stream carrying `encoder`'s output; returns its index.
    public func addStream(from encoder: Encoder) throws(MediaError) -> Int {
        guard let st = avformat_new_stream(ctx, nil) else { throw .outOfMemory(path, "add stream") }
        let rc = avcodec_parameters_from_context(st.pointee.codecpar, encoder.ctx)
        guard rc >= 0 else { throw MediaError(path: path, action: "add stream", code: rc) }
        st.pointee.time_base = AVRational(num: encoder.timeBase.num, den: encoder.timeBase.den)
        timeBases.append(encoder.timeBase)
        return Int(st.pointee.index)
    }

    /// Adds a stream copying a demuxed stream's parameters (stream copy; `Demuxer.parameters`, so
    /// the demuxer itself stays on its thread); `extradata` replaces the codec configuration when
    /// given (smart cut: merged avcC).
    public func addStream(copying src: StreamParameters, extradata: [UInt8]? = nil) throws(MediaError) -> Int {
        guard let st = avformat_new_stream(ctx, nil), let par = st.pointee.codecpar else { throw .outOfMemory(path, "add stream") }
        let rc = avcodec_parameters_copy(par, src.pointer)
        guard rc >= 0 else { throw MediaError(path: path, action: "add stream", code: rc) }
        par.pointee.codec_tag = 0
        if let extra = extradata {
            av_freep(&par.pointee.extradata)
            par.pointee.extradata_size = 0
            guard let size = Int32(exactly: extra.count),
                  let raw = av_mallocz(extra.count + Int(AV_INPUT_BUFFER_PADDING_SIZE)) else { throw .outOfMemory(path, "set the stream's codec configuration") }
            let buf = raw.assumingMemoryBound(to: UInt8.self)
            extra.withUnsafeBufferPointer { if let b = $0.baseAddress { buf.update(from: b, count: extra.count) } }
            par.pointee.extradata = buf
            par.pointee.extradata_size = size
        }
        st.pointee.time_base = src.timeBase
        timeBases.append(Rational(src.timeBase.num, src.timeBase.den))
        return Int(st.pointee.index)
    }

    /// Signals a clockwise display rotation (degrees) for a video stream, as phones do.
    public func setRotation(_ degrees: Int, stream: Int) {
        guard degrees % 360 != 0, stream >= 0, stream < Int(ctx.pointee.nb_streams), let st = ctx.pointee.streams?[stream] else { return }
        guard let m = av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, 36) else { return }
        // av_display_rotation_get(av_display_rotation_set(m, a)) == -a, and Demuxer reads the clockwise
        // rotation as -av_display_rotation_get: so a clockwise `degrees` is set as `degrees`.
        m.withMemoryRebound(to: Int32.self, capacity: 9) { av_display_rotation_set($0, Double(degrees)) }
    }

    /// Writes the header. `faststart` moves the index (`moov`) before the media data when finishing.
    public func start(faststart: Bool = true) throws(MediaError) {
        var dict: OpaquePointer?
        if faststart { av_dict_set(&dict, "movflags", "+faststart", 0) }
        let rc = avformat_write_header(ctx, &dict)
        av_dict_free(&dict)
        guard rc >= 0 else { throw MediaError(path: path, action: "write header", code: rc) }
        headerWritten = true
        // The muxer may change time bases in write_header.
        for i in 0..<timeBases.count {
            guard let st = ctx.pointee.streams?[i] else { throw MediaError(path: path, action: "write header", message: "stream \(i) is missing") }
            muxerTimeBases.append(Rational(st.pointee.time_base.num, st.pointee.time_base.den))
        }
    }
    private var muxerTimeBases: [Rational] = []

    /// Writes `packet` (timestamps in `timeBase`) to `stream`, interleaving by time.
    public func write(_ packet: Packet, stream: Int, timeBase: Rational) throws(MediaError) {
        guard muxerTimeBases.indices.contains(stream) else {
            throw MediaError(path: path, action: "write packet", message: "no stream \(stream) (\(muxerTimeBases.count) started)")
        }
        packet.streamIndex = stream
        packet.rescale(from: timeBase, to: muxerTimeBases[stream])
        let rc = av_interleaved_write_frame(ctx, packet.pointer)
        guard rc >= 0 else { throw MediaError(path: path, action: "write packet", code: rc) }
    }

    /// Writes the trailer (and, with faststart, rewrites the file with `moov` first) and closes the file.
    public func finish() throws(MediaError) {
        guard headerWritten, !finished else { return }
        finished = true
        let rc = av_write_trailer(ctx)
        if ctx.pointee.pb != nil { avio_closep(&ctx.pointee.pb) }
        guard rc >= 0 else { throw MediaError(path: path, action: "finish", code: rc) }
    }
}
