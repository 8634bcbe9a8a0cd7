/// Text rendered by Pango through the libvips `text` operation: complex scripts, right-to-left and
/// fontconfig fallback (Noto) come from Pango itself.
public struct RenderedText: Sendable {
    /// An RGBA image of the text, tightly cropped to its ink.
    public let image: Image
    /// The DPI libvips chose when fitting into a box (`autofit_dpi`), or the one given.
    public let dpi: Int
}

extension Image {
    /// Renders Pango markup. With `height`, libvips picks the largest size that fits `width`x`height`.
    /// `align` is `low`, `centre` or `high`; `justify` spreads lines to the full width.
    public static func text(_ markup: String, font: String, width: Int? = nil, height: Int? = nil,
                            align: String = "low", dpi: Int = 72, spacing: Int? = nil, wrap: String = "word") throws(ImagingError) -> RenderedText {
        var args: [String: VipsArgument] = ["text": .string(markup), "font": .string(font),
                                            "align": .string(align), "rgba": .bool(true), "wrap": .string(wrap)]
        if let width { args["width"] = .int(width) }
        if let height { args["height"] = .int(height) } else { args["dpi"] = .int(dpi) }
        if let spacing { args["spacing"] = .int(spacing) }
        let out = try VipsOperation.call("text", args, outputs: ["out", "autofit_dpi"])
        let chosen = height == nil ? dpi : Int(out.numbers["autofit_dpi"] ?? Double(dpi))
        return RenderedText(image: try out.image(), dpi: chosen)
    }
}
