import Media

/// Draws a whole picture fitted inside the output, over a blurred, darkened copy of it that fills the
/// output (a reframer's `.fitOnBlur`).
struct FitOnBlur {
    /// Gaussian sigma of the background blur as a share of the output width.
    let sigma: Double
    /// Darkening of the background, 0…1.
    let dim: Double

    func draw(_ src: Frame, into out: Frame, pool: FramePool) throws {
        let ow = out.width, oh = out.height
        // Background: the centre region of the output's shape, scaled small, blurred, scaled up.
        let aspect = Double(ow) / Double(oh)
        var cw = src.width, ch = src.height
        if Double(cw) / Double(ch) > aspect { cw = Int(Double(ch) * aspect) & ~1 } else { ch = Int(Double(cw) / aspect) & ~1 }
        let sw = max(2, ow / 8) & ~1, sh = max(2, oh / 8) & ~1
        let small = try pool.picture("fit-on-blur:background", sw, sh)
        try pool.scaler(cw, ch, .yuv420p, sw, sh, .yuv420p, .area).scale(src, x: (src.width - cw) / 2, y: (src.height - ch) / 2, into: small)
        let radius = max(1, Int(sigma * Double(sw) * 1.7))
        try small.withPlane(0) { PlaneOps.blur($0, radius: radius, dim: dim, neutral: 16) }
        try small.withPlane(1) { PlaneOps.blur($0, radius: max(1, radius / 2), dim: 0, neutral: 128) }
        try small.withPlane(2) { PlaneOps.blur($0, radius: max(1, radius / 2), dim: 0, neutral: 128) }
        try pool.scaler(sw, sh, .yuv420p, ow, oh, .yuv420p, .fast).scale(small, into: out)
        // Foreground: the whole frame, fitted.
        let scale = min(Double(ow) / Double(src.width), Double(oh) / Double(src.height))
        let fw = max(2, Int(Double(src.width) * scale) & ~1), fh = max(2, Int(Double(src.height) * scale) & ~1)
        let fg = try pool.picture("fit-on-blur:foreground", fw, fh)
        try pool.scaler(src.width, src.height, .yuv420p, fw, fh, .yuv420p).scale(src, into: fg)
        try PlaneOps.paste(fg, into: out, x: ((ow - fw) / 2) & ~1, y: ((oh - fh) / 2) & ~1)
    }
}
