import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Food: a warm detail close-up; a framed unboxing or tasting shot when a second photo is given.
public struct FoodCloseup: FullBleedLayout {
    public static let insetShare: Param<Double> = .number(
        "inset_share", 0.2...0.6, default: 0.42, doc: "width of the inset frame as a share of the safe area")
    public static let metadata = PluginMetadata(
        name: "food-closeup", kind: .coverLayout,
        summary: "warm full-bleed close-up with an inset tasting or unboxing frame from a second photo",
        parameters: LayoutParameters.common + [insetShare])
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, _) = try beginWithHero(r, p, fullBleed: true)
        try titleBlock(c, p, in: f.header)
        let area = f.photo.intersection(c.safe)
        var discountArea = area, besideInset = area
        if let second = r.photos.extra.first {
            // The tasting or unboxing frame sits in the bottom trailing corner of the photo area.
            let w = min(Int(Double(area.w) * p[Self.insetShare]), area.h / 2)
            let x = c.rtl ? area.x : area.maxX - w
            let slot = Box(x: x, y: area.maxY - w, w: w, h: w)
            _ = try c.photoFitted(Backgrounds.treat(second, r.category.treatment), in: slot, role: "inset", border: max(6, c.gap / 2))
            discountArea = Box(x: area.x, y: area.y, w: area.w, h: area.h - w - c.gap)
            besideInset = Box(x: c.rtl ? area.x + w + c.gap : area.x, y: area.y, w: area.w - w - c.gap, h: area.h)
        }
        // Above the inset; where a short photo area leaves too little height there (a circle badge is as
        // tall as it is wide), beside the inset, the photo area's whole height.
        try Commerce.discount(c, in: discountArea, besideInset, corner: .topTrailing, px: c.titleMax(p) * 2 / 3)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.065))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }
}
