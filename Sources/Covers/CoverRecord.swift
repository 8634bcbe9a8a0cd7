import Foundation
import Support
import PluginKit
import Presets
import Batch
/// One layer of a composed cover, as recorded in `covers.json`.
public struct CoverLayer: Codable, Sendable, Hashable {
    /// `background`, `photo`, `scrim`, `text`, `badge`, `price`, `chip`, `label` or `logo`.
    public var kind: String
    /// What the layer is for, e.g. `title`, `subtitle`, `point`, `discount`.
    public var role: String
    public var box: Box
    /// The slot the layout gave this layer; the layer's `box` never leaves it.
    public var slot: Box?
    public var text: String?
    /// Font size in canvas pixels (the em size Pango rendered at), to 2 decimals.
    public var font_px: Double?
    public var font: String?
    /// Text colour and the colour measured behind it, `#RRGGBB`.
    public var color: String?
    public var background: String?
    /// WCAG contrast ratio of `color` against the pixels behind the text as composed, to 2 decimals
    /// (as WCAG quotes it).
    public var contrast: Double?
    /// `ltr` or `rtl`.
    public var direction: String?
    /// Where the lines of a text block line up: `left`, `right` or `centre`.
    public var align: String?
    /// Each line's ink on the canvas, top to bottom, measured from the rendered pixels.
    public var lines: [Box]?
    /// Photo layers cropped by libvips' attention strategy: the point the crop was centred on (the
    /// photo's subject), canvas pixels. The subject check centres its window there.
    public var focus_x_px: Int?
    public var focus_y_px: Int?

    public init(kind: String, role: String, box: Box, slot: Box? = nil, text: String? = nil, font_px: Double? = nil, font: String? = nil,
                color: String? = nil, background: String? = nil, contrast: Double? = nil, direction: String? = nil,
                align: String? = nil, lines: [Box]? = nil, focus: (x: Int, y: Int)? = nil) {
        self.kind = kind; self.role = role; self.box = box; self.slot = slot; self.text = text
        self.font_px = font_px.map(Rounded.pixels)
        self.font = font; self.color = color; self.background = background; self.contrast = contrast.map { Rounded.places($0, 2) }
        self.direction = direction; self.align = align; self.lines = lines
        focus_x_px = focus?.x; focus_y_px = focus?.y
    }

    public var isText: Bool { text != nil }
}

/// Everything about one composed cover, as written in `covers.json` and read by cover checks
/// (built-in and external alike). Numbers are rounded here, where the record is made, so a check
/// sees what the file says (docs/output-format.md).
public struct CoverRecord: Codable, Sendable, Hashable {
    public var file: String
    public var product: String
    public var platform: String
    public var region: String
    public var locale: String
    public var category: String
    public var layout: String
    public var variant: Int
    /// The layout's seed; written as a string (a 64-bit number loses digits in JavaScript and jq).
    @StringCoded public var seed: UInt64
    public var width: Int
    public var height: Int
    public var format: String
    public var quality: Int?
    public var bytes: Int
    public var inputs: [String]
    public var safe_zone: Insets
    public var feed_width: Int
    /// The smallest readable font size on this canvas, in pixels, to 2 decimals.
    public var min_font_px: Double
    public var layers: [CoverLayer]

    public init(file: String, product: String, platform: String, region: String, locale: String, category: String,
                layout: String, variant: Int, seed: UInt64, width: Int, height: Int, format: String, quality: Int?,
                bytes: Int, inputs: [String], safe_zone: Insets, feed_width: Int, min_font_px: Double, layers: [CoverLayer]) {
        self.file = file; self.product = product; self.platform = platform; self.region = region; self.locale = locale
        self.category = category; self.layout = layout; self.variant = variant; self.seed = seed; self.width = width
        self.height = height; self.format = format; self.quality = quality; self.bytes = bytes; self.inputs = inputs
        self.safe_zone = safe_zone; self.feed_width = feed_width; self.min_font_px = Rounded.pixels(min_font_px); self.layers = layers
    }

    public var canvas: Box { Box(x: 0, y: 0, w: width, h: height) }
    public var safeArea: Box { canvas.inset(by: safe_zone) }
}
