import Foundation
import Support
import PluginKit
import Presets
import Batch
import Media

/// Turns decoded replay frames into one clip's output frames: display rotation, reframing (crop or
/// fit on a blurred copy), scaling, overlays. One per clip; reuses its scalers and buffers.
final class FrameRenderer {
    let outputWidth: Int, outputHeight: Int
    let rotation: Int
    let reframer: (any Reframer)?
    let needsThumbnails: Bool
    let overlays: [OverlayPlanes]
    let blur: (sigma: Double, dim: Double)
    private var scalers: [String: Scaler] = [:]
    private var thumbFrame: Frame?
    private var buffers: [String: Frame] = [:]

    /// `reframer` nil = keep the source frame (only converted to yuv420p, overlays drawn).
    init(outputWidth: Int, outputHeight: Int, rotation: Int, reframer: (any Reframer)?, needsThumbnails: Bool,
         overlays: [OverlayPlanes], blur: (sigma: Double, dim: Double) = (0.03, 0.3)) {
        self.outputWidth = outputWidth; self.outputHeight = outputHeight; self.rotation = rotation
        self.reframer = reframer; self.needsThumbnails = needsThumbnails; self.overlays = overlays; self.blur = blur
    }

    private func scaler(_ w: Int, _ h: Int, _ f: PixelFormat, _ ow: Int, _ oh: Int, _ of: PixelFormat, _ q: Scaler.Quality = .bicubic) throws -> Scaler {
        let key = "\(w)x\(h)\(f)>\(ow)x\(oh)\(of)\(q)"
        if let s = scalers[key] { return s }
        let s = try Scaler(sourceWidth: w, sourceHeight: h, sourceFormat: f, width: ow, height: oh, format: of, quality: q)
        scalers[key] = s
        return s
    }

    /// A yuv420p picture reused from frame to frame (made writable again: the encoder copies what it is
    /// given, so this allocates only if something still holds the previous one).
    private func buffer(_ name: String, _ w: Int, _ h: Int) -> Frame {
        if let f = buffers[name], f.width == w, f.height == h {
            f.makeWritable()
            return f
        }
        let f = Frame.picture(width: w, height: h)
        buffers[name] = f
        return f
    }

    /// The output picture for `source` at clip-relative time `t`.
    func render(_ source: Frame, at t: Double) throws -> Frame {
        var src = source
        if src.pixelFormat != .yuv420p {
            let conv = buffer("convert", src.width & ~1, src.height & ~1)
            try scaler(src.width, src.height, src.pixelFormat, conv.width, conv.height, .yuv420p).scale(src, into: conv)
            src = conv
        }
        if reframer != nil && rotation % 360 != 0 { src = PlaneOps.rotate(src, degrees: rotation) }
        let out: Frame
        if let reframer {
            var thumb: LumaThumbnail?
            if needsThumbnails {
                let tw = 160, th = max(2, (160 * src.height / max(1, src.width)) & ~1)
                if thumbFrame == nil { thumbFrame = Frame.picture(width: tw, height: th, format: .gray) }
                let px = PlaneOps.thumbnail(src, scaler: try scaler(src.width, src.height, .yuv420p, tw, th, .gray, .area), into: thumbFrame!)
                thumb = LumaThumbnail(time: t, width: tw, height: th, pixels: px)
            }
            let decision = reframer.place(thumb)
            out = buffer("out", outputWidth, outputHeight)
            switch decision {
            case .crop(let x, let y, let w, let h):
                let cw = max(2, min(src.width, Int(w.rounded())) & ~1), ch = max(2, min(src.height, Int(h.rounded())) & ~1)
                let cx = max(0, min(src.width - cw, Int(x.rounded()))), cy = max(0, min(src.height - ch, Int(y.rounded())))
                try scaler(cw, ch, .yuv420p, outputWidth, outputHeight, .yuv420p).scale(src, x: cx, y: cy, into: out)
            case .fitOnBlur:
                try drawFitOnBlur(src, into: out)
            }
        } else if src === source {
            // Nothing to draw: the decoded frame goes to the encoder as it is (the encoder keeps its own reference).
            if !overlays.contains(where: { $0.isActive(at: t) }) { return source }
            out = buffer("out", src.width, src.height)
            PlaneOps.paste(src, into: out, x: 0, y: 0)
        } else {
            out = src
        }
        for o in overlays where o.isActive(at: t) { o.blend(into: out) }
        return out
    }

    /// The whole frame fitted in the output, over a blurred, darkened copy that fills it.
    private func drawFitOnBlur(_ src: Frame, into out: Frame) throws {
        // Background: the centre region of the output's shape, scaled small, blurred, scaled up.
        let aspect = Double(outputWidth) / Double(outputHeight)
        var cw = src.width, ch = src.height
        if Double(cw) / Double(ch) > aspect { cw = Int(Double(ch) * aspect) & ~1 } else { ch = Int(Double(cw) / aspect) & ~1 }
        let sw = max(2, outputWidth / 8) & ~1, sh = max(2, outputHeight / 8) & ~1
        let small = buffer("blur", sw, sh)
        try scaler(cw, ch, .yuv420p, sw, sh, .yuv420p, .area).scale(src, x: (src.width - cw) / 2, y: (src.height - ch) / 2, into: small)
        let radius = max(1, Int(blur.sigma * Double(sw) * 1.7))
        PlaneOps.blur(small.plane(0), width: sw, height: sh, radius: radius, dim: blur.dim, neutral: 16)
        PlaneOps.blur(small.plane(1), width: sw / 2, height: sh / 2, radius: max(1, radius / 2), dim: 0, neutral: 128)
        PlaneOps.blur(small.plane(2), width: sw / 2, height: sh / 2, radius: max(1, radius / 2), dim: 0, neutral: 128)
        try scaler(sw, sh, .yuv420p, outputWidth, outputHeight, .yuv420p, .fast).scale(small, into: out)
        // Foreground: the whole frame, fitted.
        let scale = min(Double(outputWidth) / Double(src.width), Double(outputHeight) / Double(src.height))
        let fw = max(2, Int(Double(src.width) * scale) & ~1), fh = max(2, Int(Double(src.height) * scale) & ~1)
        let fg = buffer("fit", fw, fh)
        try scaler(src.width, src.height, .yuv420p, fw, fh, .yuv420p).scale(src, into: fg)
        PlaneOps.paste(fg, into: out, x: ((outputWidth - fw) / 2) & ~1, y: ((outputHeight - fh) / 2) & ~1)
    }
}
