import Imaging
import Support
import PluginKit
import Presets
import Clips

/// Burns the cue's title (and its price, in a badge) into the clip, inside the platform's safe
/// area, at a size the platform considers readable, on a translucent dark panel so it reads over
/// any video. Left-aligned at the leading edge, right-aligned for right-to-left languages.
public struct TitleOverlay: OverlayStage {
    public static let metadata = PluginMetadata(
        name: "title-overlay", kind: .clipStage,
        summary: "burns the cue's title and price into the clip inside the platform's safe area",
        parameters: [position, duration, size, maxLines, scrim, price, badgeColor],
        capabilities: [.overlay])
    public enum Position: String, CaseIterable, Sendable { case top, bottom }
    public static let position: Param<Position> = .choice(
        "position", default: .top,
        doc: "where in the safe area: top (default; platforms put captions and buttons at the bottom) or bottom")
    public static let duration: Param<Double> = .number(
        "duration", 0...86_400, default: 0, doc: "seconds the title shows from the start of the clip; 0 = the whole clip")
    public static let size: Param<Double> = .number(
        "size", 0.02...0.2, default: 0.06, doc: "title font size as a share of the output width (never below the platform's minimum)")
    public static let maxLines: Param<Int> = .integer(
        "max_lines", 1...6, default: 3, doc: "wrapped lines allowed before the title shrinks, then is shortened with an ellipsis")
    public static let scrim: Param<Double> = .number("scrim", 0...1, default: 0.6, doc: "opacity of the dark panel behind the text")
    public static let price: Param<Bool> = .bool("price", default: true, doc: "show the cue's price in a badge when it has one")
    public static let badgeColor: Param<Color> = .color(
        "badge_color", default: Color(r: 0xE4, g: 0x00, b: 0x2B), doc: "fill of the price badge")
    public init() {}

    /// The panel colour behind titles and captions.
    static let panel = Color(r: 0, g: 0, b: 0)

    public func overlays(_ context: OverlayContext, parameters: PluginParameters) throws -> [OverlayImage] {
        try layout(context, parameters: parameters).map(\.overlay)
    }

    /// One placed panel, with the font size it was set in (for checks and tests).
    public struct Placed {
        public let overlay: OverlayImage
        public let fontPx: Int
        public let text: String
    }

    /// The title and price panels and where they go.
    public func layout(_ context: OverlayContext, parameters: PluginParameters) throws -> [Placed] {
        let safe = SafeArea(context)
        let area = safe.box
        let title = context.cue.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let price = parameters[Self.price]
            ? context.cue.price?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" : ""
        guard !title.isEmpty || !price.isEmpty else { return [] }

        let titlePx = max(safe.minFontPx, Int((parameters[Self.size] * Double(context.outputWidth)).rounded()))
        let opacity = parameters[Self.scrim]
        let maxLines = max(1, parameters[Self.maxLines])
        let gap = max(4, safe.minFontPx / 4) & ~1
        let cue = "cue \(context.cue.id)"

        var titlePanel: Panel?
        if !title.isEmpty {
            let fitter = TextPanel(families: context.font, weight: "Bold", align: context.rightToLeft ? "high" : "low",
                                   maxLines: maxLines, fill: Self.panel, opacity: opacity)
            titlePanel = try fitter.render(title, maxWidth: area.w, maxHeight: area.h / 2, maxPx: titlePx,
                                           minPx: safe.minFontPx, what: "\(cue) title")
        }
        var pricePanel: Panel?
        if !price.isEmpty {
            let fill = parameters[Self.badgeColor]
            let badge = TextPanel(families: context.font, weight: "Bold", align: "centre", maxLines: 1, fill: fill, opacity: 1)
            let px = max(safe.minFontPx, (titlePanel?.fontPx ?? titlePx) * 9 / 10)
            pricePanel = try badge.render(price, maxWidth: area.w, maxHeight: area.h / 4, maxPx: px,
                                          minPx: safe.minFontPx, what: "\(cue) price")
        }

        let panels = [titlePanel, pricePanel].compactMap { $0 }
        let total = panels.map(\.image.height).reduce(0, +) + gap * (panels.count - 1)
        guard total <= area.h else {
            throw MarqueeError.item("\(cue): title and price need \(total) px of height; the safe area has \(area.h)")
        }
        // Top: title, then price under it. Bottom: price, then the title on the safe area's floor.
        let ordered: [(Panel, String)] = parameters[Self.position] == .bottom
            ? [pricePanel.map { ($0, "price") }, titlePanel.map { ($0, "title") }].compactMap { $0 }
            : [titlePanel.map { ($0, "title") }, pricePanel.map { ($0, "price") }].compactMap { $0 }
        // Even coordinates (panels are even-sized too), so 4:2:0 blending keeps them in place.
        var y = SafeArea.even(parameters[Self.position] == .bottom ? area.maxY - total : area.y,
                              within: area.y, area.maxY - total)
        let (start, end) = times(parameters[Self.duration], clip: context.clipDuration)
        var placed: [Placed] = []
        for (panel, label) in ordered {
            let x = SafeArea.even(context.rightToLeft ? area.maxX - panel.image.width : area.x,
                                  within: area.x, area.maxX - panel.image.width)
            placed.append(Placed(overlay: OverlayImage(image: panel.image, x: x, y: y, start: start, end: end, label: label),
                                 fontPx: panel.fontPx, text: panel.text))
            y += panel.image.height + gap
        }
        return placed
    }

    /// Whole clip (nil, nil) for 0, else the first `duration` seconds, within the clip.
    func times(_ duration: Double, clip: Double) -> (Double?, Double?) {
        guard duration.isFinite, duration > 0 else { return (nil, nil) }
        return (0, clip > 0 ? min(duration, clip) : duration)
    }
}
