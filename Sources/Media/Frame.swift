internal import CFFmpeg

/// One decoded picture or block of audio samples. Owns its `AVFrame` and frees it when released.
public final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    public init() { pointer = av_frame_alloc()! }
    deinit { var p: UnsafeMutablePointer<AVFrame>? = pointer; av_frame_free(&p) }

    /// A new picture with its own buffers: 8-bit YUV 4:2:0 (`yuv420p`).
    public static func picture(width: Int, height: Int, format: PixelFormat = .yuv420p) -> Frame {
        let f = Frame()
        f.pointer.pointee.width = Int32(width)
        f.pointer.pointee.height = Int32(height)
        f.pointer.pointee.format = format.raw
        av_frame_get_buffer(f.pointer, 0)
        return f
    }

    public var width: Int { Int(pointer.pointee.width) }
    public var height: Int { Int(pointer.pointee.height) }
    public var pixelFormat: PixelFormat { PixelFormat(raw: pointer.pointee.format) }
    public var pts: Int64 { get { pointer.pointee.pts } set { pointer.pointee.pts = newValue } }
    /// The best-effort timestamp FFmpeg's decoder guessed (pts, or dts when pts is missing).
    public var bestEffortPts: Int64 { pointer.pointee.best_effort_timestamp }
    public var duration: Int64 {
        get { pointer.pointee.pkt_duration }
        set { pointer.pointee.pkt_duration = newValue }
    }
    /// The decoder reported errors in this frame.
    public var hasDecodeError: Bool { pointer.pointee.decode_error_flags != 0 || pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0 }

    // Audio
    public var sampleCount: Int { Int(pointer.pointee.nb_samples) }
    public var sampleRate: Int { Int(pointer.pointee.sample_rate) }
    public var channelCount: Int { Int(pointer.pointee.ch_layout.nb_channels) }

    /// Plane `i` of a picture: its bytes and the distance between rows.
    public func plane(_ i: Int) -> (data: UnsafeMutablePointer<UInt8>, stride: Int) {
        let d = withUnsafePointer(to: pointer.pointee.data) { $0.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { $0[i] } }
        let l = withUnsafePointer(to: pointer.pointee.linesize) { $0.withMemoryRebound(to: Int32.self, capacity: 8) { $0[i] } }
        return (d!, Int(l))
    }

    /// Forgets the decoder's picture type, so an encoder given this frame chooses its own (an encoder
    /// honours a set type as a forced one).
    public func clearPictureType() {
        pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        pointer.pointee.key_frame = 0
    }

    /// Makes the frame's buffers writable (copying them if another frame shares them).
    public func makeWritable() { av_frame_make_writable(pointer) }

    public func unref() { av_frame_unref(pointer) }
}

/// The pixel formats Marquee names; others pass through as `other`.
public struct PixelFormat: Sendable, Hashable, CustomStringConvertible {
    let raw: Int32
    init(raw: Int32) { self.raw = raw }
    public static let yuv420p = PixelFormat(raw: AV_PIX_FMT_YUV420P.rawValue)
    public static let yuvj420p = PixelFormat(raw: AV_PIX_FMT_YUVJ420P.rawValue)
    public static let gray = PixelFormat(raw: AV_PIX_FMT_GRAY8.rawValue)
    public static let rgb24 = PixelFormat(raw: AV_PIX_FMT_RGB24.rawValue)
    public static let rgba = PixelFormat(raw: AV_PIX_FMT_RGBA.rawValue)
    public var description: String { av_get_pix_fmt_name(AVPixelFormat(rawValue: raw)).map { String(cString: $0) } ?? "none" }
    public init?(name: String) {
        let f = av_get_pix_fmt(name)
        guard f != AV_PIX_FMT_NONE else { return nil }
        raw = f.rawValue
    }
}

extension Frame {
    /// A picture with its own buffers, or an error when FFmpeg cannot allocate them.
    static func allocatedPicture(width: Int, height: Int, format: AVPixelFormat, path: String) throws(MediaError) -> Frame {
        let f = Frame()
        f.pointer.pointee.width = Int32(width)
        f.pointer.pointee.height = Int32(height)
        f.pointer.pointee.format = format.rawValue
        let rc = av_frame_get_buffer(f.pointer, 0)
        guard rc >= 0 else { throw MediaError(path: path, action: "allocate a \(width)x\(height) picture", code: rc) }
        return f
    }
}
