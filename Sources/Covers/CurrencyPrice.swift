/// A product's price in one more currency (`price.USD`, `original_price.USD` in the manifest): what
/// covers for a locale paying in that currency show, instead of the product's own price converted by
/// nobody. Cross-border teams set these per market; Marquee never converts currencies.
public struct CurrencyPrice: Sendable, Codable, Hashable {
    public var price: Double
    /// The price before the discount, in the same currency.
    public var original_price: Double?

    public init(price: Double, original_price: Double? = nil) {
        self.price = price; self.original_price = original_price
    }
}
