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

@Suite struct ManifestReaderTests: TableFileTesting {
    /// A fresh folder with a few (fake) photo files.
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        for name in ["a.jpg", "b.jpg", "before.jpg", "after.jpg", "logo.png"] {
            try Data([0xFF, 0xD8, 0xFF]).write(to: dir.appendingPathComponent("photos/\(name)"))
        }
        return dir
    }

    // MARK: CSV

    static let csv = "\u{FEFF}id,image,title,subtitle,points,price,original_price,discount,currency,category,before,after,logo,Title.th,title.pt-br,subtitle.ar\r\n"
        + "p1,photos/a.jpg | photos/b.jpg,\"Serum, 30 ml\",\"She said \"\"wow\"\"\",Glow|Hydrate| Fast ,1290,1590,30%,thb,beauty,photos/before.jpg,photos/after.jpg,photos/logo.png,เซรั่ม,Sérum,سيروم\r\n"
        + "\r\n"
        + "p2,photos/a.jpg,\"Two\r\nlines\",,,12.99,,,,apparel,,,,,,\r\n"

    static func expected(_ dir: URL) -> [Product] {
        let p = dir.appendingPathComponent("photos").path
        return [
            Product(id: "p1", images: ["\(p)/a.jpg", "\(p)/b.jpg"], title: "Serum, 30 ml", subtitle: "She said \"wow\"",
                    points: ["Glow", "Hydrate", "Fast"], price: 1290, original_price: 1590, discount: 30, currency: "THB",
                    category: "beauty", before: "\(p)/before.jpg", after: "\(p)/after.jpg", logo: "\(p)/logo.png",
                    titles: ["th": "เซรั่ม", "pt-BR": "Sérum"], subtitles: ["ar": "سيروم"]),
            Product(id: "p2", images: ["\(p)/a.jpg"], title: "Two\nlines", price: 12.99, category: "apparel"),
        ]
    }

    @Test func csvWithBOMCRLFQuotesAndTranslations() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try ManifestReader.read(try write(Self.csv, "products.csv", in: dir))
        #expect(entries.map(\.id) == ["p1", "p2"])
        #expect(entries.map(\.row) == [2, 4])                       // spreadsheet rows; row 3 is blank
        #expect(entries.allSatisfy { $0.problems.isEmpty })
        #expect(entries.compactMap(\.product) == Self.expected(dir))
        #expect(entries[0].product?.title(for: "pt-BR") == "Sérum")
        #expect(entries[0].product?.title(for: "th-TH") == "เซรั่ม")
    }

    @Test func yamlAndJSONFormsGiveTheSameProductsAsCSV() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
        products:
          - id: p1
            image: [photos/a.jpg, photos/b.jpg]
            title: "Serum, 30 ml"
            subtitle: 'She said "wow"'
            points:
              - Glow
              - Hydrate
              - Fast
            price: 1290
            original_price: 1590
            discount: 30%
            currency: thb
            category: beauty
            before: photos/before.jpg
            after: photos/after.jpg
            logo: photos/logo.png
            title.th: เซรั่ม
            titles: {pt-br: Sérum}
            subtitles:
              ar: سيروم
          - id: p2
            image: photos/a.jpg
            title: |-
              Two
              lines
            subtitle:
            price: 12.99
            category: apparel
        """
        let json = """
        [
          {"id": "p1", "image": ["photos/a.jpg", "photos/b.jpg"], "title": "Serum, 30 ml", "subtitle": "She said \\"wow\\"",
           "points": "Glow|Hydrate|Fast", "price": 1290, "original_price": 1590.0, "discount": "30", "currency": "THB",
           "category": "beauty", "before": "photos/before.jpg", "after": "photos/after.jpg", "logo": "photos/logo.png",
           "titles": {"th": "เซรั่ม"}, "title.pt-BR": "Sérum", "subtitle.ar": "سيروم"},
          {"id": "p2", "image": "photos/a.jpg", "title": "Two\\nlines", "subtitle": null, "price": 12.99, "category": "apparel"}
        ]
        """
        let fromYAML = try ManifestReader.read(try write(yaml, "products.yaml", in: dir))
        let fromJSON = try ManifestReader.read(try write(json, "products.json", in: dir))
        let fromCSV = try ManifestReader.read(try write(Self.csv, "products.csv", in: dir))
        #expect(fromYAML.flatMap(\.problems) == [])
        #expect(fromJSON.flatMap(\.problems) == [])
        #expect(fromYAML.compactMap(\.product) == Self.expected(dir))
        #expect(fromJSON.compactMap(\.product) == fromYAML.compactMap(\.product))
        #expect(fromCSV.compactMap(\.product) == fromYAML.compactMap(\.product))
        #expect(fromYAML.map(\.row) == [1, 2])
    }

    @Test func yamlTopLevelListAndYmlExtension() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try ManifestReader.read(try write("- {id: 7, image: photos/a.jpg, title: Hat, category: apparel}\n", "m.yml", in: dir))
        #expect(entries.first?.product?.id == "7")
    }

    /// A key given twice in one product, also in another letter case, is an error (as in cue sheets)
    /// rather than one value silently replacing the other.
    @Test func aKeyGivenTwiceInOneProductIsAnError() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write("- {id: p1, image: photos/a.jpg, title: Hat, Title: Cap, category: apparel}\n", "m.yaml", in: dir)
        let message = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) }
        #expect(message?.contains("product 1 (line 1): key `title` appears twice; keep one") == true, "\(message ?? "no error")")
    }

    @Test func unknownColumnIsNamedWithASuggestion() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write("id,image,title,category,prcie\np1,photos/a.jpg,Hat,apparel,10\n", "m.csv", in: dir)
        let message = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) }
        #expect(message?.contains("unknown column `prcie`; did you mean `price`?") == true, "\(message ?? "no error")")
        #expect(message?.contains(url.path) == true)

        let translation = try write("id,image,title,category,titel.th\np1,photos/a.jpg,Hat,apparel,หมวก\n", "t.csv", in: dir)
        let m2 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(translation) }
        #expect(m2?.contains("did you mean `title.th`?") == true, "\(m2 ?? "no error")")

        let yaml = try write("- {id: p1, image: photos/a.jpg, title: Hat, category: apparel, orignal_price: 20}\n", "u.yaml", in: dir)
        let m3 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(yaml) }
        #expect(m3?.contains("unknown key `orignal_price`; did you mean `original_price`?") == true, "\(m3 ?? "no error")")
    }

    @Test func missingRequiredColumnsAndBadLanguageTags() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write("id,title,price\np1,Hat,10\n", "m.csv", in: dir)
        let message = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) }
        #expect(message?.contains("missing columns `image`, `category`") == true, "\(message ?? "no error")")

        let tag = try write("id,image,title,category,title.portuguese\np1,photos/a.jpg,Hat,apparel,x\n", "t.csv", in: dir)
        let m2 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(tag) }
        #expect(m2?.contains("`portuguese` is not a language tag") == true, "\(m2 ?? "no error")")

        let semi = try write("id;image;title;category\np1;a.jpg;Hat;apparel\n", "s.csv", in: dir)
        let m3 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(semi) }
        #expect(m3?.contains("separated by semicolons") == true, "\(m3 ?? "no error")")
    }

    @Test func perProductProblemsLeaveOtherProductsAlone() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = """
        id,image,title,points,price,original_price,discount,category
        p1,photos/a.jpg,Fine,A|B,10,20,50,beauty
        p2,photos/a.jpg,Cheap,,-5,,,beauty
        p3,photos/x.jpg,Lost,,10,,,beauty
        p4,photos/a.jpg,Too much,,10,,120%,beauty
        p5,photos/a.jpg,,A|B|C|D,"1,290",,abc,beauty
        p6,photos/a.jpg,Odd,,10,5,,

        """
        let entries = try ManifestReader.read(try write(csv, "m.csv", in: dir))
        #expect(entries.count == 6)
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        #expect(byID["p1"]?.problems == [])
        #expect(byID["p1"]?.product?.discount == 50)
        #expect(byID["p2"]?.product == nil)
        #expect(byID["p2"]?.problems == [#"product p2, field price: "-5" is negative; give a price of 0 or more"#])
        let lookedIn = dir.appendingPathComponent("photos/x.jpg").path
        #expect(byID["p3"]?.problems == ["product p3, field image: photos/x.jpg not found (looked in \(lookedIn))"])
        #expect(byID["p4"]?.problems.count == 1)
        #expect(byID["p4"]?.problems.first?.hasPrefix(#"product p4, field discount: "120%" is outside 0…100"#) == true)
        let p5 = byID["p5"]?.problems ?? []
        #expect(p5.contains { $0.hasPrefix("product p5, field title: empty") })
        #expect(p5.contains { $0.hasPrefix("product p5, field points: 4 points given; a cover shows at most 3") })
        #expect(p5.contains { $0.hasPrefix(#"product p5, field price: "1,290" is not a number; use a dot for decimals"#) })
        #expect(p5.contains { $0.hasPrefix(#"product p5, field discount: "abc" is not a number"#) })
        let p6 = byID["p6"]?.problems ?? []
        #expect(p6.contains { $0.hasPrefix("product p6, field original_price: 5 is below the price 10") })
        #expect(p6.contains { $0.hasPrefix("product p6, field category: empty") })
    }

    @Test func otherPerProductChecks() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = """
        - {id: a b, image: photos/a.jpg, title: Hat, category: apparel}
        - {id: c, image: [], title: Hat, category: apparel, currency: "$"}
        - {id: d, image: photos/a.jpg, title: [x], category: apparel, before: photos/before.jpg}
        - {id: e, image: "https://example.com/a.jpg", title: Hat, category: apparel, discount: 0}
        """
        let entries = try ManifestReader.read(try write(yaml, "m.yaml", in: dir))
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        #expect(byID["a b"]?.problems.first?.contains("field id: \"a b\" contains a space") == true)
        #expect(byID["c"]?.problems.contains { $0.hasPrefix("product c, field image: empty") } == true)
        #expect(byID["c"]?.problems.contains { $0.hasPrefix(#"product c, field currency: "$" is not an ISO 4217 code"#) } == true)
        #expect(byID["d"]?.problems.contains("product d, field title: expected text, got a list") == true)
        #expect(byID["d"]?.problems.contains { $0.hasPrefix("product d, field after: missing") } == true)
        #expect(byID["e"]?.problems.contains { $0.hasPrefix("product e, field image: https://example.com/a.jpg is a URL") } == true)
        #expect(byID["e"]?.problems.contains { $0.hasPrefix(#"product e, field discount: "0" is outside 0…100"#) } == true)
    }

    @Test func duplicateIDsNameBothRows() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = "id,image,title,category\np1,photos/a.jpg,A,beauty\np2,photos/a.jpg,B,beauty\np1,photos/b.jpg,C,beauty\n"
        let url = try write(csv, "m.csv", in: dir)
        let message = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(url) }
        #expect(message?.contains("product id `p1` is used twice or more: row 2 and row 4") == true, "\(message ?? "no error")")

        let yaml = try write("- {id: P1, image: photos/a.jpg, title: A, category: x}\n- {id: p1, image: photos/a.jpg, title: B, category: x}\n", "m.yaml", in: dir)
        let m2 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(yaml) }
        #expect(m2?.contains("`P1`, `p1` differ only in letter case (product 1 (line 1) and product 2 (line 2))") == true, "\(m2 ?? "no error")")

        let noID = try write("id,image,title,category\n,photos/a.jpg,A,beauty\n", "n.csv", in: dir)
        let m3 = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(noID) }
        #expect(m3?.contains("row 2 has no `id`") == true, "\(m3 ?? "no error")")
    }

    @Test func manifestLevelReadErrors() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nope.csv")
        #expect(usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(missing) }?.contains("not found") == true)
        let txt = try write("x", "m.txt", in: dir)
        #expect(usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(txt) }?.contains(".csv, .yaml, .yml or .json") == true)
        let unclosed = try write("id,image,title,category\np1,photos/a.jpg,\"Hat,apparel\n", "u.csv", in: dir)
        let m = usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(unclosed) }
        #expect(m?.contains("line 2: a quoted field opened here is never closed") == true, "\(m ?? "no error")")
        let empty = try write("id,image,title,category\n", "e.csv", in: dir)
        #expect(usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(empty) }?.contains("lists no products") == true)
        let badJSON = try write("[{\"id\": }]", "b.json", in: dir)
        #expect(usageMessage { () throws(MarqueeError) in _ = try ManifestReader.read(badJSON) }?.contains("not valid JSON") == true)
    }
}

@Suite struct CSVParserTests {
    @Test func quotesNewlinesAndLineEndings() throws {
        let r = try CSVParser.parse("a,\"b,c\",\"d\"\"e\"\r\n\"multi\r\nline\",x\n\nlast,\"\"")
        #expect(r.map(\.fields) == [["a", "b,c", "d\"e"], ["multi\nline", "x"], [""], ["last", ""]])
        #expect(r.map(\.line) == [1, 2, 4, 5])
        #expect(r[2].isBlank)
    }

    @Test func bomTrailingNewlineAndLoneCR() throws {
        #expect(try CSVParser.parse("\u{FEFF}id,x\n").map(\.fields) == [["id", "x"]])
        #expect(try CSVParser.parse("a\rb\r").map(\.fields) == [["a"], ["b"]])
        #expect(try CSVParser.parse("a,").map(\.fields) == [["a", ""]])
        #expect(try CSVParser.parse("").isEmpty)
        #expect(try CSVParser.parse("a, \"b\" ,c").map(\.fields) == [["a", "b", "c"]])
    }

    @Test func syntaxErrorsNameTheLine() {
        #expect(throws: CSVParser.SyntaxError.self) { try CSVParser.parse("a\n\"b\"c\n") }
        do { _ = try CSVParser.parse("a\n\"b\"c\n") } catch { #expect(error.line == 2) }
        do { _ = try CSVParser.parse("a\nb,\"open\n\n") } catch { #expect(error.line == 2) }
    }
}
