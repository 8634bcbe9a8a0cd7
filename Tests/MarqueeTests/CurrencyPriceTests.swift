import Foundation
import Testing
@testable import Covers

/// Prices per currency (`price.USD`, `original_price.USD`): the manifest reads and checks them, and a
/// region's covers show the price in the currency its locale pays in, with the discount worked out in
/// that currency; products without them keep their own price (and their encoding, so resume keys).
@Suite struct CurrencyPriceTests {
    static func manifest(_ csv: String, in dir: URL) throws -> URL {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try TestSupport.photo(dir.appendingPathComponent("photos/a.jpg"), top: [230, 220, 200], bottom: [120, 90, 60], product: [40, 60, 200])
        let url = dir.appendingPathComponent("m.csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func readsPricesPerCurrency() throws {
        let dir = try TestSupport.tempDir("currency-read")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.manifest("id,image,title,price,original_price,currency,category,price.usd,original_price.USD,price.SAR\n"
            + "p1,photos/a.jpg,Hat,2490,3290,THB,apparel,79,99,299\np2,photos/a.jpg,Cap,100,,THB,apparel,,,\n", in: dir)
        let entries = try ManifestReader.read(url)
        let p1 = try #require(entries.first?.product), p2 = try #require(entries.last?.product)
        #expect(p1.prices == ["USD": CurrencyPrice(price: 79, original_price: 99), "SAR": CurrencyPrice(price: 299)])
        #expect(p2.prices == nil)
        // What each locale shows: its own currency's price where given, else the product's own.
        #expect(p1.pricing(for: "USD") == (79, 99, "USD"))
        #expect(p1.pricing(for: "THB") == (2490, 3290, "THB"))
        #expect(p1.pricing(for: "EUR") == (2490, 3290, "THB"))
        #expect(try #require(p1.discount(for: "USD")).rounded() == 20)
        #expect(try #require(p1.discount(for: "THB")).rounded() == 24)
        #expect(p1.discount(for: "SAR") == nil)
        // A product without per-currency prices encodes as before (its resume key is unchanged).
        let json = String(decoding: try JSONEncoder().encode(p2), as: UTF8.self)
        #expect(!json.contains("prices"), "\(json)")
    }

    /// YAML and JSON take the same prices as keys (`price.USD`) or nested (`prices: {USD: …}`).
    @Test func yamlAndJSONFormsGiveTheSamePrices() throws {
        let dir = try TestSupport.tempDir("currency-yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.manifest("", in: dir)
        func read(_ text: String, _ name: String) throws -> [String: CurrencyPrice]? {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return try ManifestReader.read(url).first?.product?.prices
        }
        let expected = ["USD": CurrencyPrice(price: 79, original_price: 99), "SAR": CurrencyPrice(price: 299)]
        let base = "id: p1, image: photos/a.jpg, title: Hat, price: 2490, currency: THB, category: apparel"
        #expect(try read("- {\(base), prices: {usd: 79, SAR: 299}, original_prices: {USD: 99}}\n", "n.yaml") == expected)
        #expect(try read("- {\(base), price.USD: 79, original_price.USD: 99, price.SAR: 299}\n", "k.yaml") == expected)
        let json = #"[{"id": "p1", "image": "photos/a.jpg", "title": "Hat", "price": 2490, "currency": "THB", "category": "apparel", "prices": {"USD": 79, "SAR": 299}, "original_prices": {"USD": 99}}]"#
        #expect(try read(json, "n.json") == expected)
        // A key that is no currency names the file and the key; a table that is no mapping fails its product.
        #expect {
            try read("- {\(base), prices: {dollars: 79}}\n", "bad.yaml")
        } throws: { "\($0)".contains("`prices`: `dollars` is not an ISO 4217 currency code") }
        let url = dir.appendingPathComponent("list.yaml")
        try "- {\(base), prices: [79]}\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try ManifestReader.read(url).first?.problems.joined().contains("field prices: expected a mapping of currency code to price") == true)
    }

    @Test func aColumnThatIsNoCurrencyIsNamedWithASuggestion() throws {
        let dir = try TestSupport.tempDir("currency-column")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.manifest("id,image,title,price,category,price.usdollar\np1,photos/a.jpg,Hat,10,apparel,12\n", in: dir)
        #expect {
            try ManifestReader.read(url)
        } throws: { error in
            let text = "\(error)"
            return text.contains("price.usdollar") && text.contains("ISO 4217")
        }
    }

    @Test func badPricesAreTheProductsProblems() throws {
        let dir = try TestSupport.tempDir("currency-problems")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.manifest("id,image,title,price,currency,category,price.USD,original_price.USD,price.THB,price.EUR\n"
            + "a,photos/a.jpg,Hat,10,THB,apparel,,20,,\n"
            + "b,photos/a.jpg,Hat,10,THB,apparel,30,20,,\n"
            + "c,photos/a.jpg,Hat,10,THB,apparel,,,12,\n"
            + "d,photos/a.jpg,Hat,10,THB,apparel,,,,-3\n"
            + "e,photos/a.jpg,Hat,10,THB,apparel,9.5,12,,8\n", in: dir)
        let entries = try ManifestReader.read(url)
        func problems(_ id: String) -> String { entries.first { $0.id == id }?.problems.joined(separator: "; ") ?? "" }
        #expect(problems("a").contains("field original_price.USD: given without `price.USD`"), "\(problems("a"))")
        #expect(problems("b").contains("field original_price.USD: 20 is below `price.USD` 30"), "\(problems("b"))")
        #expect(problems("c").contains("field price.THB: THB is the product's own currency"), "\(problems("c"))")
        #expect(problems("d").contains("field price.EUR: -3 is negative"), "\(problems("d"))")
        #expect(problems("e").isEmpty, "\(problems("e"))")
        #expect(entries.first { $0.id == "e" }?.product?.prices?["EUR"] == CurrencyPrice(price: 8))
    }

    /// The real composer: North America's cover shows the dollar price and the discount in dollars,
    /// South-East Asia's the baht price.
    @Test func coversShowTheirLocalesPrice() throws {
        let dir = try TestSupport.tempDir("currency-covers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.manifest("id,image,title,price,original_price,currency,category,price.USD,original_price.USD\n"
            + "hat,photos/a.jpg,Summer Hat,2490,3290,THB,apparel,79,99\n", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try TestSupport.run(["covers", "compose", "--manifest", url.path, "--platforms", "tiktok", "--regions", "na,sea",
                                     "--checks", "none", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("covers.json"))) as? [String: Any]
        let covers = try #require(doc?["covers"] as? [[String: Any]])
        func text(_ region: String, _ role: String) -> String? {
            let cover = covers.first { $0["region"] as? String == region }
            let layers = cover?["layers"] as? [[String: Any]] ?? []
            return layers.first { $0["role"] as? String == role }?["text"] as? String
        }
        #expect(text("na", "price") == "$79.00")
        #expect(text("na", "discount") == "20% OFF")
        #expect(text("sea", "price") == "฿2,490")
        #expect(text("sea", "discount") == "ลด 24%")
    }
}
