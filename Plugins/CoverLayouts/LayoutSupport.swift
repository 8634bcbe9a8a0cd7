import Imaging
import Support
import PluginKit
import Presets
import Covers
import SplitMix

/// Choices shared by the layouts: palette, crop and arrangement per variant, drawn from the seed.
struct VariantChoices {
    let accents: [Color]
    let crop: String
    let titleFirst: Bool
    let fill: String

    /// Variant 1 keeps the preset's own look. Each later variant changes the fill, the crop and the
    /// palette in a fixed rotation (so no two of the first three variants look alike), and the seed
    /// reorders the palette and picks the title position.
    init(_ r: CoverRequest, rng: inout SeededGenerator) {
        let palette = (r.category.accents + r.region.palette).compactMap(Color.init(hex:))
        let k = r.variant - 1
        let fills = [r.category.fill] + ["blur", "solid", "gradient"].filter { $0 != r.category.fill }
        fill = fills[k % fills.count]
        crop = ["subject", "entropy", "centre"][k % 3]
        if k == 0 || palette.count < 2 {
            accents = palette
            titleFirst = true
        } else {
            let shift = k % palette.count == 0 ? 1 : k % palette.count
            let rotated = Array(palette[shift...] + palette[..<shift])
            accents = [rotated[0]] + rotated.dropFirst().shuffled(using: &rng)
            titleFirst = rng.next() % 2 == 0
        }
    }
}

extension CoverCanvas {
    var gap: Int { max(12, safe.h / 60) }
    /// The largest title size a layout tries: a share of the canvas's shorter side.
    func titleMax(_ p: PluginParameters, share: Double = 0.085) -> Int {
        Int(Double(min(width, height) * (isPortrait ? 1 : 2)) * share * p[LayoutParameters.titleScale])
    }

    /// An optional text (a subtitle): placed when there is room for it at a readable size, left out
    /// otherwise, and either way noted when it is not shown whole.
    @discardableResult
    func optionalText(_ text: String?, role: String, slot: Box, maxPx: Int, weight: String = "Regular", lines: Int = 2) -> Box? {
        guard let text, !text.isEmpty else { return nil }
        // One line when it fits whole at a readable size; up to `lines` lines otherwise.
        var f = TextFitter(families: families, weight: weight, align: rtl ? "high" : "low", maxLines: 1,
                           maxWordsPerLine: 12, allowEllipsis: false, direction: request.locale.direction)
        if lines > 1, let box = try? self.text(text, role: role, slot: slot, maxPx: maxPx, fitter: f) { return box }
        f.maxLines = lines; f.allowEllipsis = true
        return optional(role, text) { try self.text(text, role: role, slot: slot, maxPx: maxPx, fitter: f) }
    }

    /// Runs `place` (a text or badge the cover can do without); when it fails, notes what was left
    /// out and why, and returns `nil`.
    func optional(_ role: String, _ text: String, _ place: () throws -> Box) -> Box? {
        do { return try place() } catch {
            let why = (error as? MarqueeError)?.description ?? "\(error)"
            note("\(role) “\(text)” left out: \(why)")
            return nil
        }
    }
}

/// Start of every layout: background from the preset's fill, canvas, frame.
/// `footerLines`: lines of text the layout sets in the footer (price, subtitle, rows of chips).
func beginCover(_ r: CoverRequest, _ p: PluginParameters, photoShare: Double? = nil, footerLines: Int = 2) throws -> (CoverCanvas, Frame, VariantChoices) {
    var rng = SeededGenerator(seed: r.seed)
    let v = VariantChoices(r, rng: &rng)
    let (bg, note) = try Backgrounds.make(v.fill, photo: r.photos.hero, width: r.platform.canvas.width,
                                          height: r.platform.canvas.height, accents: v.accents)
    let c = CoverCanvas(r, background: bg, fillNote: note, allowEllipsis: p[LayoutParameters.titleOverflow] == .ellipsis)
    c.rng = rng
    let footerNeed = footerLines * (c.minFontPx * 3 / 2 + c.gap / 2) + r.platform.edgeMargin
    let frame = Frame(c, photoShare: photoShare ?? r.category.product_slot.height_share, titleFirst: v.titleFirst,
                      footerNeed: footerNeed) { width in
        c.titleNeed(p, width: width)
    }
    return (c, frame, v)
}

extension CoverCanvas {
    /// The header height the title needs at the smallest readable size in `width`, with the LIVE
    /// badge above it and the edge margin: 0 when it cannot be measured (the default header stands).
    func titleNeed(_ p: PluginParameters, width: Int) -> Int {
        let title = request.product.title(for: request.locale.code)
        guard width > minFontPx, let set = try? fitter().fit(title, width: width, height: 100_000, minPx: minFontPx, maxPx: minFontPx)
        else { return 0 }
        let live = p[LayoutParameters.liveBadge] && request.category.badges.contains("live") ? minFontPx * 2 + gap / 2 : 0
        return set.image.height + live + request.platform.edgeMargin + gap
    }
}

/// Title with the LIVE badge above it, in the frame's header; returns the LIVE badge's box.
@discardableResult
func titleBlock(_ c: CoverCanvas, _ p: PluginParameters, in header: Box, vertical: String = "top") throws -> Box? {
    let live = try Commerce.live(c, p, in: header)
    let slot = Commerce.below(live, in: header, gap: c.gap / 2)
    try c.text(c.request.product.title(for: c.request.locale.code), role: "title", slot: slot, maxPx: c.titleMax(p),
               vertical: vertical)
    return live
}

/// A layout whose photo fills the whole canvas: it needs the photo at the canvas's long side.
protocol FullBleedLayout: CoverLayout {}

extension FullBleedLayout {
    public func photoShortSide(platform: PlatformPreset, category: CategoryPreset) -> Int {
        max(platform.canvas.width, platform.canvas.height)
    }
}

/// The opening of every layout: background, canvas and frame, and the hero photo placed (full-bleed
/// or in the frame's photo slot) with the category's colour treatment. In a slot, the photo keeps
/// `photo_min_visible` of its extent, and the frame returned has the photo's box where it went.
func beginWithHero(_ r: CoverRequest, _ p: PluginParameters, fullBleed: Bool,
                   footerLines: Int = 2) throws -> (CoverCanvas, Frame, VariantChoices) {
    let (c, f, v) = try beginCover(r, p, footerLines: footerLines)
    let hero = try Backgrounds.treat(r.photos.hero, r.category.treatment)
    if fullBleed {
        try c.photo(hero, in: Box(x: 0, y: 0, w: c.width, h: c.height), crop: v.crop)
        return (c, f, v)
    }
    let placed = try c.photo(hero, in: f.photo, crop: v.crop, minVisible: p[LayoutParameters.photoMinVisible])
    return (c, f.placing(photo: placed), v)
}

/// Title block in the header and the discount badge in the photo's top trailing corner.
func titleAndDiscount(_ c: CoverCanvas, _ p: PluginParameters, _ f: Frame, badgeScale: Double) throws {
    try titleBlock(c, p, in: f.header)
    let pad = Insets(top: c.gap, bottom: c.gap, left: c.gap, right: c.gap)
    // On the photo; when the photo is narrower than its slot and the badge does not fit on it, in the slot's corner.
    try Commerce.discount(c, in: f.photo.inset(by: pad), f.photoSlot.inset(by: pad), corner: .topTrailing,
                          px: Int(Double(c.titleMax(p)) * badgeScale))
}
