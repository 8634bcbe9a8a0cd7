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
        let flags: Int32 = switch quality { case .fast: SWS_FAST_BILINEAR; case .bicubic: SWS_BICUBIC; case .area: SWS_AREA }
        ctx = sws_getContext(Int32(sourceWidth), Int32(sourceHeight), AVPixelFormat(rawValue: sourceFormat.raw),
                             Int32(width), Int32(height), AVPixelFormat(rawValue: format.raw), flags, nil, nil, nil)
        guard ctx != nil else {
            throw MediaError(path: "", action: "scale", message: "swscale cannot convert \(sourceFormat) \(sourceWidth)x\(sourceHeight) to \(format) \(width)x\(height)")
        }
    }

    deinit { sws_freeContext(ctx) }

    /// Scales the rectangle of `source` at (`x`, `y`) (of this scaler's source size) into `destination`
    /// (this scaler's output size and format). For 4:2:0 sources `x` and `y` are rounded down to even.
    public func scale(_ source: Frame, x: Int = 0, y: Int = 0, into destination: Frame) {
        let planes = source.pixelFormat == .gray ? 1 : (source.pixelFormat == .rgb24 || source.pixelFormat == .rgba ? 1 : 3)
        var src = [UnsafePointer<UInt8>?](repeating: nil, count: 4)
        var srcStride = [Int32](repeating: 0, count: 4)
        let ex = x & ~1, ey = y & ~1
        for i in 0..<planes {
            let (d, s) = source.plane(i)
            let sub = i > 0 && planes == 3 ? 1 : 0
            let bpp = planes == 1 ? (source.pixelFormat == .rgb24 ? 3 : source.pixelFormat == .rgba ? 4 : 1) : 1
            src[i] = UnsafePointer(d + (ey >> sub) * s + (ex >> sub) * bpp)
            srcStride[i] = Int32(s)
        }
        var dst = [UnsafeMutablePointer<UInt8>?](repeating: nil, count: 4)
        var dstStride = [Int32](repeating: 0, count: 4)
        let outPlanes = destination.pixelFormat == .yuv420p ? 3 : 1
        for i in 0..<outPlanes {
            let (d, s) = destination.plane(i)
            dst[i] = d; dstStride[i] = Int32(s)
        }
        sws_scale(ctx, src, srcStride, 0, Int32(sourceHeight), dst, dstStride)
    }
}
