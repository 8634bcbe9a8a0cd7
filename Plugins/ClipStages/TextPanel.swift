import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Clips

/// A finished overlay panel: text on its rounded backing, ready to burn in. Its width and height
/// are even, so 4:2:0 video can take it whole.
struct Panel {
    /// 8-bit sRGB with alpha, `width`x`height` of the panel.
    let image: Image
    let fontPx: Int
    /// The text as rendered (shortened with an ellipsis when it had to be).
    let text: String
    let lines: Int
    let ink: Color
}

/// Text on a rounded, translucent panel, set by the shared `TextFitter` (Pango through libvips) at
/// the largest size from `maxPx` down to `minPx` that keeps it within `maxLines` wrapped lines and the
/// space given, shortened with an ellipsis when even the smallest size is too long. Text no
/// installed font can draw is refused, naming the code points.
struct TextPanel {
    /// Pango family list, e.g. `Noto Sans Thai, Noto Sans`.
    let families: String
    let weight: String
    /// Pango alignment of wrapped lines: `low` (left), `centre`, `high` (right).
    let align: String
    let maxLines: Int
    /// The panel's colour and opacity (0 = no panel).
    let fill: Color
    let opacity: Double

    /// Padding around the text, from the font size.
    static func padding(_ px: Int) -> (x: Int, y: Int) { (max(4, px * 2 / 5), max(2, px / 4)) }

    /// The panel for `text` at most `maxWidth`x`maxHeight`, text between `minPx` and `maxPx`.
    func render(_ text: String, maxWidth: Int, maxHeight: Int, maxPx: Int, minPx: Int, what: String) throws -> Panel {
        let pad = Self.padding(minPx)
        guard maxWidth - 2 * pad.x >= minPx, maxHeight - 2 * pad.y >= minPx else {
            throw MarqueeError.item("\(what): no room for “\(text)”: \(maxWidth)x\(maxHeight) px left, text needs \(minPx) px")
        }
        // Panels are even-sized (the engine blends 4:2:0 video): the ink and its padding must fit the
        // even size at or under the space given.
        let (evenWidth, evenHeight) = (maxWidth & ~1, maxHeight & ~1)
        let fitter = TextFitter(families: families, weight: weight, align: align, wrap: "word-char", maxLines: maxLines)
        let fitted: FittedText
        do {
            fitted = try fitter.fit(text, minPx: minPx, maxPx: maxPx) { px in
                let pad = Self.padding(px)
                let room = TextRoom(width: evenWidth - 2 * pad.x, height: evenHeight - 2 * pad.y)
                return room.width >= px ? room : nil
            }
        } catch {
            throw MarqueeError.item("\(what): \(error)")
        }
        let fitPad = Self.padding(fitted.fontPx)
        let w = (fitted.image.width + 2 * fitPad.x + 1) & ~1, h = (fitted.image.height + 2 * fitPad.y + 1) & ~1
        return try compose(fitted.image, text: fitted.text, px: fitted.fontPx, lines: fitted.lines, width: w, height: h)
    }

    /// The panel with the ink laid in its padding, in the colour that reads best on it.
    private func compose(_ ink: Image, text: String, px: Int, lines: Int, width: Int, height: Int) throws -> Panel {
        let pad = Self.padding(px)
        let colour = ReadableInk.pick(panel: fill, opacity: opacity).ink
        let alpha = try ink.bands(ink.bands - 1, count: 1)
        let painted = try VipsOperation.call("bandjoin", ["in": .images([
            Image.solid(width: ink.width, height: ink.height, rgb: colour.components).bands(0, count: 3), alpha,
        ])]).image().colourspaceTag("srgb")
        let radius = min(Double(height) / 2, Double(px) * 0.35)
        let backing = try Self.roundedRect(width: width, height: height, radius: radius, fill: fill, opacity: opacity)
        let out = try backing.composite(painted, x: pad.x, y: pad.y).cast("uchar").colourspaceTag("srgb").materialized()
        return Panel(image: out, fontPx: px, text: text, lines: lines, ink: colour)
    }

    /// A filled rounded rectangle with alpha, drawn by libvips' SVG loader.
    static func roundedRect(width: Int, height: Int, radius: Double, fill: Color, opacity: Double) throws -> Image {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)">\
            <rect x="0" y="0" width="\(width)" height="\(height)" rx="\(radius)" ry="\(radius)" \
            fill="\(fill.hex)" fill-opacity="\(min(max(opacity, 0), 1))"/></svg>
            """
        return try VipsOperation.call("svgload_buffer", ["buffer": .blob(Data(svg.utf8))]).image()
    }
}
