import Foundation
import Support
import Presets
import Imaging
import PluginKit
import Covers

/// Covers drawn with libvips for the check tests: a background, text at known places, sizes and
/// colours (so every text box is known exactly), written to a file with its covers.json record.
struct CheckFixture {
    var image: Image
    var layers: [CoverLayer] = []
    let platform: PlatformPreset

    static let presets: PresetLibrary = PresetLibrary.load([TestSupport.repoRoot.appendingPathComponent("presets")]).0

    init(platform name: String = "tiktok", background: [Double] = [255, 255, 255]) throws {
        platform = try Self.presets.platform(name)
        image = try Image.solid(width: platform.canvas.width, height: platform.canvas.height, rgb: background).cast("uchar")
    }

    init(platform name: String, photo: Image) throws {
        platform = try Self.presets.platform(name)
        image = try photo.thumbnail(width: platform.canvas.width, height: platform.canvas.height, crop: "centre")
    }

    /// Draws `text` at (x, y) in `colour` at `px` pixels (em size), records it as a layer; returns its box.
    /// `font` is a Pango family and style ("DejaVu Serif Bold"); Noto Sans (Bold) when nil.
    @discardableResult
    mutating func text(_ text: String, x: Int, y: Int, px: Int, colour: String = "#000000", role: String = "title",
                       kind: String = "text", bold: Bool = true, width: Int? = nil, font: String? = nil,
                       lines: Bool = false) throws -> Box {
        let markup = "<span foreground=\"\(colour)\">\(Markup.escape(text))</span>"
        let family = font ?? "Noto Sans\(bold ? " Bold" : "")"
        let rendered = try Image.text(markup, font: "\(family) \(px)", width: width, dpi: 72).image
        image = try image.compositeRegion(rendered, x: x, y: y)
        let box = Box(x: x, y: y, w: rendered.width, h: rendered.height)
        // `lines`: the box recorded as the text's one line too, as the composer records its text layers.
        layers.append(CoverLayer(kind: kind, role: role, box: box, text: text, font_px: Double(px), color: colour,
                                 lines: lines ? [box] : nil))
        return box
    }

    /// A filled rectangle (a badge or panel) recorded as a layer of `kind` with no text.
    mutating func block(_ box: Box, rgb: [Double], kind: String = "badge") throws {
        image = try image.insert(Image.solid(width: box.w, height: box.h, rgb: rgb).cast("uchar"), x: box.x, y: box.y)
        layers.append(CoverLayer(kind: kind, role: kind, box: box))
    }

    /// Writes the cover and returns what a check receives.
    func write(_ dir: URL, _ name: String, format: ImageFormat = .png) throws -> CoverCheckInput {
        let url = dir.appendingPathComponent("\(name).\(format.rawValue)")
        let data = try image.encoded(as: format, quality: 92)
        try data.write(to: url)
        let record = CoverRecord(file: url.lastPathComponent, product: name, platform: platform.name, region: "na", locale: "en",
                                 category: "test", layout: "drawn", variant: 1, seed: 1, width: image.width, height: image.height,
                                 format: format.rawValue, quality: nil, bytes: data.count, inputs: [], safe_zone: platform.safe_zone,
                                 feed_width: platform.feed_size.width, min_font_px: platform.minFontPx, layers: layers)
        return CoverCheckInput(cover: record, image_path: url.path, platform: platform)
    }

    /// A check's verdict on a cover, with its default parameters.
    static func verdict(_ check: any CoverCheck, _ input: CoverCheckInput) async throws -> CheckOutcome {
        try await check.evaluate(input, parameters: check.metadata.resolve([:]))
    }
}
