import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Apparel: the model or garment large on a calm background, with a prominent discount tag.
public struct ApparelHero: CoverLayout {
    public static let metadata = PluginMetadata(
        name: "apparel-hero", kind: .coverLayout,
        summary: "garment or model large on a calm background, prominent discount tag",
        parameters: LayoutParameters.slotted)
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, _) = try beginWithHero(r, p, fullBleed: false)
        try titleAndDiscount(c, p, f, badgeScale: 0.75)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.07))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }
}
