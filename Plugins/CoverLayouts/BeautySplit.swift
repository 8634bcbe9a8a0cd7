import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Beauty: a soft product close-up, plus a before/after comparison with localised labels when both
/// photos are given (before on the reading side that comes first).
public struct BeautySplit: CoverLayout {
    public static let compareShare: Param<Double> = .number(
        "compare_share", 0.2...0.7, default: 0.45, doc: "share of the photo area given to the before/after pair")
    public static let metadata = PluginMetadata(
        name: "beauty-split", kind: .coverLayout,
        summary: "product close-up with a side-by-side before/after comparison when both photos are given",
        parameters: LayoutParameters.slotted + [compareShare])
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, v) = try beginCover(r, p)
        var hero = f.photo
        if let before = r.photos.before, let after = r.photos.after {
            let cells = PairArrangement(slot: f.photo, gap: c.gap, share: p[Self.compareShare], rtl: c.rtl)
            hero = cells.hero
            // The pair fills its two cells: a comparison shows both photos cropped alike, with room for
            // their labels.
            try c.photo(before, in: cells.before, role: "before")
            try c.photo(after, in: cells.after, role: "after")
            let labelStyle = BadgeStyle(shape: "pill", fill: "#1F1F1F", text: "#FFFFFF")
            let pad = Insets(top: c.gap / 2, bottom: c.gap / 2, left: c.gap / 2, right: c.gap / 2)
            for (cell, key, fallback) in [(cells.before, "before", "Before"), (cells.after, "after", "After")] {
                try c.badge(r.locale.labels[key] ?? fallback, role: "\(key)-label", in: cell.inset(by: pad).intersection(c.safe),
                            corner: .bottomLeading, px: c.minFontPx, maxWidth: cell.w - c.gap, style: labelStyle, kind: "label")
            }
        }
        let heroBox = try c.photo(Backgrounds.treat(r.photos.hero, r.category.treatment), in: hero, crop: v.crop,
                                  minVisible: p[LayoutParameters.photoMinVisible])
        let live = try titleBlock(c, p, in: f.header)
        let pad = Insets(top: c.gap, bottom: c.gap, left: c.gap, right: c.gap)
        // On the photo, else in its cell; where a narrow cell (the pair beside the hero) has no room for
        // it, on the LIVE badge's row.
        let px = c.titleMax(p) * 2 / 3
        let anchors = [(heroBox.inset(by: pad), px), (hero.inset(by: pad), px)] + [Commerce.besideLive(c, live, in: f.header)].compactMap { $0 }
        try Commerce.discount(c, in: anchors, corner: .topTrailing)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.07))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }
}
