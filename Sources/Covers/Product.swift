import Foundation
import Support
import PluginKit
import Presets
import Batch
/// One product of a covers manifest.
public struct Product: Sendable, Codable, Hashable {
    public var id: String
    /// Photo paths, first is the hero; resolved against the manifest's folder.
    public var images: [String]
    public var title: String
    public var subtitle: String?
    /// Up to three selling points.
    public var points: [String]
    public var price: Double?
    public var original_price: Double?
    /// Discount in percent (0 < d < 100); derived from `original_price` when absent.
    public var discount: Double?
    /// ISO 4217 code; when absent, the region locale's currency is assumed.
    public var currency: String?
    public var category: String
    public var before: String?
    public var after: String?
    public var logo: String?
    /// Translations by language tag: `title.th` → `titles["th"]`.
    public var titles: [String: String]
    public var subtitles: [String: String]
    /// Prices in other currencies by ISO 4217 code (`price.USD` → `prices["USD"]`); nil when the
    /// manifest gives none (and then left out of the product's encoding, so resume keys stay as they were).
    public var prices: [String: CurrencyPrice]?

    public init(id: String, images: [String], title: String, subtitle: String? = nil, points: [String] = [],
                price: Double? = nil, original_price: Double? = nil, discount: Double? = nil, currency: String? = nil,
                category: String, before: String? = nil, after: String? = nil, logo: String? = nil,
                titles: [String: String] = [:], subtitles: [String: String] = [:], prices: [String: CurrencyPrice]? = nil) {
        self.id = id; self.images = images; self.title = title; self.subtitle = subtitle; self.points = points
        self.price = price; self.original_price = original_price; self.discount = discount; self.currency = currency
        self.category = category; self.before = before; self.after = after; self.logo = logo
        self.titles = titles; self.subtitles = subtitles; self.prices = prices
    }

    /// The title in `locale` (`pt-BR`), else its language (`pt`), else the default title.
    public func title(for locale: String) -> String { localized(titles, locale) ?? title }
    public func subtitle(for locale: String) -> String? { localized(subtitles, locale) ?? subtitle }

    /// What a locale paying in `currency` shows: the manifest's price in that currency when it gives
    /// one, else the product's own price and currency.
    public func pricing(for currency: String) -> (price: Double?, original: Double?, currency: String?) {
        if let own = prices?[currency.uppercased()] { return (own.price, own.original_price, currency.uppercased()) }
        return (price, original_price, self.currency)
    }

    /// The effective discount in percent, from `discount` or from `original_price` and `price`.
    public var effectiveDiscount: Double? { discount(with: (price, original_price)) }

    /// The discount a locale paying in `currency` shows: `discount`, else from that currency's prices.
    public func discount(for currency: String) -> Double? {
        let p = pricing(for: currency)
        return discount(with: (p.price, p.original))
    }

    private func discount(with p: (price: Double?, original: Double?)) -> Double? {
        if let d = discount { return d }
        if let o = p.original, let price = p.price, o > price, o > 0 { return (1 - price / o) * 100 }
        return nil
    }

    private func localized(_ table: [String: String], _ locale: String) -> String? {
        if let v = table[locale] { return v }
        let lang = String(locale.split(separator: "-").first ?? "")
        return table[lang]
    }
}
