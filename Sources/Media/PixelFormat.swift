internal import CFFmpeg

/// The pixel formats Marquee names; others pass through as they are. What a format's planes hold and
/// how big they are comes from FFmpeg's own descriptor (`av_pix_fmt_desc_get`), never from guesses.
public struct PixelFormat: Sendable, Hashable, CustomStringConvertible {
    let raw: Int32
    init(raw: Int32) { self.raw = raw }
    public static let yuv420p = PixelFormat(raw: AV_PIX_FMT_YUV420P.rawValue)
    public static let yuvj420p = PixelFormat(raw: AV_PIX_FMT_YUVJ420P.rawValue)
    public static let nv12 = PixelFormat(raw: AV_PIX_FMT_NV12.rawValue)
    public static let gray = PixelFormat(raw: AV_PIX_FMT_GRAY8.rawValue)
    public static let rgb24 = PixelFormat(raw: AV_PIX_FMT_RGB24.rawValue)
    public static let rgba = PixelFormat(raw: AV_PIX_FMT_RGBA.rawValue)
    public var description: String { av_get_pix_fmt_name(AVPixelFormat(rawValue: raw)).map { String(cString: $0) } ?? "none" }
    public init?(name: String) {
        let f = av_get_pix_fmt(name)
        guard f != AV_PIX_FMT_NONE else { return nil }
        raw = f.rawValue
    }

    var av: AVPixelFormat { AVPixelFormat(rawValue: raw) }

    /// Planes a picture of this format has in memory (`av_pix_fmt_count_planes`): 3 for yuv420p, 2 for
    /// nv12, 1 for packed RGB; 0 for hardware formats and unknown values.
    public var planeCount: Int {
        guard let d = av_pix_fmt_desc_get(av), d.pointee.flags & UInt64(AV_PIX_FMT_FLAG_HWACCEL) == 0 else { return 0 }
        return max(0, Int(av_pix_fmt_count_planes(av)))
    }

    /// The alignment a crop origin needs so every plane starts on a whole sample: the chroma
    /// subsampling (2 for 4:2:0 both ways), and 8 pixels across for formats packing pixels in bits.
    var cropAlignment: (x: Int, y: Int) {
        guard let d = av_pix_fmt_desc_get(av) else { return (1, 1) }
        let bits = d.pointee.flags & UInt64(AV_PIX_FMT_FLAG_BITSTREAM) != 0
        return (max(1 << Int(d.pointee.log2_chroma_w), bits ? 8 : 1), 1 << Int(d.pointee.log2_chroma_h))
    }

    /// Every plane of a `width`x`height` picture in this format, from FFmpeg's descriptor.
    func planes(width: Int, height: Int) throws(MediaError) -> [PlaneGeometry] {
        let count = planeCount
        guard count > 0, let d = av_pix_fmt_desc_get(av) else {
            throw MediaError(path: "", action: "address the pixels", message: "pixel format \(self) has no planes in memory (a hardware or unknown format)")
        }
        var lines: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
        let rc = withUnsafeMutablePointer(to: &lines) {
            $0.withMemoryRebound(to: Int32.self, capacity: 4) { av_image_fill_linesizes($0, av, Int32(width)) }
        }
        guard rc >= 0 else { throw MediaError(path: "", action: "lay out a \(width)x\(height) \(self) picture", code: rc) }
        let rowBytes = [lines.0, lines.1, lines.2, lines.3].map(Int.init)
        let comps = withUnsafePointer(to: d.pointee.comp) {
            $0.withMemoryRebound(to: AVComponentDescriptor.self, capacity: 4) { Array(UnsafeBufferPointer(start: $0, count: Int(d.pointee.nb_components))) }
        }
        let bits = d.pointee.flags & UInt64(AV_PIX_FMT_FLAG_BITSTREAM) != 0
        return (0..<count).map { p in
            let held = comps.indices.filter { Int(comps[$0].plane) == p }
            // Planes holding only colour differences (Cb, Cr; not luma or alpha) are subsampled.
            let sub = !held.isEmpty && held.allSatisfy { $0 == 1 || $0 == 2 }
            let sx = sub ? Int(d.pointee.log2_chroma_w) : 0, sy = sub ? Int(d.pointee.log2_chroma_h) : 0
            let step = held.first.map { Int(comps[$0].step) } ?? 1
            return PlaneGeometry(width: -((-width) >> sx), height: -((-height) >> sy), bytesPerRow: rowBytes[p],
                                 shiftX: sx, shiftY: sy, step: step, stepInBits: bits)
        }
    }
}

/// The size of one plane of a picture and how its samples sit in a row.
struct PlaneGeometry: Sendable, Hashable {
    /// Samples across and rows (subsampled chroma planes are smaller).
    let width: Int, height: Int
    /// Bytes of one row's pixels (no padding).
    let bytesPerRow: Int
    /// Subsampling of this plane against the picture, as shifts.
    let shiftX: Int, shiftY: Int
    /// Distance between two horizontally consecutive samples, in bytes (in bits when `stepInBits`).
    let step: Int
    let stepInBits: Bool

    /// Byte offset of picture pixel (`x`, `y`) (aligned to `PixelFormat.cropAlignment`) in this plane.
    func offset(x: Int, y: Int, stride: Int) -> Int {
        let across = (x >> shiftX) * step
        return (y >> shiftY) * stride + (stepInBits ? across >> 3 : across)
    }
}
