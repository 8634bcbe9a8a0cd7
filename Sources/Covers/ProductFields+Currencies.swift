import Support
import PluginKit

extension ProductFields {
    /// Prices in other currencies, from the `price.CUR` and `original_price.CUR` keys, checked as the
    /// product's own price is: not negative, the original not below the price, and no original price
    /// without its price. A currency that is the product's own (`currency`) belongs in `price`.
    mutating func currencyPrices(besides own: String?) -> [String: CurrencyPrice]? {
        var codes = Set<String>()
        for key in row.values.keys {
            for field in ManifestReader.perCurrency where key.hasPrefix(field + ".") { codes.insert(String(key.dropFirst(field.count + 1))) }
        }
        var out: [String: CurrencyPrice] = [:]
        for code in codes.sorted() {
            let priceKey = "price.\(code)", originalKey = "original_price.\(code)"
            let price = number(priceKey), original = number(originalKey)
            if code == own?.uppercased(), price != nil || original != nil {
                problem(priceKey, "\(code) is the product's own currency; give that price in `price` (and `original_price`)")
                continue
            }
            guard let price else {
                if original != nil, !hasProblem(priceKey) {
                    problem(originalKey, "given without `\(priceKey)`; give the price in \(code) too")
                }
                continue
            }
            if price < 0 { problem(priceKey, "\(ParameterValue.number(price)) is negative; give a price of 0 or more"); continue }
            if let o = original, o < price {
                problem(originalKey, "\(ParameterValue.number(o)) is below `\(priceKey)` \(ParameterValue.number(price)); it is the price in \(code) before the discount")
                continue
            }
            out[code] = CurrencyPrice(price: price, original_price: original)
        }
        return out.isEmpty ? nil : out
    }
}
