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
            let pairH = Int(Double(f.photo.h) * p[Self.compareShare])
            hero = Box(x: f.photo.x, y: f.photo.y, w: f.photo.w, h: f.photo.h - pairH - c.gap / 2)
            let half = (f.photo.w - c.gap / 2) / 2
            let y = hero.maxY + c.gap / 2
            let first = Box(x: f.photo.x, y: y, w: half, h: pairH)
            let second = Box(x: f.photo.maxX - half, y: y, w: half, h: pairH)
            let (beforeBox, afterBox) = c.rtl ? (second, first) : (first, second)
            // The pair fills its two slots: a comparison shows both photos cropped alike, with room for
            // their labels.
            try c.photo(before, in: beforeBox, role: "before", crop: "attention")
            try c.photo(after, in: afterBox, role: "after", crop: "attention")
            let labelStyle = BadgeStyle(shape: "pill", fill: "#1F1F1F", text: "#FFFFFF")
            let pad = Insets(top: c.gap / 2, bottom: c.gap / 2, left: c.gap / 2, right: c.gap / 2)
            try c.badge(r.locale.labels["before"] ?? "Before", role: "before-label", in: beforeBox.inset(by: pad).intersection(c.safe), corner: .bottomLeading,
                        px: c.minFontPx, maxWidth: half - c.gap, style: labelStyle, kind: "label")
            try c.badge(r.locale.labels["after"] ?? "After", role: "after-label", in: afterBox.inset(by: pad).intersection(c.safe), corner: .bottomLeading,
                        px: c.minFontPx, maxWidth: half - c.gap, style: labelStyle, kind: "label")
        }
        let heroBox = try c.photo(Backgrounds.treat(r.photos.hero, r.category.treatment), in: hero, crop: v.crop,
                                  minVisible: p[LayoutParameters.photoMinVisible])
        try titleBlock(c, p, in: f.header)
        let pad = Insets(top: c.gap, bottom: c.gap, left: c.gap, right: c.gap)
        try Commerce.discount(c, in: heroBox.inset(by: pad), hero.inset(by: pad), corner: .topTrailing, px: c.titleMax(p) * 2 / 3)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.07))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }
}
