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
            // The tasting or unboxing frame sits in the bottom trailing corner of the photo area, the
            // platform's edge margin inside the canvas (a frame against the edge reads as cut off).
            let room = area.intersection(c.textArea)
            let w = Self.insetSide(room, share: p[Self.insetShare])
            let x = c.rtl ? room.x : room.maxX - w
            let slot = Box(x: x, y: room.maxY - w, w: w, h: w)
            _ = try c.photoFitted(Backgrounds.treat(second, r.category.treatment), in: slot, role: "inset", border: max(6, c.gap / 2))
            discountArea = Box(x: area.x, y: area.y, w: area.w, h: max(0, slot.y - c.gap - area.y))
            besideInset = c.rtl ? Box(x: slot.maxX + c.gap, y: area.y, w: area.maxX - slot.maxX - c.gap, h: area.h)
                                : Box(x: area.x, y: area.y, w: slot.x - c.gap - area.x, h: area.h)
        }
        // Above the inset; where a short photo area leaves too little height there (a circle badge is as
        // tall as it is wide), beside the inset, the photo area's whole height.
        try Commerce.discount(c, in: discountArea, besideInset, corner: .topTrailing, px: c.titleMax(p) * 2 / 3)
        let price = try Commerce.price(c, in: f.footer, maxPx: c.titleMax(p, share: 0.065))
        c.optionalText(r.product.subtitle(for: r.locale.code), role: "subtitle",
                       slot: Commerce.below(price, in: f.footer, gap: c.gap / 2), maxPx: c.titleMax(p, share: 0.045))
        return c.finish()
    }

    /// The inset frame's side in `room`: `share` of its width, at most half its height so that the
    /// discount fits above it. Where half the height would make the frame much smaller than the share
    /// asks (Reels' short photo band: 146 px against 399), it takes the room's whole height, and the
    /// discount stands beside it.
    static func insetSide(_ room: Box, share: Double) -> Int {
        let byWidth = Int(Double(room.w) * share)
        return min(byWidth, room.h / 2 >= byWidth * 2 / 3 ? room.h / 2 : room.h)
    }
}
