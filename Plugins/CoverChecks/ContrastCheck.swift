import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Measures WCAG 2.x contrast between each text's colour and the pixels actually behind it in the
/// finished image (not what the layout intended).
public struct ContrastCheck: CoverCheck {
    public static let minRatio: Param<Double> = .number("min_ratio", 1...21, default: 4.5, doc: "minimum ratio for normal text")
    public static let largeRatio: Param<Double> = .number("large_ratio", 1...21, default: 3, doc: "minimum ratio for large text")
    public static let largePxAtFeed: Param<Double> = .number(
        "large_px_at_feed", 8...96, default: 24, doc: "font size at feed size from which text counts as large (WCAG: 24 px)")
    public static let metadata = PluginMetadata(
        name: "contrast", kind: .coverCheck,
        summary: "text contrast against the pixels behind it meets WCAG 2.x (4.5, or 3 for large text)",
        parameters: [minRatio, largeRatio, largePxAtFeed])
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
            let large = (layer.font_px ?? 0) * shrink >= parameters[Self.largePxAtFeed]
            let needed = large ? parameters[Self.largeRatio] : parameters[Self.minRatio]
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
        let px = try image.rgbSamples(x: box.x, y: box.y, width: box.w, height: box.h, maxSide: 128, blend: false)
        let (tr, tg, tb) = (Int(text.r), Int(text.g), Int(text.b))
        // Distance of every sample from the ink colour; glyph edges blend ink and background, so only
        // samples at least 60% as far from the ink as the farthest one count as background.
        var dists: [Int] = []
        dists.reserveCapacity(px.count / 3)
        var i = 0
        while i + 2 < px.count {
            let (r, g, b) = (Int(px[i]) - tr, Int(px[i + 1]) - tg, Int(px[i + 2]) - tb)
            dists.append(r * r + g * g + b * b)
            i += 3
        }
        let cut = Int(Double(dists.max() ?? 0) * 0.36)   // (0.6)² in squared distance
        var s = (0, 0, 0), k = 0
        for (j, d) in dists.enumerated() where d >= cut {
            s.0 += Int(px[j * 3]); s.1 += Int(px[j * 3 + 1]); s.2 += Int(px[j * 3 + 2]); k += 1
        }
        k = max(k, 1)
        return Color(r: UInt8(s.0 / k), g: UInt8(s.1 / k), b: UInt8(s.2 / k))
    }
}
