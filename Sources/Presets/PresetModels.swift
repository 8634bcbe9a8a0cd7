import Support
// The preset schema. Every struct is decoded strictly: an unknown key is an error naming
// file, line and key (see StrictYAMLDecoder). YAML keys are snake_case, as written here.

/// A pixel size.
public struct Size: Codable, Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// Insets in pixels at canvas size, where platform UI covers the image.
public struct Insets: Codable, Sendable, Hashable {
    public var top: Int
    public var bottom: Int
    public var left: Int
    public var right: Int
    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top; self.bottom = bottom; self.left = left; self.right = right
    }
}

/// `presets/platforms/NAME.yaml`: where a cover is shown and what the platform accepts.
public struct PlatformPreset: Codable, Sendable, Hashable {
    public var name: String
    public var display_name: String
    /// The cover's pixel size.
    public var canvas: Size
    /// Insets at canvas size that platform UI covers (buttons, captions, progress bars).
    public var safe_zone: Insets
    /// The size, in device-independent pixels, at which the cover is shown in a phone feed.
    public var feed_size: Size
    /// The smallest text cap height, in device-independent pixels at feed size, considered readable.
    public var min_text_px_at_feed: Double
    /// Largest accepted file, in kilobytes (1 kB = 1000 bytes); absent when the platform sets none.
    public var max_file_kb: Int?
    /// Accepted output formats, first is the default: jpg, png, webp.
    public var formats: [String]
    /// Where the figures come from, or the assumption made when the platform publishes none.
    public var source: String
    /// The least distance, in pixels at canvas size, between any text or badge and every canvas edge
    /// (on top of the safe zone where one exists). Absent: 4 % of the canvas's shorter side.
    public var margin_px: Int?
    /// Thresholds of the cover checks for this platform; every field has a default.
    public var checks: CoverCheckThresholds?

    /// The edge margin in pixels at canvas size.
    public var edgeMargin: Int { margin_px ?? Int((0.04 * Double(min(canvas.width, canvas.height))).rounded()) }
    /// The check thresholds, with defaults for those the preset leaves out.
    public var thresholds: CoverCheckThresholds { checks ?? CoverCheckThresholds() }

    /// The smallest font size on the canvas whose text reads at feed size.
    public var minFontPx: Double {
        min_text_px_at_feed * Double(canvas.width) / Double(feed_size.width)
    }
}

/// `checks:` in a platform preset: limits the `cover-check` plugins apply. Each is optional.
public struct CoverCheckThresholds: Codable, Sendable, Hashable {
    /// Largest share (0…1) of the cover's area covered by text boxes before a warning.
    public var text_area_max_share: Double?
    /// Most cells of the 5x5 grid any text may touch (Meta's old 20 % rule: 5 of 25).
    public var grid_cells_max: Int?
    /// Least WCAG 2.x contrast ratio of normal text against the pixels behind it.
    public var contrast_min: Double?
    /// Least contrast ratio of large text (WCAG: 3:1).
    public var contrast_min_large: Double?
    /// Least share (0…1) of the words read at full size that OCR still reads at feed size.
    public var feed_words_read_min_share: Double?
    /// Largest share (0…1) of the salient region that text and badges may cover before a warning.
    public var occlusion_max_share: Double?

    public init(text_area_max_share: Double? = nil, grid_cells_max: Int? = nil, contrast_min: Double? = nil,
                contrast_min_large: Double? = nil, feed_words_read_min_share: Double? = nil, occlusion_max_share: Double? = nil) {
        self.text_area_max_share = text_area_max_share; self.grid_cells_max = grid_cells_max
        self.contrast_min = contrast_min; self.contrast_min_large = contrast_min_large
        self.feed_words_read_min_share = feed_words_read_min_share; self.occlusion_max_share = occlusion_max_share
    }

    public var textAreaMaxShare: Double { text_area_max_share ?? 0.30 }
    public var gridCellsMax: Int { grid_cells_max ?? 10 }
    public var contrastMin: Double { contrast_min ?? 4.5 }
    public var contrastMinLarge: Double { contrast_min_large ?? 3.0 }
    public var feedWordsReadMinShare: Double { feed_words_read_min_share ?? 0.6 }
    public var occlusionMaxShare: Double { occlusion_max_share ?? 0.35 }
}

/// One language-market of a region: language, script, direction, fonts and number format.
public struct LocalePreset: Codable, Sendable, Hashable {
    /// BCP 47 tag, e.g. `th`, `pt-BR`, `ar`.
    public var code: String
    public var language: String
    public var script: String
    /// `ltr` or `rtl`.
    public var direction: String
    /// Font family names in order of preference, as fontconfig knows them.
    public var fonts: [String]
    public var currency: CurrencyFormat
    /// Localised words used on covers.
    public var labels: [String: String]
}

/// How a price is written in a locale.
public struct CurrencyFormat: Codable, Sendable, Hashable {
    /// ISO 4217 code.
    public var code: String
    public var symbol: String
    /// `before` or `after` the number.
    public var position: String
    /// Whether a space separates symbol and number.
    public var space: Bool
    public var decimals: Int
    public var decimal_separator: String
    public var group_separator: String
}

/// Percentiles of the video bitrate (kbit/s) that live viewers in a region can sustain.
public struct NetworkProfile: Codable, Sendable, Hashable {
    public var p10_kbps: Int
    public var p25_kbps: Int
    public var p50_kbps: Int
    public var p75_kbps: Int
    public var p90_kbps: Int
    /// The share of viewers on mobile networks, 0…1.
    public var mobile_share: Double
    public var source: String
}

/// `presets/regions/NAME.yaml`: an audience: its locales, taste and network.
public struct RegionPreset: Codable, Sendable, Hashable {
    public var name: String
    public var display_name: String
    /// Locales of this region; the first is the default for a cover.
    public var locales: [LocalePreset]
    /// Colour leanings for covers aimed at this region, `#RRGGBB`.
    public var palette: [String]
    public var palette_note: String
    /// What the region's viewers' networks sustain (the bench's ladders); absent when unknown.
    public var network: NetworkProfile?
}

/// A badge's look.
public struct BadgeStyle: Codable, Sendable, Hashable {
    /// `tag`, `pill`, `circle` or `ribbon`.
    public var shape: String
    public var fill: String
    public var text: String
    public init(shape: String, fill: String, text: String) { self.shape = shape; self.fill = fill; self.text = text }
}

/// Text limits of a category's covers.
public struct TextLimits: Codable, Sendable, Hashable {
    public var max_words_per_line: Int
    public var max_lines: Int
    /// Selling points shown on the cover (0…3).
    public var max_points: Int
}

/// What the product photo slot expects.
public struct ProductSlot: Codable, Sendable, Hashable {
    public var expects: String
    /// The slot's share of the canvas height, 0…1.
    public var height_share: Double
    /// Shortest side, in pixels, below which the photo is too small for the slot.
    public var min_short_side: Int
}

/// `presets/categories/NAME.yaml`: how covers of a product category look.
public struct CategoryPreset: Codable, Sendable, Hashable {
    public var name: String
    public var summary: String
    /// Layout plugins, in the order variants cycle through them.
    public var layouts: [String]
    /// How the canvas around the product is filled: `blur`, `solid` or `gradient`.
    public var fill: String
    /// Colour treatment of the photo: `none`, `warm`, `cool`, `vivid` or `soft`.
    public var treatment: String
    public var text: TextLimits
    /// Badges the layout may show: `discount`, `new`, `live`, `price`.
    public var badges: [String]
    public var badge_style: BadgeStyle
    /// Accent colours for text panels and chips, `#RRGGBB`.
    public var accents: [String]
    public var product_slot: ProductSlot
}

/// `presets/encoders/NAME.yaml`: an encoder configuration for quality ladders and clips.
public struct EncoderPreset: Codable, Sendable, Hashable {
    public var name: String
    public var summary: String
    /// `h264`, `hevc`, `av1` or `vp9`.
    public var codec: String
    /// The FFmpeg encoder: `libx264`, `libx265`, `libsvtav1`, `libvpx-vp9`… (the bench needs an
    /// encoder-profile plugin that drives it).
    public var encoder: String
    /// The encoder's speed preset: `veryfast`, `medium`, SVT-AV1's `8`, VP9's cpu-used `6`.
    public var preset: String
    public var pix_fmt: String
    /// Keyframe interval in seconds; 0 leaves it to the encoder's default.
    public var gop_seconds: Double
    /// `crf` (constant quality; in the bench, capped by VBV at each ladder bitrate) or `abr`
    /// (the ladder's target bitrate).
    public var rate_control: String
    public var crf: Int?
    /// VBV maximum rate as a multiple of the target bitrate (e.g. 2 for maxrate = 2 × bitrate).
    public var maxrate_factor: Double?
    /// VBV buffer size as a multiple of the target bitrate.
    public var bufsize_factor: Double?
    /// Encoder tuning, e.g. `zerolatency` for live.
    public var tune: String?
    public var audio_codec: String
    public var audio_kbps: Int
}
