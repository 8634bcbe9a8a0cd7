import Media

/// The pictures and scalers one clip's frame steps reuse from frame to frame, and the decoded frame
/// being rendered, which no step may write into (other clips get the same frame).
final class FramePool {
    private var scalers: [String: Scaler] = [:]
    private var pictures: [String: Frame] = [:]
    /// The decoded frame being rendered.
    var borrowed: Frame?

    /// A scaler between two sizes and formats, made once.
    func scaler(_ w: Int, _ h: Int, _ f: PixelFormat, _ ow: Int, _ oh: Int, _ of: PixelFormat,
                _ q: Scaler.Quality = .bicubic) throws -> Scaler {
        let key = "\(w)x\(h)\(f)>\(ow)x\(oh)\(of)\(q)"
        if let s = scalers[key] { return s }
        let s = try Scaler(sourceWidth: w, sourceHeight: h, sourceFormat: f, width: ow, height: oh, format: of, quality: q)
        scalers[key] = s
        return s
    }

    /// A picture named `name`, reused from frame to frame (made writable again: the encoder copies what
    /// it is given, so this allocates only if something still holds the previous one).
    func picture(_ name: String, _ w: Int, _ h: Int, format: PixelFormat = .yuv420p) throws -> Frame {
        if let f = pictures[name], f.width == w, f.height == h, f.pixelFormat == format {
            try f.makeWritable()
            return f
        }
        let f = try Frame.picture(width: w, height: h, format: format)
        pictures[name] = f
        return f
    }

    /// `picture` itself when a step may draw into it, else (the decoded frame) a copy it may draw into.
    func writable(_ picture: Frame) throws -> Frame {
        guard picture === borrowed else { return picture }
        let copy = try self.picture("writable", picture.width, picture.height)
        try PlaneOps.paste(picture, into: copy, x: 0, y: 0)
        return copy
    }
}
