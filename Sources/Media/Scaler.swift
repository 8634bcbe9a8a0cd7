internal import CFFmpeg

/// Converts and scales pictures with swscale. Owns its `SwsContext`; one per source size and format.
public final class Scaler {
    var ctx: OpaquePointer?
    public let sourceWidth: Int, sourceHeight: Int, sourceFormat: PixelFormat
    public let width: Int, height: Int, format: PixelFormat

    public enum Quality: Sendable { case fast, bicubic, area }

    public init(sourceWidth: Int, sourceHeight: Int, sourceFormat: PixelFormat,
                width: Int, height: Int, format: PixelFormat, quality: Quality = .bicubic) throws(MediaError) {
        self.sourceWidth = sourceWidth; self.sourceHeight = sourceHeight; self.sourceFormat = sourceFormat
        self.width = width; self.height = height; self.format = format
        let flags = quality.swsFlags
        ctx = sws_getContext(Int32(clamping: sourceWidth), Int32(clamping: sourceHeight), sourceFormat.av,
                             Int32(clamping: width), Int32(clamping: height), format.av, flags, nil, nil, nil)
        guard ctx != nil else {
            throw MediaError(path: "", action: "scale", message: "swscale cannot convert \(sourceFormat) \(sourceWidth)x\(sourceHeight) to \(format) \(width)x\(height)")
        }
    }

    deinit { sws_freeContext(ctx) }

    /// Scales the rectangle of `source` at (`x`, `y`) (of this scaler's source size) into `destination`
    /// (this scaler's output size and format). `x` and `y` are rounded down to the source format's
    /// chroma alignment (even for 4:2:0). Every plane's start comes from the format's descriptor, so
    /// planar, semi-planar (nv12) and packed pictures all work. Throws when the frames do not match
    /// this scaler (format, size) or the rectangle leaves the source.
    public func scale(_ source: Frame, x: Int = 0, y: Int = 0, into destination: Frame) throws(MediaError) {
        guard source.pixelFormat == sourceFormat, destination.pixelFormat == format else {
            throw mismatch("\(source.pixelFormat) into \(destination.pixelFormat)")
        }
        let align = sourceFormat.cropAlignment
        let ex = x - x % align.x, ey = y - y % align.y
        guard x >= 0, y >= 0, ex + sourceWidth <= source.width, ey + sourceHeight <= source.height else {
            throw mismatch("a \(sourceWidth)x\(sourceHeight) rectangle at (\(x), \(y)) of a \(source.width)x\(source.height) picture")
        }
        guard destination.width >= width, destination.height >= height else {
            throw mismatch("into a \(destination.width)x\(destination.height) picture")
        }
        let (planes, data, srcStride) = try source.memoryPlanes()
        let src: [UnsafePointer<UInt8>?] = data.indices.map { i in
            guard let d = data[i] else { return nil }
            return UnsafePointer(i < planes.count ? d + planes[i].offset(x: ex, y: ey, stride: Int(srcStride[i])) : d)
        }
        let (_, dst, dstStride) = try destination.memoryPlanes()
        let rows = sws_scale(ctx, src, srcStride, 0, Int32(sourceHeight), dst, dstStride)
        guard rows > 0 else { throw MediaError(path: "", action: "scale \(sourceFormat) to \(format)", code: rows < 0 ? rows : mq_averror(EINVAL)) }
    }

    private func mismatch(_ what: String) -> MediaError {
        MediaError(path: "", action: "scale", message: "this scaler converts \(sourceFormat) \(sourceWidth)x\(sourceHeight) to \(format) \(width)x\(height); given \(what)")
    }
}

extension Scaler.Quality {
    /// swscale's flag for this filter.
    var swsFlags: Int32 {
        switch self { case .fast: SWS_FAST_BILINEAR; case .bicubic: SWS_BICUBIC; case .area: SWS_AREA }
    }
}
