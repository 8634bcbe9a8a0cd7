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
@testable import ReportWriters
import Testing

@Suite struct ContactSheetTests {
    struct Batch {
        let input: CoverReportInput
        let records: [CoverRecord]
    }

    /// Three real JPEG covers in a fresh folder, their records, findings and one failure.
    func batch() throws -> Batch {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let specs: [(product: String, platform: String, region: String, locale: String, title: String, rgb: [Double])] = [
            ("p1", "tiktok", "sea", "th", "เซรั่มบำรุงผิว", [200, 40, 40]),
            ("p1", "shopee-live", "sea", "th", "เซรั่มบำรุงผิว", [40, 160, 60]),
            ("p2", "tiktok", "mena", "ar", "<script>alert(1)</script> عطر & مسك", [30, 60, 200]),
        ]
        var records: [CoverRecord] = []
        for s in specs {
            let file = "\(s.product)-\(s.platform)-\(s.region)-v1.jpg"
            let data = try Image.solid(width: 360, height: 640, rgb: s.rgb).encoded(as: .jpg, quality: 85)
            try data.write(to: dir.appendingPathComponent(file))
            let title = CoverLayer(kind: "text", role: "title", box: Box(x: 20, y: 400, w: 320, h: 80), text: s.title,
                                   font_px: 48, font: "Noto Sans Bold", color: "#FFFFFF", background: "#202020", contrast: 16.1,
                                   direction: s.locale == "ar" ? "rtl" : "ltr")
            records.append(CoverRecord(file: file, product: s.product, platform: s.platform, region: s.region, locale: s.locale,
                                       category: "beauty", layout: "hero-band", variant: 1, seed: 42, width: 360, height: 640,
                                       format: "jpg", quality: 85, bytes: data.count, inputs: ["/photos/\(s.product).jpg"],
                                       safe_zone: Insets(top: 40, bottom: 80, left: 20, right: 20), feed_width: 180,
                                       min_font_px: 24, layers: [title]))
        }
        let findings: [String: [Finding]] = [
            records[2].file: [
                Finding(check: "contrast", severity: .warning, message: "“<b>” #777777 on #808080 has contrast 1.1", layer: 0),
                Finding(check: "safe-zone", severity: .error, message: "text leaves the safe area", layer: 0, box: Box(x: 0, y: 0, w: 10, h: 10)),
            ],
            records[0].file: [],
        ]
        let failures = [OutputFailure(item: "p3-tiktok-sea-v1", file: "p3-tiktok-sea-v1.jpg", field: "price",
                                      message: "product p3, field price: \"-5\" is negative; give a price of 0 or more")]
        // Given out of report order on purpose.
        let input = CoverReportInput(records: [records[2], records[0], records[1]], findings: findings, failures: failures,
                                     outDir: dir, title: "Marquee covers: <test>")
        return Batch(input: input, records: records)
    }

    func count(_ needle: String, in hay: String) -> Int { hay.components(separatedBy: needle).count - 1 }

    @Test func contactSheetAndCoversJSON() throws {
        let b = try batch()
        defer { try? FileManager.default.removeItem(at: b.input.outDir) }
        let dir = b.input.outDir
        let sheet = ContactSheet(), json = CoverJSON()
        let sheetFiles = try sheet.write(b.input, parameters: sheet.metadata.resolve(["thumb_height": .integer(120)]))
        let jsonFiles = try json.write(b.input, parameters: json.metadata.resolve([:]))
        #expect(jsonFiles == ["covers.json"])
        #expect(sheetFiles.first == "index.html")
        #expect(sheetFiles.count == 4)

        let html = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Product, then platform, then region groups.
        #expect(html.contains("<span class=\"id\">p1</span>"))
        #expect(html.contains("<span class=\"id\">p2</span>"))
        #expect(html.contains("<h3>tiktok</h3>"))
        #expect(html.contains("<h3>shopee-live</h3>"))
        #expect(html.contains("data-region=\"sea\""))
        #expect(html.contains("data-region=\"mena\""))
        let p1 = html.range(of: "<span class=\"id\">p1</span>")!.lowerBound, p2 = html.range(of: "<span class=\"id\">p2</span>")!.lowerBound
        #expect(p1 < p2)
        // Text is escaped everywhere; no script, no network.
        #expect(count("<script", in: html) == 1, "only the filters' own script")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; عطر &amp; مسك"))
        #expect(html.contains("Marquee covers: &lt;test&gt;"))
        #expect(html.contains("“&lt;b&gt;” #777777"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("dir=\"auto\" lang=\"ar\""))
        // One image per cover, linking to the full cover.
        #expect(count("<img ", in: html) == 3)
        for r in b.records {
            #expect(html.contains("<a href=\"\(r.file)\"><img src=\"thumbs/"))
        }
        // Findings coloured by severity, failures listed, summary counts.
        #expect(html.contains("<li class=\"error\">"))
        #expect(html.contains("<li class=\"warning\">"))
        #expect(html.contains("card fail") && html.contains("data-verdict=\"fail\""))
        #expect(html.contains("<code>p3-tiktok-sea-v1</code>"))
        #expect(html.contains("<b>3</b> covers"))
        #expect(html.contains("<b>2</b> products"))
        #expect(html.contains("<b>2</b> platforms"))
        #expect(html.contains("<b>2</b> regions"))
        #expect(html.contains("<b>1</b> failure"))

        for thumb in sheetFiles.dropFirst() {
            #expect(thumb.hasPrefix("thumbs/"))
            let img = try Image.open(dir.appendingPathComponent(thumb).path)
            // Portrait covers are drawn 8/5 of the thumbnail height, so mixed canvases read alike.
            #expect(img.height == 192 && img.width == 108, "\(img.width)x\(img.height)")
        }

        let data = try Data(contentsOf: dir.appendingPathComponent("covers.json"))
        let file = try JSONDecoder().decode(MachineOutput<CoverJSON.Document>.self, from: data)
        let doc = file.payload
        #expect(doc.covers == b.records.sorted { ($0.product, $0.platform) < ($1.product, $1.platform) })
        #expect(Set(doc.covers) == Set(b.records))
        // Findings flattened in cover order, each with its cover's file.
        #expect(doc.findings == (b.input.findings[b.records[2].file] ?? []).map { CoverJSON.CoverFinding(file: b.records[2].file, $0) })
        #expect(doc.failures == b.input.failures)
        #expect(file.envelope.kind == "covers" && file.envelope.schema_version == "1")
        #expect(file.envelope.tool == .init(name: "marquee", version: MarqueeTool.version))
        let written = try #require(try? Date(file.envelope.created_at, strategy: .iso8601), "created_at: \(file.envelope.created_at)")
        #expect(abs(written.timeIntervalSinceNow) < 120 && file.envelope.created_at.hasSuffix("Z"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\n  \"covers\" : ["))                     // pretty-printed
        let keys = ["covers", "created_at", "failures", "findings", "inputs", "kind", "schema_version", "tool"]
            .map { text.range(of: "\n  \"\($0)\" :")!.lowerBound }                // top-level keys
        #expect(keys == keys.sorted())                                     // sorted keys
    }

    @Test func thumbnailsAreNeverUpscaledAndFiltersListTheBatch() throws {
        let b = try batch()
        defer { try? FileManager.default.removeItem(at: b.input.outDir) }
        let sheet = ContactSheet()
        let files = try sheet.write(b.input, parameters: sheet.metadata.resolve(["thumb_height": .integer(600)]))
        for thumb in files.dropFirst() {
            #expect(try Image.open(b.input.outDir.appendingPathComponent(thumb).path).height == 640)
        }
        let html = try String(contentsOf: b.input.outDir.appendingPathComponent("index.html"), encoding: .utf8)
        for facet in ["platform", "region", "verdict", "finding"] { #expect(html.contains("<select name=\"\(facet)\">")) }
        #expect(html.contains("<option>shopee-live</option>") && html.contains("<option>safe-zone</option>"))
        #expect(html.contains("<option>failure</option>"), "failed items can be filtered too")
        #expect(throws: MarqueeError.self) { try sheet.metadata.resolve(["thumb_height": .integer(20)]) }
    }

    @Test func aMissingCoverGetsANoteNotAFailure() throws {
        let b = try batch()
        defer { try? FileManager.default.removeItem(at: b.input.outDir) }
        try FileManager.default.removeItem(at: b.input.outDir.appendingPathComponent(b.records[0].file))
        let sheet = ContactSheet()
        let files = try sheet.write(b.input, parameters: sheet.metadata.resolve([:]))
        #expect(files.count == 3)
        let html = try String(contentsOf: b.input.outDir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(count("<img ", in: html) == 2)
        #expect(html.contains("no thumbnail"))
    }

    /// Thumbnails made from each cover's bytes as it is written are the ones the sheet would make from
    /// the file at the end, and the sheet uses them; one older than its cover (the cover remade since) is
    /// made again from the file; thumbnail names are one per file, whatever its name holds.
    @Test func thumbnailsMadeAsCoversAreWrittenAreUsedUnlessStale() throws {
        let b = try batch()
        defer { try? FileManager.default.removeItem(at: b.input.outDir) }
        let dir = b.input.outDir
        let sheet = ContactSheet(), parameters = try sheet.metadata.resolve(["thumb_height": .integer(120)])
        let atEnd = dir.appendingPathComponent("at-end")
        try FileManager.default.createDirectory(at: atEnd, withIntermediateDirectories: true)
        for r in b.records {
            try FileManager.default.copyItem(at: dir.appendingPathComponent(r.file), to: atEnd.appendingPathComponent(r.file))
        }
        var endInput = b.input
        endInput.outDir = atEnd
        _ = try sheet.write(endInput, parameters: parameters)

        // A stale thumbnail: a picture of another colour, older than its cover.
        let stale = b.records[1]
        let wrong = try Image.solid(width: 50, height: 50, rgb: [0, 0, 255]).encoded(as: .jpg, quality: 80)
        for r in b.records {
            try sheet.coverWritten(r, encoded: try Data(contentsOf: dir.appendingPathComponent(r.file)), outDir: dir, parameters: parameters)
        }
        let staleThumb = dir.appendingPathComponent(ContactSheet.thumbName(stale.file))
        try wrong.write(to: staleThumb)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: staleThumb.path)
        let kept = dir.appendingPathComponent(ContactSheet.thumbName(b.records[0].file))
        let keptDate = try #require(try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date)
        let files = try sheet.write(b.input, parameters: parameters)
        #expect(files.count == 4)
        for r in b.records {
            let name = ContactSheet.thumbName(r.file)
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == Data(contentsOf: atEnd.appendingPathComponent(name)),
                    "\(r.file): the thumbnail made from its bytes is the one made from its file")
        }
        // The fresh one was not made again.
        #expect(try FileManager.default.attributesOfItem(atPath: kept.path)[.modificationDate] as? Date == keptDate)

        let names = ["a.jpg", "a.png", "a.png.jpg", "a%2Epng.jpg", "a b.jpg", "a_b.jpg", "x/y.jpg", "x_y.jpg", "#1.jpg"].map(ContactSheet.thumbName)
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names.allSatisfy { $0.hasPrefix("thumbs/") && $0.hasSuffix(".jpg") && !$0.dropFirst(7).contains("/") })
        #expect(ContactSheet.thumbName("p1-tiktok-sea-v1.jpg") == "thumbs/p1-tiktok-sea-v1.jpg")
    }

    @Test func familyListsBothWriters() {
        #expect(ReportWriters.all.map(\.metadata.name).sorted() == ["contact-sheet", "covers-json"])
        #expect(ReportWriters.all.allSatisfy { $0 is any CoverReportWriter && $0.metadata.kind == .reportWriter })
    }
}
