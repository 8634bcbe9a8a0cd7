import Media

/// `reframe:<stage>`: asks the clip's reframer where this frame comes from (with a small grey thumbnail
/// when the stage looks at pictures) and draws the output frame: the crop scaled to fill it, or the
/// whole frame fitted over a blurred copy of itself.
final class ReframeStep: FrameStep {
    let name: String
    let reframer: any Reframer
    let needsThumbnails: Bool
    let outputWidth: Int, outputHeight: Int
    /// Thumbnail width handed to reframers that look at pictures.
    static let thumbnailWidth = 160

    init(stage: String, reframer: any Reframer, needsThumbnails: Bool, outputWidth: Int, outputHeight: Int) {
        name = "reframe:\(stage)"
        self.reframer = reframer; self.needsThumbnails = needsThumbnails
        self.outputWidth = outputWidth; self.outputHeight = outputHeight
    }

    func apply(_ picture: Frame, at time: Double, pool: FramePool) throws -> Frame {
        let thumbnail = needsThumbnails ? try self.thumbnail(picture, at: time, pool: pool) : nil
        let out = try pool.picture(name, outputWidth, outputHeight)
        switch reframer.place(thumbnail) {
        case .crop(let x, let y, let w, let h):
            let cw = max(2, min(picture.width, Int(w.rounded())) & ~1), ch = max(2, min(picture.height, Int(h.rounded())) & ~1)
            let cx = max(0, min(picture.width - cw, Int(x.rounded()))), cy = max(0, min(picture.height - ch, Int(y.rounded())))
            try pool.scaler(cw, ch, .yuv420p, outputWidth, outputHeight, .yuv420p).scale(picture, x: cx, y: cy, into: out)
        case .fitOnBlur(let sigma, let dim):
            try FitOnBlur(sigma: sigma, dim: dim).draw(picture, into: out, pool: pool)
        }
        return out
    }

    private func thumbnail(_ picture: Frame, at time: Double, pool: FramePool) throws -> LumaThumbnail {
        let tw = Self.thumbnailWidth, th = max(2, (tw * picture.height / max(1, picture.width)) & ~1)
        let small = try pool.picture("thumbnail", tw, th, format: .gray)
        let scaler = try pool.scaler(picture.width, picture.height, .yuv420p, tw, th, .gray, .area)
        return LumaThumbnail(time: time, width: tw, height: th, pixels: try PlaneOps.thumbnail(picture, scaler: scaler, into: small))
    }
}
