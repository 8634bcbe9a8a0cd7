import Foundation
import Testing
@testable import Support
@testable import PluginKit
@testable import Presets
@testable import Batch
@testable import Covers
@testable import Clips
@testable import H264
@testable import Loudness

@Suite struct PriceFormatterTests {
    /// The real presets of this repository.
    static let presets: PresetLibrary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (lib, issues) = PresetLibrary.load([root.appendingPathComponent("presets")])
        precondition(issues.isEmpty, "preset issues: \(issues)")
        return lib
    }()

    static func locale(_ region: String, _ code: String) -> LocalePreset {
        guard let l = presets.regions[region]?.locales.first(where: { $0.code == code }) else {
            fatalError("no locale \(code) in region \(region)")
        }
        return l
    }

    static func currency(_ region: String, _ code: String) -> CurrencyFormat { locale(region, code).currency }

    @Test func presetsLoadWithoutIssues() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (_, issues) = PresetLibrary.load([root.appendingPathComponent("presets")])
        #expect(issues.isEmpty)
    }

    @Test func formatsTheWayTheLocaleWritesPrices() {
        let cases: [(region: String, code: String, amount: Double, expected: String)] = [
            ("sea", "th", 1290, "฿1,290"),
            ("sea", "id", 129000, "Rp129.000"),
            ("latam", "pt-BR", 129.9, "R$ 129,90"),
            ("na", "en-US", 12.99, "$12.99"),
            ("eu", "de", 1290, "1.290,00 €"),
            ("jp", "ja", 1290, "¥1,290"),
            ("eu", "fr", 1290, "1\u{202F}290,00 €"),
            ("sea", "vi", 259000, "259.000 ₫"),
            ("sea", "ms", 49, "RM49.00"),
            ("mena", "ar", 1299.5, "1,299.50 ر.س"),
            ("latam", "es-CO", 89900, "$ 89.900"),
        ]
        for c in cases {
            #expect(PriceFormatter.format(c.amount, Self.currency(c.region, c.code)) == c.expected, "\(c.region) \(c.code)")
        }
    }

    @Test func roundsHalvesAwayFromZeroOnTheWrittenDecimal() {
        let usd = Self.currency("na", "en-US"), thb = Self.currency("sea", "th"), brl = Self.currency("latam", "pt-BR")
        #expect(PriceFormatter.format(1289.5, thb) == "฿1,290")
        #expect(PriceFormatter.format(1289.49, thb) == "฿1,289")
        #expect(PriceFormatter.format(0.125, usd) == "$0.13")
        #expect(PriceFormatter.format(1.005, usd) == "$1.01")           // 1.005 is 1.00499999… in binary
        #expect(PriceFormatter.format(129.905, brl) == "R$ 129,91")
        #expect(PriceFormatter.format(999.995, usd) == "$1,000.00")    // carries into a new group
        #expect(PriceFormatter.format(999_999.5, thb) == "฿1,000,000")
        #expect(PriceFormatter.format(1_234_567.891, usd) == "$1,234,567.89")
        #expect(PriceFormatter.format(12.9, usd) == "$12.90")           // pads decimals
    }

    @Test func smallAndZeroAmountsAndNoNegativeZero() {
        let usd = Self.currency("na", "en-US"), jpy = Self.currency("jp", "ja")
        #expect(PriceFormatter.format(0, usd) == "$0.00")
        #expect(PriceFormatter.format(0, jpy) == "¥0")
        #expect(PriceFormatter.format(999, usd) == "$999.00")            // no separator under 1,000
        #expect(PriceFormatter.format(0.004, usd) == "$0.00")
        #expect(PriceFormatter.format(-0.004, usd) == "$0.00")           // rounds to zero: no minus sign
        #expect(PriceFormatter.format(-0.0, jpy) == "¥0")
        #expect(PriceFormatter.format(0.00005, usd) == "$0.00")          // exponent form "5e-05"
        #expect(PriceFormatter.format(1e21, jpy) == "¥1,000,000,000,000,000,000,000")
        #expect(PriceFormatter.format(-5, usd) == "-$5.00")
    }

    @Test func discountTextUsesTheLocaleTemplate() {
        #expect(PriceFormatter.discountText(30, labels: Self.locale("sea", "th").labels) == "ลด 30%")
        #expect(PriceFormatter.discountText(29.6, labels: Self.locale("na", "en-US").labels) == "30% OFF")
        #expect(PriceFormatter.discountText(30.4, labels: Self.locale("jp", "ja").labels) == "30%OFF")
        #expect(PriceFormatter.discountText(30, labels: Self.locale("sea", "id").labels) == "Diskon 30%")
        #expect(PriceFormatter.discountText(30, labels: Self.locale("mena", "ar").labels) == "خصم 30٪")
        #expect(PriceFormatter.discountText(30, labels: Self.locale("eu", "de").labels) == "-30%")
        #expect(PriceFormatter.discountText(12.5, labels: [:]) == "-13%")
        #expect(PriceFormatter.discountText(30, labels: ["discount": "SALE"]) == "-30%")   // no {pct}: default
    }

    @Test func everyLocaleHasADiscountTemplate() {
        for region in Self.presets.regions.values {
            for l in region.locales {
                #expect(l.labels["discount"]?.contains("{pct}") == true, "\(region.name) \(l.code)")
                // The template is read through the strict loader: keys stay unquoted and other labels are intact.
                #expect(l.labels["off"] != nil, "\(region.name) \(l.code)")
            }
        }
    }
}
