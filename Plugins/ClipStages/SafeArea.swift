import Foundation
import Support
import PluginKit
import Presets
import Clips

/// Where overlays may go on the output frame and how small their text may be, from the target
/// platform's preset scaled to the output size (or plain margins when no platform was given).
struct SafeArea: Sendable, Hashable {
    /// The part of the output frame no platform UI covers, in output pixels.
    let box: Box
    /// The smallest readable font size (em, pixels) at the output size.
    let minFontPx: Int

    /// Margin on each side when no platform is given, as a share of the output's width / height.
    static let defaultMargin = 0.05
    /// Smallest font size when no platform is given, as a share of the output width (≈ 43 px at
    /// 1080 wide, ≈ 15 dp on a 390-dp phone).
    static let defaultMinFont = 0.04

    init(_ context: OverlayContext) {
        let w = max(context.outputWidth, 1), h = max(context.outputHeight, 1)
        let full = Box(x: 0, y: 0, w: w, h: h)
        guard let p = context.platform, p.canvas.width > 0, p.canvas.height > 0 else {
            let mx = Int((Double(w) * Self.defaultMargin).rounded(.up)), my = Int((Double(h) * Self.defaultMargin).rounded(.up))
            box = full.inset(by: Insets(top: my, bottom: my, left: mx, right: mx))
            minFontPx = Int((Double(w) * Self.defaultMinFont).rounded(.up))
            return
        }
        // The insets are given at the platform's canvas size: scale each axis to the output,
        // rounding outward so the area never grows into the UI.
        let sx = Double(w) / Double(p.canvas.width), sy = Double(h) / Double(p.canvas.height)
        func up(_ v: Int, _ s: Double) -> Int { Int((Double(v) * s - 1e-9).rounded(.up)) }
        box = full.inset(by: Insets(top: up(p.safe_zone.top, sy), bottom: up(p.safe_zone.bottom, sy),
                                    left: up(p.safe_zone.left, sx), right: up(p.safe_zone.right, sx)))
        minFontPx = Int((p.minFontPx * sx - 1e-9).rounded(.up))
    }
}

extension SafeArea {
    /// The even coordinate nearest to `v` within `lo…hi` (chroma in 4:2:0 video covers 2×2 pixels,
    /// so overlays start on even pixels); `v` itself when the range holds no even number.
    static func even(_ v: Int, within lo: Int, _ hi: Int) -> Int {
        let down = v & ~1, up = (v + 1) & ~1
        if down >= lo, down <= hi { return down }
        if up >= lo, up <= hi { return up }
        return min(max(v, lo), hi)
    }
}
