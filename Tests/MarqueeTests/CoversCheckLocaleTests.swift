import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers

/// `covers check` on covers in Arabic and Thai script without `--locale`: the text is read with the
/// script's own Tesseract model (never the English one alone), the report says which models read
/// it, and nothing fails for the reading's sake. Marquee's own covers use their covers.json without
/// being told, and say so.
@Suite struct CoversCheckLocaleTests {
    /// A cover in the style of Marquee's (a LIVE badge in the local script, a two-line title, a Latin
    /// price) drawn with libvips on a warm backdrop.
    static func cover(_ script: String, in dir: URL) throws -> CoverCheckInput {
        var c = try CheckFixture(platform: "tiktok", background: [122, 72, 40])
        let (font, live, title, second) = script == "ar"
            ? ("Noto Sans Arabic Bold", "مباشر", "أرز دبق بالمانجو", "طازج كل صباح")
            : ("Noto Sans Thai Bold", "ไลฟ์สด", "ข้าวเหนียวมะม่วง", "สดใหม่ทุกเช้า")
        let x = script == "ar" ? 380 : 100
        try c.block(Box(x: x, y: 150, w: 260, h: 100), rgb: [200, 30, 40])
        try c.text(live, x: x + 30, y: 160, px: 56, colour: "#FFFFFF", role: "live", kind: "badge", font: font)
        try c.text(title, x: x, y: 300, px: 88, colour: "#FFFFFF", font: font)
        try c.text(second, x: x, y: 440, px: 64, colour: "#FFFFFF", role: "subtitle", font: font)
        try c.text("THB 159.00", x: x, y: 1200, px: 68, colour: "#FFFFFF", role: "price", kind: "price")
        return try c.write(dir, "cover-\(script)", format: .jpg)
    }

    static func covers(_ run: TestSupport.Run) throws -> [[String: Any]] {
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return doc?["covers"] as? [[String: Any]] ?? []
    }

    /// The error findings of the text-size and legibility checks, as "check: message".
    static func readingErrors(_ cover: [String: Any]) -> [String] {
        let checks = cover["checks"] as? [[String: Any]] ?? []
        return checks.filter { ["text-size", "legibility"].contains($0["check"] as? String) }.flatMap { c in
            (c["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
                .map { "\(c["check"] ?? ""): \($0["message"] ?? "")" }
        }
    }

    @Test(arguments: [("ar", "ara"), ("th", "tha")])
    func arabicAndThaiCoversAreReadWithTheirScriptWithoutLocale(script: String, model: String) throws {
        let dir = try TestSupport.tempDir("check-locale-\(script)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.cover(script, in: dir)
        let run = try TestSupport.run(["covers", "check", "--platform", "tiktok", "--json", input.image_path])
        let cover = try #require(try Self.covers(run).first, "\(run.stderr)")
        #expect(cover["text_source"] as? String == "detection")
        #expect((cover["ocr_models"] as? [String])?.first == model, "\(cover["ocr_models"] ?? "none") \(cover["notes"] ?? "")")
        #expect(cover["locale"] as? String == script)
        #expect(Self.readingErrors(cover).isEmpty, "\(Self.readingErrors(cover))")
        // The title is read (its letters, Thai's marks above and below the line aside: see OCRScriptTests).
        let texts = (cover["texts"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        let title = Array(OCRScriptTests.baseLetters(input.cover.layers[2].text ?? "").filter { $0 != " " })
        let best = texts.map { t in Array(OCRScriptTests.baseLetters(t).filter { $0 != " " }) }
            .map { read in Double(title.filter(read.contains).count) / Double(max(title.count, 1)) }.max() ?? 0
        #expect(best >= 0.9, "\(texts)")

        // With --region the region's languages read it first; the report still names the models.
        let region = script == "ar" ? "mena" : "sea"
        let regional = try TestSupport.run(["covers", "check", "--platform", "tiktok", "--region", region, "--json", input.image_path])
        let r = try #require(try Self.covers(regional).first, "\(regional.stderr)")
        #expect((r["ocr_models"] as? [String])?.first == model && Self.readingErrors(r).isEmpty, "\(r["notes"] ?? "") \(Self.readingErrors(r))")
    }

    /// Text the reader is unsure of never fails text-size or legibility: the cover gets a
    /// `text-detection` warning that names --locale.
    @Test func unsureReadingWarnsAndNamesLocale() throws {
        let dir = try TestSupport.tempDir("check-locale-unsure")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.cover("ar", in: dir)
        // The Arabic cover read as English: the wrong script, as a user giving the wrong --locale gets.
        let run = try TestSupport.run(["covers", "check", "--platform", "tiktok", "--locale", "en", "--json", input.image_path])
        let cover = try #require(try Self.covers(run).first, "\(run.stderr)")
        #expect(Self.readingErrors(cover).isEmpty, "\(Self.readingErrors(cover))")
        let checks = cover["checks"] as? [[String: Any]] ?? []
        let detection = checks.first { $0["check"] as? String == "text-detection" }
        #expect(detection?["verdict"] as? String == "warn" && (detection?["reason"] as? String)?.contains("--locale") == true,
                "\(checks.map { "\($0["check"] ?? ""): \($0["reason"] ?? "")" })")
    }

    /// The covers.json beside the images is used without --layers (the folder or the images given),
    /// announced in one line on stderr, and gives the same verdicts as --layers; --layers none detects.
    @Test func coversJSONBesideTheImagesIsUsedAndAnnounced() throws {
        let dir = try TestSupport.tempDir("check-auto-layers")
        defer { try? FileManager.default.removeItem(at: dir) }
        var records: [CoverRecord] = []
        for script in ["ar", "th"] { records.append(try Self.cover(script, in: dir).cover) }
        records[0].layers[2].box.x = 0   // the Arabic title at the canvas edge: an edge-margin failure layers show
        struct Doc: Encodable { let covers: [CoverRecord] }
        let json = dir.appendingPathComponent("covers.json")
        try JSONEncoder().encode(Doc(covers: records)).write(to: json)
        let images = records.map { dir.appendingPathComponent($0.file).path }
        let base = ["covers", "check", "--platform", "tiktok", "--checks", "edge-margin,text-density,safe-zone,text-size", "--json"]
        let explicit = try TestSupport.run(base + ["--layers", json.path] + images)
        let folder = try TestSupport.run(base + [dir.path])
        let files = try TestSupport.run(base + images)
        let announced = "using layer data from \(json.path); --layers none to detect the text instead"
        #expect(!explicit.stderr.contains("using layer data"), "\(explicit.stderr)")
        for run in [folder, files] {
            #expect(run.stderr.components(separatedBy: "\n").filter { $0.contains("using layer data") } == [announced], "\(run.stderr)")
            #expect(run.status == explicit.status)
        }
        func summary(_ run: TestSupport.Run) throws -> [String] {
            try Self.covers(run).map { c in
                let checks = (c["checks"] as? [[String: Any]] ?? []).map { "\($0["check"] ?? "")=\($0["verdict"] ?? "")" }
                return "\(c["file"] ?? "") \(c["text_source"] ?? "") \(c["verdict"] ?? "") \(checks) \(c["text_area_share"] ?? "")"
            }
        }
        let expected = try summary(explicit)
        #expect(expected.count == 2 && expected.allSatisfy { $0.contains(" layers ") } && expected[0].contains("edge-margin=fail"), "\(expected)")
        #expect(try summary(folder) == expected)
        #expect(try summary(files) == expected)
        let none = try TestSupport.run(base + ["--layers", "none", dir.path])
        let detected = try Self.covers(none).map { $0["text_source"] as? String }
        #expect(!none.stderr.contains("using layer data") && detected == ["detection", "detection"], "\(none.stderr)")
    }
}
