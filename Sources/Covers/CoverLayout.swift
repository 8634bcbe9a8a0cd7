import Foundation
import Support
import PluginKit
import Presets
import Batch
import Imaging

/// A product's photos, decoded once and shared by every cover of that product.
public struct ProductPhotos: Sendable {
    public let hero: Image
    /// Further photos in manifest order (e.g. an unboxing or tasting frame).
    public let extra: [Image]
    public let before: Image?
    public let after: Image?
    public let logo: Image?
    /// Photos used although damaged (`--lenient`): what is wrong with each, for the covers' findings.
    public var warnings: [String] = []

    public init(hero: Image, extra: [Image] = [], before: Image? = nil, after: Image? = nil, logo: Image? = nil) {
        self.hero = hero; self.extra = extra; self.before = before; self.after = after; self.logo = logo
    }

    /// The decoded photo a layer of `role` shows (`hero`, `before`, `after`, `inset`), if known.
    public func image(forRole role: String) -> Image? {
        switch role {
        case "hero": hero
        case "before": before
        case "after": after
        case "inset": extra.first
        case "logo": logo
        default: nil
        }
    }
}

/// Everything a layout needs for one cover.
public struct CoverRequest: Sendable {
    public let product: Product
    public let photos: ProductPhotos
    public let category: CategoryPreset
    public let platform: PlatformPreset
    public let region: RegionPreset
    public let locale: LocalePreset
    /// 1-based variant number.
    public let variant: Int
    /// Seed for this cover's choices (palette, crop, options); same seed, same cover.
    public let seed: UInt64

    /// What earlier attempts at this cover taught (see `CoverAdjustments`); empty on the first.
    public var adjustments: CoverAdjustments

    public init(product: Product, photos: ProductPhotos, category: CategoryPreset, platform: PlatformPreset,
                region: RegionPreset, locale: LocalePreset, variant: Int, seed: UInt64, adjustments: CoverAdjustments = .init()) {
        self.product = product; self.photos = photos; self.category = category; self.platform = platform
        self.region = region; self.locale = locale; self.variant = variant; self.seed = seed; self.adjustments = adjustments
    }

    public var isRTL: Bool { locale.direction == "rtl" }
}

/// A composed cover before encoding: its pixels, the record of its layers, and the layout's own
/// findings (content it shortened or left out, and why).
public struct ComposedCover: Sendable {
    public let image: Image
    public let layers: [CoverLayer]
    public let findings: [Finding]
    public init(image: Image, layers: [CoverLayer], findings: [Finding] = []) {
        self.image = image; self.layers = layers; self.findings = findings
    }
}

/// A `cover-layout` plugin: composes one cover for one product, platform, region and variant.
public protocol CoverLayout: PipelinePlugin {
    func compose(_ request: CoverRequest, parameters: PluginParameters) throws -> ComposedCover
    /// The shortest side, in pixels, the hero photo needs so this layout never enlarges it. Photos
    /// are decoded once at the largest size any of their covers needs (JPEG shrink-on-load below that).
    func photoShortSide(platform: PlatformPreset, category: CategoryPreset) -> Int
}

extension CoverLayout {
    /// A product slot across the canvas width, `height_share` of its height.
    public func photoShortSide(platform: PlatformPreset, category: CategoryPreset) -> Int {
        let c = platform.canvas
        return max(c.width, Int(Double(c.height) * category.product_slot.height_share))
    }
}
