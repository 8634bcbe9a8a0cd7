import Support
import Presets
import Imaging
import Covers

/// A text line of a cover as the rendered image shows it: where it is, its x-height and colours.
struct MeasuredLine: Sendable {
    let element: CoverElement
    /// The line's ink box, canvas pixels.
    let box: Box
    /// Canvas pixels; from the pixels, or from the font size when the pixels show no text.
    let xHeight: Double
    let measured: Bool
    let ink: Color?
    let background: Color?
    var contrast: Double? { ink.flatMap { i in background.map { i.contrast(with: $0) } } }
}

enum TextMeasure {
    /// Noto Sans' x-height per em (536/1000): turns a layer's font size into an x-height when the
    /// pixels cannot be measured, and an x-height back into a font size for WCAG's "large text".
    static let xHeightPerEm = 0.536

    /// Every text line of the cover's text elements, measured in the decoded image once per cover
    /// (text-size, contrast and legibility all ask).
    static func lines(_ input: CoverCheckInput) throws -> [MeasuredLine] {
        try input.pixels.memo("text-measure.lines") { try measure(input) }
    }

    static func measure(_ input: CoverCheckInput) throws -> [MeasuredLine] {
        let image = try input.pixels.full()
        let canvas = Box(x: 0, y: 0, w: image.width, h: image.height)
        var out: [MeasuredLine] = []
        for e in input.textElements {
            // A round badge's box has the picture in its corners, outside the disc: measure the square
            // inscribed in the disc, where its text is. Other boxes get a 2 px margin.
            let round = e.kind == "badge" && abs(e.box.w - e.box.h) <= 2
            let pad = round ? -(e.box.w * 15 / 100) : 2
            // A detected line's box is cut to the rows dense in flat ink (InkBox), which can leave out
            // the thin tops of arched letters (“morning” lost 6 of its 32 px x-height): measured with
            // a quarter of its height more above and below, and a line the wider region cuts at its
            // edge (a neighbouring line's descenders or ascenders) is not this text.
            let vpad = input.textDetected && !round ? max(pad, e.box.h / 4) : pad
            let region = Box(x: e.box.x - pad, y: e.box.y - vpad, w: e.box.w + 2 * pad, h: e.box.h + 2 * vpad).intersection(canvas)
            guard region.area > 0 else { continue }
            let rgb = try image.rgbSamples(x: region.x, y: region.y, width: region.w, height: region.h, maxSide: Int.max, blend: false)
            // A detected line may be light letters on a dark pill boxed with the cover around it (layer
            // data's boxes are exact); whichever polarity OCR read it in (session 18).
            let ink = InkAnalysis(rgb: rgb, box: region, byColumn: e.kind == "text", mayBeLight: input.textDetected)
            // Arabic has no x-height and its letter bodies vary widely (a short word such as “بعد” has
            // no tall letter): with a declared font size (layer data), the size is judged from it.
            let declared = input.cover.layers[safe: e.layer]?.font_px
            let arabic = e.text?.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } ?? false
            var found = arabic && declared != nil ? [] : ink?.lines ?? []
            if vpad > pad, found.count > 1 {
                let whole = found.filter { $0.box.y > region.y && $0.box.maxY < region.maxY }
                if !whole.isEmpty { found = whole }
            }
            if found.isEmpty {
                let fallback = (input.cover.layers[safe: e.layer]?.font_px).map { $0 * xHeightPerEm } ?? Double(e.box.h) * 0.5
                out.append(MeasuredLine(element: e, box: e.box, xHeight: fallback, measured: false, ink: ink?.ink, background: ink?.background))
            }
            for line in found {
                out.append(MeasuredLine(element: e, box: line.box, xHeight: line.xHeight, measured: true, ink: ink?.ink, background: ink?.background))
            }
        }
        return out
    }
}

extension Array {
    subscript(safe i: Int?) -> Element? {
        guard let i, indices.contains(i) else { return nil }
        return self[i]
    }
}
