import Imaging
import Support
import PluginKit
import Presets
import Covers
import SplitMix

/// One cover while a layout builds it: the pixels so far and the record of every layer. Layouts
/// think left-to-right; `mirror` flips a box for right-to-left locales.
final class CoverCanvas {
    let request: CoverRequest
    let width: Int, height: Int
    let safe: Box
    var image: Image
    var layers: [CoverLayer] = []
    var rng: SeededGenerator
    let minFontPx: Int
    let allowEllipsis: Bool
    /// Where text and badges may go: the safe area, kept the platform's edge margin from every edge.
    let textArea: Box
    /// What the layout shortened or left out, and why.
    var notes: [Finding] = []

    init(_ request: CoverRequest, background: Image, fillNote: String, allowEllipsis: Bool) {
        self.request = request
        let p = request.platform
        width = p.canvas.width; height = p.canvas.height
        safe = Box(x: 0, y: 0, w: width, h: height).inset(by: p.safe_zone)
        image = background
        rng = SeededGenerator(seed: request.seed)
        minFontPx = Int(p.minFontPx.rounded(.up))
        self.allowEllipsis = allowEllipsis
        let canvas = Box(x: 0, y: 0, w: width, h: height), m = p.edgeMargin
        textArea = safe.intersection(canvas.inset(by: Insets(top: m, bottom: m, left: m, right: m)))
        layers.append(CoverLayer(kind: "background", role: fillNote, box: Box(x: 0, y: 0, w: width, h: height)))
    }

    var rtl: Bool { request.isRTL }
    var isPortrait: Bool { height > width * 11 / 10 }

    func mirror(_ b: Box) -> Box { rtl ? Box(x: width - b.x - b.w, y: b.y, w: b.w, h: b.h) : b }

    /// Smart-crops a photo to fill `slot` (`subject`: the product on a plain background, else libvips'
    /// attention), never stretched, and returns the box it covers. With `minVisible` (0…1), the crop
    /// keeps at least that share of the photo's width and of its height: where filling the slot would
    /// cut more (a square product photo in a wide band), the photo is made smaller, centred in the slot,
    /// with the cover's background beside it.
    @discardableResult
    func photo(_ photo: Image, in slot: Box, role: String = "hero", crop: String = "subject", minVisible: Double = 0) throws -> Box {
        let box = PhotoPlacement.box(photo: Size(width: photo.width, height: photo.height), slot: slot, minVisible: minVisible)
        let filled = try photo.filled(width: box.w, height: box.h, crop: crop)
        let fitted = filled.image
        image = try image.insert(fitted.bands(0, count: 3), x: box.x, y: box.y).materialized()
        let placed = Box(x: box.x, y: box.y, w: fitted.width, h: fitted.height)
        layers.append(CoverLayer(kind: "photo", role: role, box: placed, slot: slot,
                                 focus: filled.focus.map { (x: box.x + $0.x, y: box.y + $0.y) }))
        return placed
    }

    /// Places a photo inside `slot` keeping its whole frame (letterboxed on the canvas, never stretched).
    func photoFitted(_ photo: Image, in slot: Box, role: String, border: Int = 0) throws -> Box {
        let fitted = try photo.fit(width: slot.w - 2 * border, height: slot.h - 2 * border)
        let box = Box(x: slot.x + (slot.w - fitted.width) / 2 - border, y: slot.y + (slot.h - fitted.height) / 2 - border,
                      w: fitted.width + 2 * border, h: fitted.height + 2 * border)
        if border > 0 {
            let frame = try Image.solid(width: box.w, height: box.h, rgb: [255, 255, 255])
            image = try image.insert(frame, x: box.x, y: box.y)
        }
        image = try image.insert(fitted.bands(0, count: 3), x: box.x + border, y: box.y + border).materialized()
        layers.append(CoverLayer(kind: "photo", role: role, box: box, slot: slot))
        return box
    }

    /// A one-colour shape (its alpha the coverage) painted over the cover.
    func overlay(_ shape: Image, colour: Color, at box: Box, kind: String, role: String) throws {
        image = try image.painted(colour.components, coverage: shape, x: box.x, y: box.y)
        layers.append(CoverLayer(kind: kind, role: role, box: box))
    }

    var families: String { (request.locale.fonts + ["Noto Sans"]).joined(separator: ",") }

    /// Line spacing of the locale's script: snug for Latin, Cyrillic and Greek titles; roomier where
    /// marks stack above and below the letters (Thai, Arabic, Devanagari…).
    var lineHeight: Double { ["Latin", "Cyrillic", "Greek"].contains(request.locale.script) ? 1.15 : 1.35 }

    /// Line spacing for `text`: the locale's, but snug for a text in Latin letters only (an English
    /// subtitle on an Arabic cover).
    func lineHeight(for text: String) -> Double {
        text.unicodeScalars.allSatisfy { $0.value < 0x0370 || (0x2000...0x20CF).contains($0.value) } ? 1.15 : lineHeight
    }

    func fitter(weight: String = "Bold", lines: Int? = nil, words: Int? = nil, align: String? = nil) -> TextFitter {
        let t = request.category.text
        return TextFitter(families: families, weight: weight, align: align ?? (rtl ? "high" : "low"), maxLines: lines ?? t.max_lines,
                          maxWordsPerLine: words ?? t.max_words_per_line, allowEllipsis: allowEllipsis,
                          direction: request.locale.direction, lineHeight: lineHeight)
    }

    /// Sets `text` with `fitter` in `width`x`height`; a text that cannot be set fails the cover, naming `field`.
    func fit(_ text: String, with fitter: TextFitter, width: Int, height: Int, minPx: Int, maxPx: Int, field: String) throws -> FittedText {
        do {
            return try fitter.fit(text, width: width, height: height, minPx: minPx, maxPx: maxPx)
        } catch {
            throw MarqueeError.item("field \(field): \(error)")
        }
    }

    /// Corners of a box, named by reading direction: leading is left for left-to-right locales.
    enum Corner { case topLeading, topTrailing, bottomLeading, bottomTrailing }

    /// A badge (shape with a word or number on it) in a corner of `anchor`, at most `maxWidth` wide.
    @discardableResult
    func badge(_ label: String, role: String, in anchor: Box, corner: Corner, px: Int, maxWidth: Int, style: BadgeStyle? = nil,
               kind: String = "badge", shrinks: Bool = true, evenHeight: Bool = false) throws -> Box {
        let anchor = anchor.intersection(textArea), maxWidth = min(maxWidth, anchor.w)
        let s = style ?? request.category.badge_style
        let fill = Color(hex: s.fill) ?? .black, ink = Color(hex: s.text) ?? .white
        let f = TextFitter(families: families, weight: "Black", align: "centre", maxLines: 1, maxWordsPerLine: 4, allowEllipsis: false,
                           direction: request.locale.direction)
        // An earlier attempt's text-size or legibility failure on this role raises its smallest size.
        let floor = Int((Double(minFontPx) * (request.adjustments.sizeBoost[role] ?? 1)).rounded(.up)), px = max(px, floor)
        let (padX, padY) = badgePads(px: px)
        guard maxWidth - 2 * padX >= floor, anchor.h >= floor + 2 * padY else {
            throw MarqueeError.item("field \(role): no room for “\(label)” (\(maxWidth)x\(anchor.h) px left)")
        }
        // A circle is as tall as it is wide: its text keeps to the anchor's height too.
        let textW = (s.shape == "circle" ? min(maxWidth, anchor.h) : maxWidth) - 2 * padX - (s.shape == "ribbon" ? anchor.h / 3 : 0)
        let textH = min(px * 2, anchor.h - 2 * padY)
        let fitted: FittedText
        do {
            fitted = try fit(label, with: f, width: textW, height: textH, minPx: shrinks ? floor : px, maxPx: px, field: role)
        } catch where s.shape == "circle" && label.contains(" ") {
            // A circle holds its words on two lines (“21%” over “OFF”) where one line is too wide for it.
            var twoLines = f
            twoLines.maxLines = 2
            fitted = try fit(label, with: twoLines, width: textW, height: anchor.h - 2 * padY, minPx: shrinks ? floor : px, maxPx: px, field: role)
        }
        // With `evenHeight` (chips of a row), the text is set as tall as the font reaches, so that badges
        // share one height and one baseline whatever their letters (no room for that: no room).
        let glyphs = evenHeight ? try f.renderFullHeight(fitted.text, px: fitted.fontPx) : fitted.image
        // The padding of the text as set (a chip set smaller than asked is padded as its size wants).
        let (setPadX, setPadY) = badgePads(px: fitted.fontPx)
        var w = glyphs.width + 2 * setPadX, h = glyphs.height + 2 * setPadY
        if s.shape == "circle" { w = max(w, h); h = w }
        if s.shape == "ribbon" { w += h / 3 }
        guard w <= anchor.w, h <= anchor.h else {
            throw MarqueeError.item("field \(role): no room for “\(label)” (\(w)x\(h) px needed, \(anchor.w)x\(anchor.h) px left)")
        }
        let shape = try Shapes.badge(s.shape, width: w, height: h, fill: fill, rtl: rtl)
        let leading = corner == .topLeading || corner == .bottomLeading
        let left = leading != rtl
        let top = corner == .topLeading || corner == .topTrailing
        let box = Box(x: left ? anchor.x : anchor.maxX - shape.width, y: top ? anchor.y : anchor.maxY - shape.height,
                      w: shape.width, h: shape.height)
        image = try image.painted(fill.components, coverage: shape, x: box.x, y: box.y)
        let tx = box.x + (box.w - glyphs.width) / 2 + (s.shape == "ribbon" ? (rtl ? h / 6 : -h / 6) : 0)
        let ty = box.y + (box.h - glyphs.height) / 2
        image = try image.painted(ink.components, coverage: glyphs, x: tx, y: ty)
        // Where its label's lines stand, inside the badge's shape (the checks read them there): the
        // glyphs whole for one line, each line's ink for two.
        let line = fitted.lines < 2 || evenHeight || fitted.lineBoxes.count != fitted.lines
            ? [Box(x: tx, y: ty, w: glyphs.width, h: glyphs.height)]
            : fitted.lineBoxes.map { Box(x: tx + $0.x, y: ty + $0.y, w: $0.width, h: $0.height) }
        layers.append(CoverLayer(kind: kind, role: role, box: box, slot: box, text: fitted.text, font_px: Double(fitted.fontPx),
                                 font: fitted.font, color: ink.hex, background: fill.hex,
                                 contrast: (ink.contrast(with: fill) * 100).rounded() / 100, direction: request.locale.direction,
                                 lines: line))
        return box
    }

    func clampToCanvas(_ b: Box) -> Box {
        let x = max(0, b.x), y = max(0, b.y)
        return Box(x: x, y: y, w: min(width, b.maxX) - x, h: min(height, b.maxY) - y)
    }

    /// A badge's padding across and down around text of `px` px.
    func badgePads(px: Int) -> (x: Int, y: Int) { (max(minFontPx / 3, px / 5), max(minFontPx / 6, px / 8)) }

    /// The canvas as it is, to go back to when a trial placement is not kept.
    struct Snapshot { let image: Image; let layers: [CoverLayer]; let notes: [Finding] }
    func snapshot() -> Snapshot { Snapshot(image: image, layers: layers, notes: notes) }
    func restore(_ s: Snapshot) { image = s.image; layers = s.layers; notes = s.notes }

    func finish() -> ComposedCover { ComposedCover(image: image, layers: layers, findings: notes) }

    /// Records content the layout shortened or left out; `layer`: the layer it is about, if any.
    func note(_ message: String, layer: Int? = nil, severity: Finding.Severity = .warning) {
        notes.append(Finding(check: "composer", severity: severity, message: message, layer: layer,
                             box: layer.map { layers[$0].box }))
    }
}
