internal import CFFmpeg

/// One decoded picture or block of audio samples. Owns its `AVFrame` and frees it when released.
public final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    public init() throws(MediaError) {
        guard let p = av_frame_alloc() else { throw .outOfMemory("", "allocate a frame") }
        pointer = p
    }
    deinit { var p: UnsafeMutablePointer<AVFrame>? = pointer; av_frame_free(&p) }

    /// A new picture with its own buffers (8-bit YUV 4:2:0, `yuv420p`, unless told).
    public static func picture(width: Int, height: Int, format: PixelFormat = .yuv420p) throws(MediaError) -> Frame {
        let f = try Frame()
        f.pointer.pointee.width = Int32(clamping: width)
        f.pointer.pointee.height = Int32(clamping: height)
        f.pointer.pointee.format = format.raw
        let rc = av_frame_get_buffer(f.pointer, 0)
        guard rc >= 0 else { throw MediaError(path: "", action: "allocate a \(width)x\(height) \(format) picture", code: rc) }
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

    /// Lends plane `i` of this picture to `body` (its size from the pixel format's descriptor, so an
    /// nv12 picture has two planes, rgb24 one). Throws when the picture has no such plane or no pixels.
    public func withPlane<R>(_ i: Int, _ body: (PlaneView) throws -> R) throws -> R {
        let (planes, data, strides) = try memoryPlanes()
        guard i >= 0, i < planes.count, let base = data[i] else {
            throw MediaError(path: "", action: "read plane \(i)", message: "a \(pixelFormat) picture has \(planes.count) plane(s)")
        }
        return try body(PlaneView(base: base, geometry: planes[i], stride: Int(strides[i])))
    }

    /// The planes' geometry, and their data pointers and strides as FFmpeg holds them (all 4, so a
    /// paletted picture's palette comes along), checked to be present for every plane the format has.
    func memoryPlanes() throws(MediaError) -> ([PlaneGeometry], [UnsafeMutablePointer<UInt8>?], [Int32]) {
        guard width > 0, height > 0 else {
            throw MediaError(path: "", action: "read the picture", message: "the frame holds no picture (\(width)x\(height))")
        }
        let planes = try pixelFormat.planes(width: width, height: height)
        let data = withUnsafePointer(to: pointer.pointee.data) {
            $0.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { Array(UnsafeBufferPointer(start: $0, count: 4)) }
        }
        let strides = withUnsafePointer(to: pointer.pointee.linesize) {
            $0.withMemoryRebound(to: Int32.self, capacity: 8) { Array(UnsafeBufferPointer(start: $0, count: 4)) }
        }
        guard planes.indices.allSatisfy({ data[$0] != nil }) else {
            throw MediaError(path: "", action: "read the picture", message: "the \(width)x\(height) \(pixelFormat) frame has no buffers")
        }
        return (planes, data, strides)
    }

    /// Forgets the decoder's picture type, so an encoder given this frame chooses its own (an encoder
    /// honours a set type as a forced one).
    public func clearPictureType() {
        pointer.pointee.pict_type = AV_PICTURE_TYPE_NONE
        pointer.pointee.key_frame = 0
    }

    /// Makes the frame's buffers writable (copying them if another frame shares them).
    public func makeWritable() throws(MediaError) {
        let rc = av_frame_make_writable(pointer)
        guard rc >= 0 else { throw MediaError(path: "", action: "make a picture writable", code: rc) }
    }

    public func unref() { av_frame_unref(pointer) }

    /// A new frame sharing this one's buffers (reference-counted, no copy) and properties: it stays
    /// valid when this frame is reused, and makes a later `makeWritable` on this one copy.
    public func reference() throws(MediaError) -> Frame {
        let f = try Frame()
        let rc = av_frame_ref(f.pointer, pointer)
        guard rc >= 0 else { throw MediaError(path: "", action: "reference a picture", code: rc) }
        return f
    }
}

extension Frame {
    /// A picture with its own buffers, or an error naming `path` when FFmpeg cannot allocate them.
    static func allocatedPicture(width: Int, height: Int, format: AVPixelFormat, path: String) throws(MediaError) -> Frame {
        do { return try picture(width: width, height: height, format: PixelFormat(raw: format.rawValue)) } catch { throw error.about(path) }
    }
}
