import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips
import H264
import Loudness
import ReportWriters
import Testing

/// Fixtures shared by the cover suites (compose, goldens, text, bad input): manifests with photos drawn
/// by libvips, the presets in force, and the `covers.json` of a run.
extension CoverJSON.Document {
    /// Failure messages by item key, as tests look them up.
    var failureMessages: [String: String] {
        Dictionary(failures.map { ($0.item, $0.message) }, uniquingKeysWith: { first, _ in first })
    }
}

enum CoverFixtures {
    static let thai = ["shirt": "เสื้อลินินฤดูร้อน", "serum": "เซรั่มหน้าใส 30 มล.", "buds": "หูฟังไร้สาย Buds Pro",
                       "sofa": "โซฟาสองที่นั่งแสนสบาย", "mango": "ข้าวเหนียวมะม่วง"]
    static let arabic = ["shirt": "قميص كتان صيفي", "serum": "سيروم النضارة ٣٠ مل", "buds": "سماعات لاسلكية Buds Pro",
                         "sofa": "أريكة مريحة لشخصين", "mango": "أرز دبق بالمانجو"]
    static let english = ["shirt": "Linen Summer Shirt", "serum": "Glow Serum 30 ml", "buds": "Buds Pro Wireless Earbuds",
                          "sofa": "Cozy Two-Seat Sofa", "mango": "Mango Sticky Rice Set"]
    static let columns = ["id", "image", "title", "subtitle", "points", "price", "original_price", "discount", "currency",
                          "category", "before", "after", "title.th", "title.ar"]

    /// The five-product show: one product per category, beauty with before/after photos, 3c with three
    /// points, food with a second photo; every title also in Thai and Arabic. Photos are drawn with
    /// fixed colours, so the same call always gives the same files.
    static func show(in dir: URL, photoSide: Int = 900) throws -> URL {
        let photos = dir.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        func draw(_ name: String, _ top: [Double], _ bottom: [Double], _ product: [Double]) throws {
            try TestSupport.photo(photos.appendingPathComponent("\(name).jpg"), width: photoSide, height: photoSide,
                                  top: top, bottom: bottom, product: product)
        }
        try draw("shirt", [236, 230, 222], [214, 206, 196], [200, 60, 70])
        try draw("serum", [250, 240, 245], [232, 214, 222], [240, 200, 210])
        try draw("serum-before", [200, 190, 185], [170, 160, 150], [170, 150, 140])
        try draw("serum-after", [235, 225, 220], [220, 205, 196], [235, 205, 190])
        try draw("buds", [180, 200, 220], [120, 140, 170], [40, 44, 52])
        try draw("sofa", [217, 203, 184], [150, 130, 110], [59, 91, 122])
        try draw("mango", [120, 70, 40], [80, 45, 25], [210, 140, 50])
        try draw("mango-tasting", [90, 60, 40], [60, 40, 25], [230, 180, 90])
        func row(_ id: String, image: String, subtitle: String = "", points: String = "", price: String, original: String = "",
                 discount: String = "", category: String, before: String = "", after: String = "") -> [String] {
            [id, image, english[id]!, subtitle, points, price, original, discount, "THB", category, before, after, thai[id]!, arabic[id]!]
        }
        let rows = [
            row("shirt", image: "photos/shirt.jpg", subtitle: "Breathable and light", price: "1290", original: "2580", category: "apparel"),
            row("serum", image: "photos/serum.jpg", subtitle: "Vitamin C brightening", price: "890", discount: "30", category: "beauty",
                before: "photos/serum-before.jpg", after: "photos/serum-after.jpg"),
            row("buds", image: "photos/buds.jpg", points: "ANC 35 dB|30 h battery|IPX5", price: "2490", original: "3290", category: "3c"),
            row("sofa", image: "photos/sofa.jpg", price: "15900", category: "home"),
            row("mango", image: "photos/mango.jpg|photos/mango-tasting.jpg", subtitle: "Fresh every morning", price: "159",
                original: "199", category: "food"),
        ]
        return try manifest(in: dir, columns: columns, rows: rows)
    }

    /// Writes `manifest.csv` in `dir`, quoting cells as CSV needs.
    static func manifest(in dir: URL, name: String = "manifest.csv", columns: [String], rows: [[String]]) throws -> URL {
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let text = ([columns] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The repository's presets, as the binary loads them.
    static let presets: PresetLibrary = {
        let (lib, issues) = PresetLibrary.load([TestSupport.repoRoot.appendingPathComponent("presets")])
        precondition(issues.isEmpty, "the repository's presets have problems: \(issues)")
        return lib
    }()

    static func document(_ out: URL) throws -> CoverJSON.Document {
        let data = try Data(contentsOf: out.appendingPathComponent(CoverJSON.fileName))
        return try JSONDecoder().decode(CoverJSON.Document.self, from: data)
    }

    /// Runs `marquee covers compose` with `args` appended.
    static func compose(manifest: URL, out: URL, _ args: [String]) throws -> TestSupport.Run {
        try TestSupport.run(["covers", "compose", "--manifest", manifest.path, "--out", out.path] + args)
    }

    /// Files in `dir` (not recursive) whose name ends in `.part`: what an interrupted atomic write leaves.
    static func partFiles(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(AtomicFile.partSuffix) }
    }

    /// Whether `text` is `full`, or a shortening of it: a prefix of it followed by "…".
    static func isShortening(_ text: String, of full: String) -> Bool {
        if text == full { return true }
        guard text.hasSuffix("…") else { return false }
        let stem = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
        return !stem.isEmpty && full.hasPrefix(stem)
    }
}

/// The whole covers job end to end with the real binary: a five-category show for three platforms and
/// three regions, every cover checked from its `covers.json` record against the platform's rules.
@Suite(.serialized) struct CoverComposeTests {
    static let platforms = ["tiktok", "youtube-thumbnail", "shopee-live"]
    static let regions = ["na", "sea", "mena"]
    static let products = ["shirt", "serum", "buds", "sofa", "mango"]

    @Test func showForThreePlatformsAndRegionsMeetsEveryRule() throws {
        let dir = try TestSupport.tempDir("compose")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try CoverFixtures.show(in: dir)
        let out = dir.appendingPathComponent("out")
        let args = ["--platforms", Self.platforms.joined(separator: ","), "--regions", Self.regions.joined(separator: ","),
                    "--seed", "7", "--jobs", "2"]
        let run = try CoverFixtures.compose(manifest: manifest, out: out, args)
        #expect(run.status == 0, "stdout: \(run.stdout.suffix(4000))\nstderr: \(run.stderr.suffix(2000))")

        // Every expected file, decodable at its platform's canvas size.
        var expected: Set<String> = []
        for id in Self.products {
            for platform in Self.platforms {
                let canvas = try #require(CoverFixtures.presets.platforms[platform]).canvas
                for region in Self.regions {
                    let file = "\(id)-\(platform)-\(region)-v1.jpg"
                    expected.insert(file)
                    let url = out.appendingPathComponent(file)
                    guard FileManager.default.fileExists(atPath: url.path) else {
                        Issue.record("missing cover \(file)"); continue
                    }
                    let img = try Image.open(url.path)
                    #expect(img.width == canvas.width && img.height == canvas.height, "\(file) is \(img.width)x\(img.height)")
                    #expect(try img.bandMeans().count == 3, "\(file) does not decode as 3-band RGB")
                }
            }
        }
        #expect(expected.count == 45)

        let doc = try CoverFixtures.document(out)
        #expect(Set(doc.covers.map(\.file)) == expected)
        #expect(doc.covers.count == 45)
        #expect(doc.failures.isEmpty, "\(doc.failures)")

        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        for file in expected.sorted() {
            #expect(html.contains("href=\"\(file)\""), "index.html does not link \(file)")
        }

        for cover in doc.covers { Self.expectReadable(cover) }
        #expect(CoverFixtures.partFiles(out).isEmpty)

        // Same seed, new folder: the same layers for every cover. The re-run asks for a part of the batch
        // (two platforms, two regions: 20 covers, to keep the test short), so it also shows that a
        // cover does not depend on which other covers are in the batch.
        let again = dir.appendingPathComponent("again")
        let rerun = try CoverFixtures.compose(manifest: manifest, out: again,
                                              ["--platforms", "youtube-thumbnail,shopee-live", "--regions", "sea,mena", "--seed", "7", "--jobs", "2"])
        #expect(rerun.status == 0, "\(rerun.stdout.suffix(2000))")
        let doc2 = try CoverFixtures.document(again)
        #expect(doc2.covers.count == 20)
        let firstByFile = Dictionary(uniqueKeysWithValues: doc.covers.map { ($0.file, $0) })
        for c in doc2.covers {
            guard let a = firstByFile[c.file] else { Issue.record("\(c.file) only in the re-run"); continue }
            #expect(a.layers == c.layers, "\(c.file): layers differ between two runs with the same seed")
            #expect(a.layout == c.layout && a.seed == c.seed, "\(c.file): layout or seed differ")
        }
    }

    /// The rules every cover must meet, read from its record; with `titleLanguage`, the title is the
    /// show's title in the region's language.
    static func expectReadable(_ c: CoverRecord, titleLanguage: Bool = true) {
        let name = c.file
        let textLayers = c.layers.filter(\.isText)
        #expect(!textLayers.isEmpty, "\(name) has no text at all")
        for l in textLayers {
            let what = "\(name): \(l.kind)/\(l.role) “\(l.text ?? "")” at \(l.box)"
            if let slot = l.slot {
                #expect(slot.contains(l.box), "\(what) leaves its slot \(slot)")
            } else {
                Issue.record("\(what) has no slot")
            }
            #expect(c.canvas.contains(l.box), "\(what) leaves the canvas")
            #expect(c.safeArea.contains(l.box), "\(what) leaves the safe area \(c.safeArea)")
            guard let px = l.font_px else { Issue.record("\(what) has no font size"); continue }
            #expect(px >= c.min_font_px - 1, "\(what) is \(px) px, below the platform's \(c.min_font_px) px")
            let large = px * Double(c.feed_width) / Double(c.width) >= 18.66
            guard let contrast = l.contrast else { Issue.record("\(what) has no contrast"); continue }
            #expect(contrast >= (large ? 3 : 4.5), "\(what) has contrast \(contrast) (large: \(large))")
        }
        for (i, a) in textLayers.enumerated() {
            for b in textLayers[(i + 1)...] where a.box.intersects(b.box) {
                Issue.record("\(name): \(a.role) \(a.box) overlaps \(b.role) \(b.box)")
            }
        }
        let titles = textLayers.filter { $0.role == "title" }
        #expect(titles.count == 1, "\(name) has \(titles.count) titles")
        guard titleLanguage, let title = titles.first, let text = title.text else { return }
        switch c.region {
        case "sea":
            let th = CoverFixtures.thai[c.product] ?? ""
            #expect(CoverFixtures.isShortening(text, of: th), "\(name): title “\(text)” is not the Thai title “\(th)”")
        case "mena":
            let ar = CoverFixtures.arabic[c.product] ?? ""
            #expect(CoverFixtures.isShortening(text, of: ar), "\(name): title “\(text)” is not the Arabic title “\(ar)”")
            #expect(title.direction == "rtl", "\(name): Arabic title has direction \(title.direction ?? "none")")
        default:
            let en = CoverFixtures.english[c.product] ?? ""
            #expect(CoverFixtures.isShortening(text, of: en), "\(name): title “\(text)” is not the English title “\(en)”")
            #expect(title.direction == "ltr")
        }
    }

    /// Another seed with two variants: each product's two covers differ in layout, layer boxes or colours.
    @Test func variantsOfOneSeedDiffer() throws {
        let dir = try TestSupport.tempDir("variants")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try CoverFixtures.show(in: dir)
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out,
                                            ["--platforms", "youtube-thumbnail,shopee-live", "--regions", "na", "--variants", "2",
                                             "--seed", "20240611", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        let doc = try CoverFixtures.document(out)
        #expect(doc.covers.count == 20)
        for c in doc.covers { Self.expectReadable(c) }
        let groups = Dictionary(grouping: doc.covers) { "\($0.product)-\($0.platform)-\($0.region)" }
        #expect(groups.count == 10)
        for (key, covers) in groups.sorted(by: { $0.key < $1.key }) {
            guard let v1 = covers.first(where: { $0.variant == 1 }), let v2 = covers.first(where: { $0.variant == 2 }) else {
                Issue.record("\(key): missing a variant"); continue
            }
            let sameLayout = v1.layout == v2.layout
            let sameBoxes = v1.layers.map(\.box) == v2.layers.map(\.box)
            func colours(_ c: CoverRecord) -> [String] { c.layers.flatMap { [$0.color ?? "", $0.background ?? "", $0.kind == "background" ? $0.role : ""] } }
            let sameColours = colours(v1) == colours(v2)
            guard sameLayout && sameBoxes && sameColours else { continue }
            let identical = (try? Data(contentsOf: out.appendingPathComponent(v1.file))) == (try? Data(contentsOf: out.appendingPathComponent(v2.file)))
            Issue.record("\(key): variants 1 and 2 have the same layout (\(v1.layout)), layer boxes and colours\(identical ? "; the files are byte-identical" : " (the pixels differ, e.g. by crop)")")
        }
    }
}
