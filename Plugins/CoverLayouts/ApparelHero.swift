import Imaging
import MarqueeCore

/// Apparel: the model or garment large on a calm background, with a prominent discount tag.
public struct ApparelHero: CoverLayout {
    public static let metadata = PluginMetadata(
        name: "apparel-hero", kind: .coverLayout,
        summary: "garment or model large on a calm background, prominent discount tag",
        parameters: LayoutParameters.common)
    public var metadata: PluginMetadata { Self.metadata }
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, v) = try beginCover(r, p)
        try c.photo(Backgrounds.treat(r.photos.hero, r.category.treatment), in: f.photo, crop: v.crop)
        try titleBlock(c, p, in: f.header)
        let inset = f.photo.inset(by: Insets(top: c.gap, bottom: c.gap, left: c.gap, right: c.gap))
        try Commerce.discount(c, in: inset, corner: .topTrailing, px: c.titleMax(p) * 3 / 4)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.07))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }
}
