import Imaging
import Support
import PluginKit
import Presets
import Clips

/// Burns timed captions (from an SRT file) into the clip: each caption one panel, centred at the
/// foot of the platform's safe area (above the bottom UI inset), shown from its start to its end.
public struct CaptionOverlay: OverlayStage {
    public static let metadata = PluginMetadata(
        name: "captions", kind: .clipStage,
        summary: "burns timed captions into the clip, centred low in the platform's safe area",
        parameters: [size, maxLines, scrim],
        capabilities: [.overlay])
    public static let size: Param<Double> = .number(
        "size", 0.02...0.2, default: 0.045,
        doc: "caption font size as a share of the output width (never below the platform's minimum)")
    public static let maxLines: Param<Int> = .integer(
        "max_lines", 1...6, default: 3, doc: "wrapped lines allowed before a caption shrinks, then is shortened with an ellipsis")
    public static let scrim: Param<Double> = .number("scrim", 0...1, default: 0.6, doc: "opacity of the dark panel behind the text")
    public init() {}

    public func overlays(_ context: OverlayContext, parameters: PluginParameters) throws -> [OverlayImage] {
        let safe = SafeArea(context)
        let area = safe.box
        let px = max(safe.minFontPx, Int((parameters[Self.size] * Double(context.outputWidth)).rounded()))
        let opacity = parameters[Self.scrim]
        let maxLines = max(1, parameters[Self.maxLines])
        let fitter = TextPanel(families: context.font, weight: "Bold", align: "centre", maxLines: maxLines,
                               fill: TitleOverlay.panel, opacity: opacity)
        var rendered: [String: Panel] = [:]
        var out: [OverlayImage] = []
        for (i, caption) in context.captions.enumerated() {
            let text = caption.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let start = max(0, caption.start)
            let end = context.clipDuration > 0 ? min(caption.end, context.clipDuration) : caption.end
            guard !text.isEmpty, end > start else { continue }
            let panel: Panel
            if let done = rendered[text] {
                panel = done
            } else {
                panel = try fitter.render(text, maxWidth: area.w, maxHeight: area.h / 2, maxPx: px, minPx: safe.minFontPx,
                                          what: "cue \(context.cue.id) caption \(i + 1)")
                rendered[text] = panel
            }
            // Even coordinates (the panel is even-sized too), so 4:2:0 blending keeps it in place.
            let x = SafeArea.even(area.x + (area.w - panel.image.width) / 2, within: area.x, area.maxX - panel.image.width)
            let y = SafeArea.even(area.maxY - panel.image.height, within: area.y, area.maxY - panel.image.height)
            out.append(OverlayImage(image: panel.image, x: x, y: y, start: start, end: end, label: "caption \(i + 1)"))
        }
        return out
    }
}
