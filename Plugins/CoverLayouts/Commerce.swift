import Imaging
import Support
import PluginKit
import Presets
import Covers

/// Parameters every layout takes.
enum LayoutParameters {
    enum TitleOverflow: String, CaseIterable, Sendable { case ellipsis, fail }
    static let titleOverflow: Param<TitleOverflow> = .choice(
        "title_overflow", default: .ellipsis,
        doc: "when the title does not fit at the minimum readable size: shorten it with an ellipsis, or fail the cover")
    static let titleScale: Param<Double> = .number("title_scale", 0.5...2, default: 1, doc: "scales the largest title size tried")
    static let liveBadge: Param<Bool> = .bool("live_badge", default: true, doc: "show a LIVE badge")
    static let photoMinVisible: Param<Double> = .number(
        "photo_min_visible", 0...1, default: 0.7,
        doc: "share of the photo's width and height its slot must show: a slot that would crop more gets the photo smaller, centred (0: always fill the slot)")
    static let common: [any ParameterDeclaration] = [titleOverflow, titleScale, liveBadge]
    /// The layouts that put the hero photo in a slot (not full-bleed).
    static let slotted: [any ParameterDeclaration] = common + [photoMinVisible]
}

/// Price, discount and LIVE badges, formatted for the region's locale.
enum Commerce {
    /// The price in the locale's currency when the manifest gives one (`price.USD`), else in the
    /// product's own, written the way the locale writes numbers.
    static func priceText(_ r: CoverRequest) -> String? {
        let pricing = r.product.pricing(for: r.locale.currency.code)
        guard let price = pricing.price else { return nil }
        var format = r.locale.currency
        if let code = pricing.currency, code != format.code {
            if let other = r.region.locales.first(where: { $0.currency.code == code }) {
                format = other.currency
            } else {
                format.code = code; format.symbol = code; format.position = "before"; format.space = true
            }
        }
        return PriceFormatter.format(price, format)
    }

    static func discountText(_ r: CoverRequest) -> String? {
        guard let d = r.product.discount(for: r.locale.currency.code), d >= 1 else { return nil }
        return PriceFormatter.discountText(d, labels: r.locale.labels)
    }

    static func liveText(_ r: CoverRequest) -> String { r.locale.labels["live"] ?? "LIVE" }

    /// The price (and struck original price) at the top of `slot`; returns the space used.
    @discardableResult
    static func price(_ c: CoverCanvas, in slot: Box, maxPx: Int) throws -> Box? {
        guard let text = priceText(c.request) else { return nil }
        guard slot.intersection(c.textArea).h >= c.minFontPx else {
            c.note("price “\(text)” left out: no room (\(slot.intersection(c.textArea).h) px of height left, \(c.minFontPx) px needed)")
            return nil
        }
        let f = c.fitter(weight: "Black", lines: 1, words: 8)
        return try c.text(text, role: "price", slot: slot, maxPx: maxPx, fitter: f)
    }

    /// The LIVE badge in the leading top corner of `anchor`, when the category and parameters want one.
    @discardableResult
    static func live(_ c: CoverCanvas, _ p: PluginParameters, in anchor: Box) throws -> Box? {
        guard p[LayoutParameters.liveBadge], c.request.category.badges.contains("live") else { return nil }
        let style = BadgeStyle(shape: "pill", fill: "#C8102E", text: "#FFFFFF")
        let room = anchor.intersection(c.textArea), text = liveText(c.request)
        return c.optional("live", text) {
            try c.badge(text, role: "live", in: room, corner: .topLeading, px: liveSize(c), maxWidth: room.w / 2, style: style)
        }
    }

    /// The discount badge, when the product has a discount, in `corner` of the first of `anchors` it fits
    /// (a photo smaller than its slot, then the slot); noted as left out, with the last anchor's reason,
    /// when it fits none.
    @discardableResult
    static func discount(_ c: CoverCanvas, in anchors: Box..., corner: CoverCanvas.Corner, px: Int) throws -> Box? {
        try discount(c, in: anchors.map { ($0, px) }, corner: corner)
    }

    /// The discount badge in the first of `anchors` it fits, each with the size asked there.
    @discardableResult
    static func discount(_ c: CoverCanvas, in anchors: [(box: Box, px: Int)], corner: CoverCanvas.Corner) throws -> Box? {
        guard let text = discountText(c.request) else { return nil }
        guard c.request.category.badges.contains("discount") else {
            c.note("discount “\(text)” left out: the \(c.request.category.name) category shows no discount badge")
            return nil
        }
        func place(_ anchor: (box: Box, px: Int)) throws -> Box {
            let room = anchor.box.intersection(c.textArea)
            return try c.badge(text, role: "discount", in: room, corner: corner, px: anchor.px, maxWidth: room.w * 9 / 10)
        }
        for anchor in anchors.dropLast() {
            if let box = try? place(anchor) { return box }
        }
        return c.optional("discount", text) { try place(anchors.last ?? (c.textArea, c.minFontPx)) }
    }

    /// The LIVE badge's row beside it, on its trailing side up to the header's edge (the title starts
    /// below that row), and the LIVE badge's size, which a badge there takes to stand level with it;
    /// nil when there is no LIVE badge.
    static func besideLive(_ c: CoverCanvas, _ live: Box?, in header: Box) -> (box: Box, px: Int)? {
        guard let live else { return nil }
        let x = c.rtl ? header.x : live.maxX + c.gap
        let w = c.rtl ? live.x - c.gap - header.x : header.maxX - x
        // Down to the title's slot: other letters than LIVE's (a “%”) reach a little lower.
        return (Box(x: x, y: live.y, w: max(0, w), h: live.h + c.gap / 2), liveSize(c))
    }

    /// The LIVE badge's text size: a quarter above the smallest readable.
    static func liveSize(_ c: CoverCanvas) -> Int { c.minFontPx * 5 / 4 }

    /// What is left of `slot` below `used` (and a gap), for the next element.
    static func below(_ used: Box?, in slot: Box, gap: Int) -> Box {
        guard let used else { return slot }
        let y = used.maxY + gap
        return Box(x: slot.x, y: y, w: slot.w, h: max(0, slot.maxY - y))
    }
}
