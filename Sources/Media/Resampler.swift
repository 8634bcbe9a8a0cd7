internal import CFFmpeg

/// Converts decoded audio to planar float at a chosen rate and channel count with swresample,
/// downmixing (5.1 to stereo keeps the centre (dialogue) at -3 dB, ITU-R BS.775) and resampling.
/// Owns its `SwrContext`.
public final class Resampler {
    var ctx: OpaquePointer?
    public let outputRate: Int
    public let outputChannels: Int
    let inputRate: Int

    public init(from frame: Frame, outputRate: Int = 48000, outputChannels: Int = 2) throws(MediaError) {
        self.outputRate = outputRate
        self.outputChannels = outputChannels
        inputRate = frame.sampleRate
        var outLayout = AVChannelLayout()
        av_channel_layout_default(&outLayout, Int32(outputChannels))
        var inLayout = AVChannelLayout()
        if frame.pointer.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
            av_channel_layout_default(&inLayout, frame.pointer.pointee.ch_layout.nb_channels)
        } else {
            av_channel_layout_copy(&inLayout, &frame.pointer.pointee.ch_layout)
        }
        defer { av_channel_layout_uninit(&inLayout); av_channel_layout_uninit(&outLayout) }
        let rc = swr_alloc_set_opts2(&ctx, &outLayout, AV_SAMPLE_FMT_FLTP, Int32(outputRate),
                                     &inLayout, AVSampleFormat(rawValue: frame.pointer.pointee.format), Int32(frame.sampleRate), 0, nil)
        guard rc >= 0, swr_init(ctx) >= 0 else {
            swr_free(&ctx)
            throw MediaError(path: "", action: "set up the audio resampler", code: rc < 0 ? rc : mq_averror(EINVAL))
        }
    }

    deinit { swr_free(&ctx) }

    /// Converts one decoded frame (nil = flush what is buffered). Returns one array per output channel.
    public func convert(_ frame: Frame?) -> [[Float]] {
        let inCount = frame?.sampleCount ?? 0
        let capacity = Int(swr_get_out_samples(ctx, Int32(inCount))) + 32
        guard capacity > 0 else { return Array(repeating: [], count: outputChannels) }
        let buffers = (0..<outputChannels).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: capacity) }
        defer { buffers.forEach { $0.deallocate() } }
        var outPtrs: [UnsafeMutablePointer<UInt8>?] = buffers.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt8.self) }
        let produced: Int32
        if let f = frame, let input = f.pointer.pointee.extended_data {
            produced = input.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { inPtrs in
                swr_convert(ctx, &outPtrs, Int32(capacity), inPtrs, Int32(inCount))
            }
        } else if frame == nil {
            produced = swr_convert(ctx, &outPtrs, Int32(capacity), nil, 0)
        } else {
            produced = 0  // a frame without sample buffers: nothing to convert
        }
        let n = max(0, Int(produced))
        return buffers.map { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
}
