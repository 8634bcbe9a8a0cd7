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
        parameters: LayoutParameters.common + [chipColor])
    public init() {}

    public func compose(_ r: CoverRequest, parameters p: PluginParameters) throws -> ComposedCover {
        let (c, f, _) = try beginWithHero(r, p, fullBleed: false)
        try titleAndDiscount(c, p, f, in: f.photo, badgeScale: 2.0 / 3)
        var rest = f.footer
        if let price = try Commerce.price(c, in: rest, maxPx: c.titleMax(p, share: 0.065)) {
            rest = Commerce.below(price, in: rest, gap: c.gap / 2)
        }
        let chip = BadgeStyle(shape: "pill", fill: p[Self.chipColor].hex, text: "#FFFFFF")
        let chipPx = max(c.minFontPx, c.titleMax(p, share: 0.04))
        for (i, point) in r.product.points.prefix(r.category.text.max_points).enumerated() {
            guard rest.h >= chipPx * 3 / 2 else { break }
            let box = try c.badge(point, role: "point-\(i + 1)", in: rest, corner: .topLeading, px: chipPx,
                                  maxWidth: rest.w, style: chip, kind: "chip")
            rest = Commerce.below(box, in: rest, gap: c.gap / 2)
        }
        return c.finish()
    }
}
