import Imaging
import Support
import PluginKit
import Presets
import Covers

extension CoverCanvas {
    /// Fits text in `slot` (kept inside the text area), picks the ink with the best contrast as the
    /// contrast check measures it on the pixels behind the text, and lays a panel under it when no ink
    /// reaches the platform's minimum. A shortened text is noted. Returns the text's box.
    @discardableResult
    func text(_ text: String, role: String, slot given: Box, maxPx: Int, minPx: Int? = nil, fitter: TextFitter? = nil,
              vertical: String = "top", refitted: Bool = false) throws -> Box {
        var f = fitter ?? self.fitter()
        f.lineHeight = lineHeight(for: text)
        let boost = request.adjustments.sizeBoost[role] ?? 1
        let floor = Int((Double(max(minPx ?? minFontPx, minFontPx)) * boost).rounded(.up))
        let slot = spaced(given.intersection(textArea), minHeight: floor)
        guard slot.w >= floor, slot.h >= floor else {
            throw MarqueeError.item("field \(role): no room for “\(text)” on this canvas (\(slot.w)x\(slot.h) px left, \(floor) px text needed)")
        }
        let fitted = try fit(text, with: f, width: slot.w, height: slot.h, minPx: floor, maxPx: max(maxPx, floor), field: role)
        let ink = fitted.image
        let xIn: Int = switch f.align {
        case "high": slot.w - ink.width
        case "centre": (slot.w - ink.width) / 2
        default: 0
        }
        let yIn: Int = switch vertical {
        case "bottom": slot.h - ink.height
        case "middle": (slot.h - ink.height) / 2
        default: 0
        }
        var box = Box(x: slot.x + xIn, y: slot.y + yIn, w: ink.width, h: ink.height)
        // White or near-black ink where one passes; otherwise white on a panel, the text first moved
        // down (where it has room) so that the panel clears the text above it.
        var plain = try plainInk(behind: box, px: fitted.fontPx, role: role)
        if plain == nil, vertical == "top" {
            let down = clearance(ofPanelAround: box, px: fitted.fontPx, within: slot)
            if down > 0 { box.y += down; plain = try plainInk(behind: box, px: fitted.fontPx, role: role) }
            // Still too close for its panel's padding (a Thai title's panel began 4 px over its tone
            // marks, under the LIVE badge): set once more, smaller, in the slot below the padding.
            let short = panelShortfall(box, px: fitted.fontPx), top = box.y + short
            if plain == nil, !refitted, short > 0, slot.maxY - top >= floor {
                return try self.text(text, role: role, slot: Box(x: slot.x, y: top, w: slot.w, h: slot.maxY - top),
                                     maxPx: fitted.fontPx, minPx: minPx, fitter: fitter, vertical: vertical, refitted: true)
            }
        }
        let (colour, ratio, backdrop) = try plain ?? panelInk(behind: box, px: fitted.fontPx, role: role)
        image = try image.painted(colour.components, coverage: ink, x: box.x, y: box.y)
        let lines = fitted.lineBoxes.map { Box(x: box.x + $0.x, y: box.y + $0.y, w: $0.width, h: $0.height) }
        layers.append(CoverLayer(kind: "text", role: role, box: box, slot: slot, text: fitted.text, font_px: Double(fitted.fontPx),
                                 font: fitted.font, color: colour.hex, background: backdrop.mean.hex,
                                 contrast: (ratio * 100).rounded() / 100, direction: request.locale.direction,
                                 align: ["high": "right", "centre": "centre"][f.align] ?? "left", lines: lines))
        if fitted.shortened {
            note("\(role) “\(text)” shortened to “\(fitted.text)”: the whole text does not fit \(slot.w)x\(slot.h) px in "
                 + "\(f.maxLines) \(f.maxLines == 1 ? "line" : "lines") even at the smallest readable size, \(floor) px",
                 layer: layers.count - 1)
        }
        return box
    }

    /// The contrast text of `px` px needs over the cover (WCAG large text: 24 px or more at feed size,
    /// the contrast check's default), with a margin.
    func neededContrast(px: Int) -> Double {
        let t = request.platform.thresholds
        let large = Double(px) * Double(request.platform.feed_size.width) / Double(width) >= 24
        return (large ? t.contrastMinLarge : t.contrastMin) + 0.3
    }

    /// Plain ink (no panel) over `box`, when one passes a contrast check by a margin: white or
    /// near-black, by the pixels behind; nil when an earlier attempt's checks flagged `role`.
    func plainInk(behind box: Box, px: Int, role: String) throws -> (Color, Double, Backdrop)? {
        guard !request.adjustments.panelRoles.contains(role) else { return nil }
        let backdrop = try Backdrop.measure(image, box)
        guard let (colour, ratio) = backdrop.best(of: [.white, Color(r: 17, g: 17, b: 17)]),
              ratio >= neededContrast(px: px), backdrop.worstContrast(colour) >= 2 else { return nil }
        return (colour, ratio, backdrop)
    }

    /// The padding of the panel laid under text of `px` px.
    func panelPad(px: Int) -> Int { max(8, px / 4) }

    /// How far text set at `box` moves down so that its panel stays a panel's padding clear of the text
    /// or badge above it (a subtitle's panel otherwise reached to within a few pixels of the price line
    /// it follows), as far as `slot` has room; 0 when nothing is above.
    func clearance(ofPanelAround box: Box, px: Int, within slot: Box) -> Int {
        max(0, min(panelShortfall(box, px: px), slot.maxY - box.maxY - panelPad(px: px) / 2))
    }

    /// How far text at `box` is short of the room its panel's padding needs under the text or badge
    /// above it (0 when it has the room, or nothing is above).
    func panelShortfall(_ box: Box, px: Int) -> Int {
        let pad = panelPad(px: px)
        guard let floor = bottomOfTextAbove(box, pad: pad) else { return 0 }
        return max(0, floor + pad - (box.y - pad / 2))
    }

    /// `slot` with its top moved down so that text set in it stands apart from the text block or badge
    /// above it: by that block's own line gap plus a third of its size (a price set 6 px further from a
    /// three-line title than the title's own lines read as its fourth line; a title 6 px under the LIVE
    /// badge read as crowded). Where the slot would then be under `minHeight`, moved as far as it keeps
    /// that height (content comes before spacing); unchanged when nothing is that close above.
    func spaced(_ slot: Box, minHeight: Int) -> Box {
        guard let a = nearestAbove(slot, kinds: ["text", "badge"], slack: 1), let px = a.font_px else { return slot }
        let top = min(a.box.maxY + Self.blockGap(a, px: px, gap: gap), slot.maxY - minHeight)
        guard top > slot.y else { return slot }
        return Box(x: slot.x, y: top, w: slot.w, h: slot.maxY - top)
    }

    /// The space under text block or badge `a` (of `px` px) before the next block: the gap between a
    /// text block's own lines' ink (a badge's shape is what shows, not its label's lines) and a third
    /// of its size more.
    static func blockGap(_ a: CoverLayer, px: Double, gap: Int) -> Int {
        let lines = a.kind == "text" ? a.lines ?? [] : []
        let lineGap = zip(lines.dropFirst(), lines).map { $0.y - $1.maxY }.max() ?? 0
        return max(gap / 2, lineGap + Int((px / 3).rounded(.up)))
    }

    /// The lowest edge of the texts and badges above `box` that a panel `pad` wider on each side would meet.
    func bottomOfTextAbove(_ box: Box, pad: Int) -> Int? {
        nearestAbove(box, kinds: ["text", "badge", "label", "chip"], widen: pad)?.box.maxY
    }

    /// The layer of one of `kinds` that ends lowest above `box` (at most `slack` px into it) and overlaps
    /// it across, `box` widened by `widen` on each side.
    func nearestAbove(_ box: Box, kinds: Set<String>, widen: Int = 0, slack: Int = 0) -> CoverLayer? {
        layers.filter { kinds.contains($0.kind) && $0.box.maxY <= box.y + slack && $0.box.x < box.maxX + widen && box.x - widen < $0.box.maxX }
            .max { $0.box.maxY < $1.box.maxY }
    }

    /// White ink for text of `px` over `box` on a dark panel laid under it, as opaque as the contrast
    /// needs (the most opaque when an earlier attempt's checks flagged `role`), and its contrast.
    func panelInk(behind box: Box, px: Int, role: String) throws -> (Color, Double, Backdrop) {
        let needed = neededContrast(px: px)
        let pad = panelPad(px: px)
        // The panel is background: it may reach into the UI zones and margins the text keeps out of
        // (text set flush with the safe area, as right-to-left titles are, would otherwise touch its edge).
        var panel = Box(x: box.x - pad, y: box.y - pad / 2, w: box.w + 2 * pad, h: box.h + pad).intersection(Box(x: 0, y: 0, w: width, h: height))
        // Never over the text or badge above (where the text could not move down, its padding above shrinks).
        if let floor = bottomOfTextAbove(box, pad: pad), panel.y < floor + 2 {
            let top = min(floor + 2, box.y)
            panel = Box(x: panel.x, y: top, w: panel.w, h: panel.maxY - top)
        }
        func laid(_ opacity: Double) throws -> (image: Image, backdrop: Backdrop) {
            let shape = try Shapes.roundedRect(width: panel.w, height: panel.h, fill: .black, opacity: opacity, radius: 0.12)
            let trial = try image.painted(Color.black.components, coverage: shape, x: panel.x, y: panel.y)
            return (trial, try Backdrop.measure(trial, box))
        }
        func keep(_ made: (image: Image, backdrop: Backdrop)) -> (Color, Double, Backdrop) {
            image = made.image
            layers.append(CoverLayer(kind: "scrim", role: role, box: panel))
            return (.white, made.backdrop.contrast(.white), made.backdrop)
        }
        // Lighter panels first, the first that reaches the contrast kept; else the most opaque.
        let (lighter, most): ([Double], Double) = request.adjustments.panelRoles.contains(role) ? ([], 0.92) : ([0.6, 0.75], 0.9)
        for opacity in lighter {
            let made = try laid(opacity)
            if made.backdrop.contrast(.white) >= needed { return keep(made) }
        }
        return keep(try laid(most))
    }
}
