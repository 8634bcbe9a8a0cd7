internal import CFFmpeg

/// Writes packets into a container file (MP4 here). Owns the output `AVFormatContext` and its file.
public final class Muxer {
    var ctx: UnsafeMutablePointer<AVFormatContext>?
    public let path: String
    private var headerWritten = false
    private var finished = false
    private var timeBases: [Rational] = []

    /// `format`: FFmpeg muxer name (`mp4`); `path` is written as given (the caller renames it into place).
    public init(path: String, format: String = "mp4") throws(MediaError) {
        self.path = path
        let rc = avformat_alloc_output_context2(&ctx, nil, format, path)
        guard rc >= 0, ctx != nil else { throw MediaError(path: path, action: "create \(format) output", code: rc) }
        let o = avio_open(&ctx!.pointee.pb, path, AVIO_FLAG_WRITE)
        guard o >= 0 else {
            avformat_free_context(ctx); ctx = nil
            throw MediaError(path: path, action: "open for writing", code: o)
        }
    }

    deinit {
        if let c = ctx {
            if c.pointee.pb != nil { avio_closep(&c.pointee.pb) }
            avformat_free_context(c)
        }
    }

    /// Adds a stream carrying `encoder`'s output; returns its index.
    public func addStream(from encoder: Encoder) throws(MediaError) -> Int {
        guard let st = avformat_new_stream(ctx, nil) else { throw MediaError(path: path, action: "add stream", message: "out of memory") }
        let rc = avcodec_parameters_from_context(st.pointee.codecpar, encoder.ctx)
        guard rc >= 0 else { throw MediaError(path: path, action: "add stream", code: rc) }
        st.pointee.time_base = AVRational(num: encoder.timeBase.num, den: encoder.timeBase.den)
        timeBases.append(encoder.timeBase)
        return Int(st.pointee.index)
    }

    /// Adds a stream copying the parameters of `stream` of `demuxer` (stream copy); `extradata`
    /// replaces the codec configuration when given (smart cut: merged avcC).
    public func addStream(copying stream: StreamDetails, of demuxer: Demuxer, extradata: [UInt8]? = nil) throws(MediaError) -> Int {
        guard let st = avformat_new_stream(ctx, nil) else { throw MediaError(path: path, action: "add stream", message: "out of memory") }
        guard let src = demuxer.parameters[stream.index] else { throw MediaError(path: path, action: "add stream", message: "no stream \(stream.index)") }
        var rc = avcodec_parameters_copy(st.pointee.codecpar, src.pointer)
        guard rc >= 0 else { throw MediaError(path: path, action: "add stream", code: rc) }
        st.pointee.codecpar.pointee.codec_tag = 0
        if let extra = extradata {
            let par = st.pointee.codecpar!
            av_freep(&par.pointee.extradata)
            let buf = av_mallocz(extra.count + Int(AV_INPUT_BUFFER_PADDING_SIZE))!.assumingMemoryBound(to: UInt8.self)
            extra.withUnsafeBufferPointer { buf.update(from: $0.baseAddress!, count: extra.count) }
            par.pointee.extradata = buf
            par.pointee.extradata_size = Int32(extra.count)
        }
        st.pointee.time_base = src.timeBase
        rc = 0
        timeBases.append(Rational(src.timeBase.num, src.timeBase.den))
        return Int(st.pointee.index)
    }

    /// Signals a clockwise display rotation (degrees) for a video stream, as phones do.
    public func setRotation(_ degrees: Int, stream: Int) {
        guard degrees % 360 != 0, let st = ctx?.pointee.streams[stream] else { return }
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
            let tb = ctx!.pointee.streams[i]!.pointee.time_base
            muxerTimeBases.append(Rational(tb.num, tb.den))
        }
    }
    private var muxerTimeBases: [Rational] = []

    /// Writes `packet` (timestamps in `timeBase`) to `stream`, interleaving by time.
    public func write(_ packet: Packet, stream: Int, timeBase: Rational) throws(MediaError) {
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
        if ctx!.pointee.pb != nil { avio_closep(&ctx!.pointee.pb) }
        guard rc >= 0 else { throw MediaError(path: path, action: "finish", code: rc) }
    }
}
