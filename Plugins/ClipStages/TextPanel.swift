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

/// Renders text with Pango (through libvips) on a rounded, translucent panel, in the largest size
/// from `maxPx` down to `minPx` that keeps it within `maxLines` wrapped lines and the space given.
/// When even the smallest size is too long, the text is shortened at a word (or, for scripts
/// without spaces, a character) and ends with an ellipsis. Text no installed font can draw is
/// refused, naming the code points.
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

    func font(_ px: Int) -> String { "\(families) \(weight) \(px)" }

    /// Padding around the text, from the font size.
    static func padding(_ px: Int) -> (x: Int, y: Int) { (max(4, px * 2 / 5), max(2, px / 4)) }

    /// Sizes tried, largest first: about 8% apart, always ending at `minPx`.
    static func sizes(from maxPx: Int, to minPx: Int) -> [Int] {
        var out: [Int] = []
        var s = max(maxPx, minPx)
        while s > minPx { out.append(s); s = min(s - 1, Int(Double(s) * 0.92)) }
        out.append(minPx)
        return out
    }

    /// Throws when no installed font covers some character of `text`; `what` names the field.
    func checkCoverage(_ text: String, px: Int, what: String) throws {
        let missing = FontCoverage.missing(in: text, font: font(px))
        guard !missing.isEmpty else { return }
        let codes = missing.prefix(6).map { ch in ch.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ") }
        throw MarqueeError.item("\(what): no installed font covers \(codes.joined(separator: ", ")) in “\(text)” (fonts: \(families)); install a font for this script (e.g. a Debian fonts-noto-* package) or change the text")
    }

    /// The panel for `text` at most `maxWidth`x`maxHeight`, text between `minPx` and `maxPx`.
    func render(_ text: String, maxWidth: Int, maxHeight: Int, maxPx: Int, minPx: Int, what: String) throws -> Panel {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { throw MarqueeError.item("\(what): the text is empty") }
        try checkCoverage(clean, px: minPx, what: what)
        let pad = Self.padding(minPx)
        guard maxWidth - 2 * pad.x >= minPx, maxHeight - 2 * pad.y >= minPx else {
            throw MarqueeError.item("\(what): no room for “\(clean)”: \(maxWidth)x\(maxHeight) px left, text needs \(minPx) px")
        }
        for px in Self.sizes(from: maxPx, to: minPx) {
            if let panel = try attempt(clean, px: px, maxWidth: maxWidth, maxHeight: maxHeight) { return panel }
        }
        // Too long even at the smallest size: shorten, keeping as much as fits.
        var words = clean.split(whereSeparator: \.isWhitespace).map(String.init)
        while true {
            if words.count > 1 {
                words.removeLast()
            } else if let only = words.first, only.count > 1 {
                words = [String(only.dropLast(max(1, only.count / 10)))]
            } else {
                throw MarqueeError.item("\(what): “\(clean)” does not fit \(maxWidth)x\(maxHeight) px at \(minPx) px even shortened")
            }
            let candidate = words.joined(separator: " ") + "…"
            if let panel = try attempt(candidate, px: minPx, maxWidth: maxWidth, maxHeight: maxHeight) { return panel }
        }
    }

    /// The panel at one size, or nil when it needs more lines or room than allowed.
    private func attempt(_ text: String, px: Int, maxWidth: Int, maxHeight: Int) throws -> Panel? {
        let pad = Self.padding(px)
        // One pixel kept in reserve: panels are even-sized (the engine blends 4:2:0 video).
        let wrapWidth = maxWidth - 2 * pad.x - 1
        guard wrapWidth >= px else { return nil }
        let ink = try inkImage(text, px: px, width: wrapWidth)
        let lines = try lineCount(ink, text: text, px: px)
        let w = (ink.width + 2 * pad.x + 1) & ~1, h = (ink.height + 2 * pad.y + 1) & ~1
        guard lines <= maxLines, w <= maxWidth, h <= maxHeight else { return nil }
        return try compose(ink, text: text, px: px, lines: lines, width: w, height: h)
    }

    /// White text, alpha = coverage, wrapped at `width` when given.
    func inkImage(_ text: String, px: Int, width: Int?) throws -> Image {
        let markup = "<span foreground=\"#FFFFFF\">\(Self.escape(text))</span>"
        return try Image.text(markup, font: font(px), width: width, align: align, dpi: 72, wrap: "word-char").image
    }

    /// Wrapped lines in `ink`. libvips crops renderings to their ink, so the count comes from the
    /// text set on one line (height h₁) and on two (h₂): each further line adds h₂ − h₁.
    private func lineCount(_ ink: Image, text: String, px: Int) throws -> Int {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let one = try inkImage(flat, px: px, width: nil).height
        let two = try inkImage(flat + "\n" + flat, px: px, width: nil).height
        let advance = Double(max(two - one, 1))
        return 1 + max(0, Int((Double(ink.height - one) / advance).rounded()))
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

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
