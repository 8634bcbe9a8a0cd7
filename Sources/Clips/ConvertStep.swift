import Media

/// `convert`: the decoded picture as 8-bit 4:2:0 (yuv420p) at even width and height, which the other
/// steps and x264 take. Planned when the replay's pictures are anything else (10-bit, 4:2:2, full-range
/// yuvj420p, odd sizes).
final class ConvertStep: FrameStep {
    let name = "convert"

    func apply(_ picture: Frame, at time: Double, pool: FramePool) throws -> Frame {
        let w = picture.width & ~1, h = picture.height & ~1
        if picture.pixelFormat == .yuv420p && w == picture.width && h == picture.height { return picture }
        let out = try pool.picture(name, w, h)
        try pool.scaler(picture.width, picture.height, picture.pixelFormat, w, h, .yuv420p).scale(picture, into: out)
        return out
    }
}
