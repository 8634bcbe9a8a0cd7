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
        let (c, f, _) = try beginWithHero(r, p, fullBleed: true, footerLines: 4)
        // A soft fade behind the lower text keeps the scene visible and the words legible.
        let fadeTop = c.isPortrait ? f.footer.y - c.gap * 4 : 0
        let fade = try Shapes.fade(width: c.width, height: c.height - fadeTop, color: .black, opacity: 0.55)
        try c.overlay(fade, colour: .black, at: Box(x: 0, y: fadeTop, w: c.width, h: c.height - fadeTop), kind: "scrim", role: "fade")
        // Portrait: LIVE in the header, the words in the footer. Otherwise one text column, LIVE on top.
        var textArea = c.isPortrait ? f.footer : Box(x: f.header.x, y: f.header.y, w: f.header.w, h: f.footer.maxY - f.header.y)
        let live = try Commerce.live(c, p, in: c.isPortrait ? f.header : textArea)
        if !c.isPortrait { textArea = Commerce.below(live, in: textArea, gap: c.gap / 2) }
        let title = try c.text(r.product.title(for: r.locale.code), role: "title", slot: textArea, maxPx: c.titleMax(p, share: 0.075))
        var rest = Commerce.below(title, in: textArea, gap: c.gap / 2)
        if r.category.badges.contains("price") {
            rest = Commerce.below(try Commerce.price(c, in: rest, maxPx: c.titleMax(p, share: 0.05)), in: rest, gap: c.gap / 2)
        } else if let price = Commerce.priceText(r) {
            c.note("price “\(price)” left out: the \(r.category.name) category shows no price (badges: \(r.category.badges.joined(separator: ", ")))")
        }
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle", slot: rest, maxPx: c.titleMax(p, share: 0.04))
        try Commerce.discount(c, in: f.photo, corner: .topTrailing, px: c.titleMax(p) * 2 / 3)
        return c.finish()
    }
}
