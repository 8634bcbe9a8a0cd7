import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Home: the usage scene full-bleed, the product recognisable, minimal text.
public struct HomeScene: FullBleedLayout {
    public static let metadata = PluginMetadata(
        name: "home-scene", kind: .coverLayout,
        summary: "usage scene full-bleed with minimal text on a scrim where needed",
        parameters: LayoutParameters.common)
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, _) = try beginWithHero(r, p, fullBleed: true)
        // A soft fade behind the lower text keeps the scene visible and the words legible.
        let fadeTop = c.isPortrait ? f.footer.y - c.gap * 4 : 0
        let fade = try Shapes.fade(width: c.width, height: c.height - fadeTop, color: .black, opacity: 0.55)
        try c.overlay(fade, at: Box(x: 0, y: fadeTop, w: c.width, h: c.height - fadeTop), kind: "scrim", role: "fade")
        let textArea = c.isPortrait ? f.footer : f.header
        try Commerce.live(c, p, in: c.isPortrait ? f.header : f.footer, px: c.minFontPx * 5 / 4)
        let title = try c.text(r.product.title(for: r.locale.code), role: "title", slot: textArea, maxPx: c.titleMax(p, share: 0.075))
        if r.category.badges.contains("price") {
            try Commerce.price(c, in: Commerce.below(title, in: textArea, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.05))
        }
        return c.finish()
    }
}
