import Imaging
import Support
import PluginKit
import Presets
import Covers

/// 3C (electronics): the product hero plus its key selling points as chips.
public struct TechPoints: CoverLayout {
    public static let chipColor: Param<Color> = .color(
        "chip_color", default: Color(r: 0x1F, g: 0x29, b: 0x37), doc: "fill of the selling-point chips (text is white)")
    public static let metadata = PluginMetadata(
        name: "tech-points", kind: .coverLayout,
        summary: "product hero with up to three selling points as chips",
        parameters: LayoutParameters.slotted + [chipColor])
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, _) = try beginWithHero(r, p, fullBleed: false, footerLines: 4)
        try titleAndDiscount(c, p, f, badgeScale: 2.0 / 3)
        var rest = f.footer
        if let price = try Commerce.price(c, in: rest, maxPx: c.titleMax(p, share: 0.065)) {
            rest = Commerce.below(price, in: rest, gap: c.gap / 2)
        }
        if let sub = c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle", slot: rest,
                                    maxPx: c.titleMax(p, share: 0.04), lines: 1) {
            rest = Commerce.below(sub, in: rest, gap: c.gap / 2)
        }
        let chip = BadgeStyle(shape: "pill", fill: p[Self.chipColor].hex, text: "#FFFFFF")
        let chipPx = max(c.minFontPx, c.titleMax(p, share: 0.04))
        let shown = r.product.points.prefix(r.category.text.max_points)
        for point in r.product.points.dropFirst(shown.count) {
            c.note("point “\(point)” left out: the \(r.category.name) category shows at most \(r.category.text.max_points) selling points")
        }
        // The chips stand as far from the text above them as a text block would, unless that spacing
        // would leave a chip out: content comes before spacing.
        Self.flow(c, Array(shown), in: [c.mirror(c.spaced(rest, minHeight: chipPx)), c.mirror(rest)], px: chipPx, style: chip)
        return c.finish()
    }

    /// Selling points as chips in rows, in reading order: a chip that does not fit the row's rest at the
    /// chips' size starts the next row (only a chip alone in its row may be set smaller, so the chips of
    /// a row share one size; all chips at one size are preferred, smaller by tenths); one that fits no
    /// row is noted as left out. `area` is in left-to-right terms.
    /// Chips are equally tall (their text set as tall as the font reaches); where that leaves a chip
    /// out, they are set smaller (by tenths, not under the readable minimum), and only where no size
    /// keeps them all do they go back to the height of their own letters, if that keeps more.
    /// `areas`: where to try, best first (spaced from the text above, then closer to it). The chips go
    /// where fewest are left out, then at one size, then largest; the first area on a tie.
    static func flow(_ c: CoverCanvas, _ points: [String], in areas: [Box], px: Int, style: BadgeStyle) {
        let start = c.snapshot()
        var best: (score: Score, canvas: CoverCanvas.Snapshot)?
        for (k, area) in areas.enumerated() where !areas[..<k].contains(area) {
            let score = flowScored(c, points, in: area, px: px, style: style)
            if score == Score(dropped: 0, sizes: 1, px: px) { return }
            if best.map({ score < $0.score }) ?? true { best = (score, c.snapshot()) }
            c.restore(start)
        }
        if let best { c.restore(best.canvas) }
    }

    /// How a flow of chips came out: chips left out, the number of sizes they were set at, the largest
    /// size; better is fewer left out, then fewer sizes, then larger.
    struct Score: Comparable {
        let dropped: Int, sizes: Int, px: Int
        static func < (a: Score, b: Score) -> Bool { (a.dropped, a.sizes, -a.px) < (b.dropped, b.sizes, -b.px) }
    }

    static func score(_ c: CoverCanvas, dropped: Int, since start: CoverCanvas.Snapshot) -> Score {
        let sizes = Set(c.layers.dropFirst(start.layers.count).filter { $0.kind == "chip" }.compactMap(\.font_px))
        return Score(dropped: dropped, sizes: sizes.count, px: Int(sizes.max() ?? 0))
    }

    /// `flow` in one area (chips smaller by tenths until they keep one size and all points); returns
    /// how it came out.
    static func flowScored(_ c: CoverCanvas, _ points: [String], in area: Box, px: Int, style: BadgeStyle) -> Score {
        let start = c.snapshot()
        var best: (score: Score, canvas: CoverCanvas.Snapshot)?
        for tenths in stride(from: 10, through: 7, by: -1) where tenths == 10 || px * tenths / 10 >= c.minFontPx {
            let dropped = rows(c, points, in: area, px: px * tenths / 10, style: style, evenHeight: true)
            let score = score(c, dropped: dropped, since: start)
            if score.dropped == 0 && score.sizes == 1 { return score }
            if best.map({ score < $0.score }) ?? true { best = (score, c.snapshot()) }
            c.restore(start)
        }
        guard let best else { return Score(dropped: 0, sizes: 0, px: 0) }
        if best.score.dropped == 0 { c.restore(best.canvas); return best.score }
        let dropped = rows(c, points, in: area, px: px, style: style, evenHeight: false)
        if dropped >= best.score.dropped {
            c.restore(best.canvas)
            return best.score
        }
        c.note("selling-point chips are as tall as their own letters, not one height: chips of one height at a readable size "
               + "would leave \(best.score.dropped) out; these leave \(dropped == 0 ? "none" : String(dropped)) out", severity: .info)
        return score(c, dropped: dropped, since: start)
    }

    /// Lays the chips in rows (see `flow`); returns how many were left out.
    static func rows(_ c: CoverCanvas, _ points: [String], in area: Box, px: Int, style: BadgeStyle, evenHeight: Bool) -> Int {
        var row = area, rowBottom = area.y, rowPx = px, dropped = 0
        for (i, point) in points.enumerated() {
            let place = { (room: Box) throws -> Box in
                let first = room.x == area.x
                let box = try c.badge(point, role: "point-\(i + 1)", in: c.mirror(room), corner: .topLeading, px: first ? px : rowPx,
                                      maxWidth: room.w, style: style, kind: "chip", shrinks: first, evenHeight: evenHeight)
                if first, let size = c.layers.last?.font_px { rowPx = Int(size) }
                return box
            }
            var placed = try? place(row)
            if placed == nil, row.x != area.x {
                row = Box(x: area.x, y: rowBottom + c.gap / 2, w: area.w, h: max(0, area.maxY - rowBottom - c.gap / 2))
                placed = c.optional("point-\(i + 1)", point) { try place(row) }
            } else if placed == nil {
                placed = c.optional("point-\(i + 1)", point) { try place(row) }
            }
            guard let box = placed.map(c.mirror) else { dropped += 1; continue }
            rowBottom = max(rowBottom, box.maxY)
            let x = box.maxX + c.gap / 2
            row = Box(x: x, y: row.y, w: max(0, area.maxX - x), h: row.h)
        }
        return dropped
    }
}
