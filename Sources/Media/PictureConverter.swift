internal import CFFmpeg

/// Turns decoded frames into `VideoPicture`s of one size and layout: copies the planes when the
/// frame already has them, else converts with swscale. Owns its `SwsContext`.
final class PictureConverter {
    let path: String
    let width: Int, height: Int
    let target: AVPixelFormat
    let shiftX: Int, shiftY: Int, depth: Int
    let flags: Int32
    var sws: OpaquePointer?
    let scratch: Frame

    /// `layout`: the layout pictures must have (nil: the nearest to the source's).
    init(path: String, sourceFormat: String, width: Int, height: Int, quality: Scaler.Quality,
         layout: PictureLayout?) throws(MediaError) {
        self.path = path; self.width = width; self.height = height
        (target, shiftX, shiftY, depth) = layout.map(Self.format(for:)) ?? Self.layout(for: av_get_pix_fmt(sourceFormat))
        flags = quality.swsFlags
        scratch = try Frame.allocatedPicture(width: width, height: height, format: target, path: path)
    }

    deinit { sws_freeContext(sws) }

    /// The layout pictures keep: the source's when it is 8/10-bit planar YUV 4:2:0, 4:2:2 or 4:4:4,
    /// else the nearest of those.
    static func layout(for f: AVPixelFormat) -> (AVPixelFormat, Int, Int, Int) {
        guard let desc = av_pix_fmt_desc_get(f) else { return (AV_PIX_FMT_YUV420P, 1, 1, 8) }
        let d = desc.pointee
        let yuv = d.flags & UInt64(AV_PIX_FMT_FLAG_RGB) == 0 && d.nb_components >= 3
        let deep = d.comp.0.depth > 8
        let sx = yuv ? Int(d.log2_chroma_w) : 1, sy = yuv ? Int(d.log2_chroma_h) : 1
        switch (sx, sy, deep) {
        case (0, 0, false): return (AV_PIX_FMT_YUV444P, 0, 0, 8)
        case (0, 0, true): return (AV_PIX_FMT_YUV444P10LE, 0, 0, 10)
        case (1, 0, false): return (AV_PIX_FMT_YUV422P, 1, 0, 8)
        case (1, 0, true): return (AV_PIX_FMT_YUV422P10LE, 1, 0, 10)
        case (_, _, true): return (AV_PIX_FMT_YUV420P10LE, 1, 1, 10)
        default: return (AV_PIX_FMT_YUV420P, 1, 1, 8)
        }
    }

    static func format(for l: PictureLayout) -> (AVPixelFormat, Int, Int, Int) {
        let deep = l.bitDepth > 8
        switch (l.chromaShiftX, l.chromaShiftY) {
        case (0, 0): return (deep ? AV_PIX_FMT_YUV444P10LE : AV_PIX_FMT_YUV444P, 0, 0, deep ? 10 : 8)
        case (1, 0): return (deep ? AV_PIX_FMT_YUV422P10LE : AV_PIX_FMT_YUV422P, 1, 0, deep ? 10 : 8)
        default: return (deep ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P, 1, 1, deep ? 10 : 8)
        }
    }

    var layout: PictureLayout { PictureLayout(bitDepth: depth, chromaShiftX: shiftX, chromaShiftY: shiftY) }

    func convert(_ frame: Frame, index: Int, time: Double) throws(MediaError) -> VideoPicture {
        let f = frame.pointer.pointee
        var source = frame
        if f.format != target.rawValue || Int(f.width) != width || Int(f.height) != height {
            sws = sws_getCachedContext(sws, f.width, f.height, AVPixelFormat(rawValue: f.format),
                                       Int32(width), Int32(height), target, flags, nil, nil, nil)
            guard sws != nil else {
                throw MediaError(path: path, action: "convert picture \(index)",
                                 message: "swscale cannot convert \(PixelFormat(raw: f.format)) \(f.width)x\(f.height) to \(width)x\(height)")
            }
            let rc = withUnsafePointer(to: f.data) { src in
                withUnsafePointer(to: f.linesize) { srcStride in
                    withUnsafePointer(to: scratch.pointer.pointee.data) { dst in
                        withUnsafePointer(to: scratch.pointer.pointee.linesize) { dstStride in
                            sws_scale(sws, src.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { $0 },
                                      srcStride.withMemoryRebound(to: Int32.self, capacity: 8) { $0 }, 0, f.height,
                                      dst.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { $0 },
                                      dstStride.withMemoryRebound(to: Int32.self, capacity: 8) { $0 })
                        }
                    }
                }
            }
            guard rc > 0 else { throw MediaError(path: path, action: "convert picture \(index)", code: rc) }
            source = scratch
        }
        let cw = (width + (1 << shiftX) - 1) >> shiftX, ch = (height + (1 << shiftY) - 1) >> shiftY
        let planes = [(width, height), (cw, ch), (cw, ch)].enumerated().map { i, size in
            samples(of: source, plane: i, width: size.0, height: size.1)
        }
        return VideoPicture(index: index, time: time, width: width, height: height, bitDepth: depth,
                            chromaShiftX: shiftX, chromaShiftY: shiftY, planes: planes)
    }

    /// One plane's samples without row padding, widened to `UInt16`.
    private func samples(of frame: Frame, plane i: Int, width w: Int, height h: Int) -> [UInt16] {
        let data = withUnsafePointer(to: frame.pointer.pointee.data) {
            $0.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { $0[i] }
        }
        let stride = withUnsafePointer(to: frame.pointer.pointee.linesize) {
            $0.withMemoryRebound(to: Int32.self, capacity: 8) { Int($0[i]) }
        }
        var out = [UInt16](repeating: 0, count: w * h)
        guard let data else { return out }
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<h {
                let row = data + y * stride
                let o = y * w
                if depth > 8 {
                    row.withMemoryRebound(to: UInt16.self, capacity: w) { r in
                        for x in 0..<w { dst[o + x] = UInt16(littleEndian: r[x]) }
                    }
                } else {
                    for x in 0..<w { dst[o + x] = UInt16(row[x]) }
                }
            }
        }
        return out
    }
}
