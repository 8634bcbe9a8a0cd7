import Imaging
import MarqueeCore

/// Measures WCAG 2.x contrast between each text's colour and the pixels actually behind it in the
/// finished image (not what the layout intended).
public struct ContrastCheck: CoverCheck {
    public static let metadata = PluginMetadata(
        name: "contrast", kind: .coverCheck,
        summary: "text contrast against the pixels behind it meets WCAG 2.x (4.5, or 3 for large text)",
        parameters: [
            ParameterSpec("min_ratio", .number(1...21), default: .number(4.5), doc: "minimum ratio for normal text"),
            ParameterSpec("large_ratio", .number(1...21), default: .number(3), doc: "minimum ratio for large text"),
            ParameterSpec("large_px_at_feed", .number(8...96), default: .number(24),
                          doc: "font size at feed size from which text counts as large (WCAG: 24 px)"),
        ])
    public var metadata: PluginMetadata { Self.metadata }
    public init() {}

    public func check(_ input: CoverCheckInput, parameters: PluginParameters) async throws -> [Finding] {
        let c = input.cover
        let image = try Image.open(input.image_path).flatten().colourspace("srgb")
        let shrink = Double(input.platform.feed_size.width) / Double(c.width)
        var findings: [Finding] = []
        for (i, layer) in c.layers.enumerated() {
            guard let text = layer.text, let fg = layer.color.flatMap(Color.init(hex:)) else { continue }
            let box = layer.box
            guard box.w > 0, box.h > 0, box.maxX <= image.width, box.maxY <= image.height else { continue }
            let bg = try backgroundColour(image, box: box, text: fg)
            let ratio = fg.contrast(with: bg)
            let large = (layer.font_px ?? 0) * shrink >= parameters.number("large_px_at_feed")
            let needed = large ? parameters.number("large_ratio") : parameters.number("min_ratio")
            if ratio < needed {
                findings.append(Finding(check: "contrast", severity: .error,
                                        message: String(format: "“%@” %@ on %@ has contrast %.2f, needs %.1f", text, fg.hex, bg.hex, ratio, needed),
                                        layer: i, box: box))
            }
        }
        return findings
    }

    /// The mean colour of the pixels in `box` that are not close to the text colour: what the eye
    /// sees around the glyphs. Samples a grid of at most ~128 px across (pixels picked, not blended,
    /// so ink and background stay apart).
    func backgroundColour(_ image: Image, box: Box, text: Color) throws -> Color {
        let region = try image.bands(0, count: 3).crop(x: box.x, y: box.y, width: box.w, height: box.h)
        let step = max(1, max(box.w, box.h) / 128)
        let grid = step > 1 ? try region.subsample(step) : region
        let px = try grid.pixelBytes()
        let (tr, tg, tb) = (Int(text.r), Int(text.g), Int(text.b))
        var sum = (0, 0, 0), n = 0, all = (0, 0, 0)
        var i = 0
        while i + 2 < px.count {
            let (r, g, b) = (Int(px[i]), Int(px[i + 1]), Int(px[i + 2]))
            all.0 += r; all.1 += g; all.2 += b
            let d = (r - tr) * (r - tr) + (g - tg) * (g - tg) + (b - tb) * (b - tb)
            if d > 60 * 60 { sum.0 += r; sum.1 += g; sum.2 += b; n += 1 }
            i += 3
        }
        let count = max(px.count / 3, 1)
        let (s, k) = n > count / 20 ? (sum, n) : (all, count)
        return Color(r: UInt8(s.0 / k), g: UInt8(s.1 / k), b: UInt8(s.2 / k))
    }
}
