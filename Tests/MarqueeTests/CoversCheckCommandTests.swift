import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers

/// `marquee covers check` as a user runs it: bad input gets a message per cover while the rest are
/// checked, exit 1 when any cover fails, a JSON report that follows its schema, an HTML report
/// that a browser renders.
@Suite struct CoversCheckCommandTests {
    @Test func badInputIsReportedPerCoverAndTheRestAreChecked() throws {
        let dir = try TestSupport.tempDir("check-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        var good = try CheckFixture(platform: "shopee-live", background: [250, 245, 235])
        try good.text("Summer Sale", x: 80, y: 200, px: 90)
        let input = try good.write(dir, "good", format: .jpg)
        let goodData = try Data(contentsOf: URL(fileURLWithPath: input.image_path))
        try goodData.prefix(goodData.count / 2).write(to: dir.appendingPathComponent("truncated.jpg"))
        try Data().write(to: dir.appendingPathComponent("empty.png"))
        try Data("not an image".utf8).write(to: dir.appendingPathComponent("text.png"))
        try Image.solid(width: 3400, height: 3400, rgb: [9, 9, 9]).cast("uchar").encoded(as: .png).write(to: dir.appendingPathComponent("huge.png"))
        let args = ["covers", "check", "--platform", "shopee-live", "--checks", "platform-rules,safe-zone,edge-margin,text-density", "--json"]
        let run = try TestSupport.run(args + [dir.path, dir.appendingPathComponent("missing.jpg").path])
        #expect(run.status == 1, "\(run.stderr)")
        let json = dir.appendingPathComponent("json")
        try FileManager.default.createDirectory(at: json, withIntermediateDirectories: true)
        let doc = try OutputValidator.object(OutputValidator.save(run, as: "check.json", in: json))
        let valid = try OutputValidator.validate([json])
        #expect(valid.status == 0 && valid.output.contains("(covers-check)"), "\(valid.output)")
        let failures = doc["failures"] as? [[String: Any]] ?? []
        let messages = Dictionary(failures.map { ($0["item"] as? String ?? "", $0["message"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(messages["truncated.jpg"]?.contains("truncated or damaged") == true, "\(messages)")
        #expect(messages["empty.png"]?.contains("the file is empty") == true, "\(messages)")
        #expect(messages["text.png"]?.contains("not an image that can be read") == true, "\(messages)")
        #expect(messages["huge.png"]?.contains("far larger than Shopee Live's 800x800") == true, "\(messages)")
        #expect(messages["missing.jpg"]?.contains("no such file") == true, "\(messages)")
        let covers = doc["covers"] as? [[String: Any]] ?? []
        #expect(covers.map { $0["file"] as? String } == ["good.jpg"] && covers.first?["verdict"] as? String == "pass", "\(covers)")
        #expect(doc["unchecked"] as? Int == 5 && doc["total"] as? Int == 6)

        // An unknown --platform is a usage error naming the known ones.
        let unknown = try TestSupport.run(["covers", "check", "--platform", "tiktokk", input.image_path])
        #expect(unknown.status == 2 && unknown.stderr.contains("tiktok"), "\(unknown.stderr)")
    }

    @Test func layerDataThatDoesNotMatchItsImageIsReported() throws {
        let dir = try TestSupport.tempDir("check-layers")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cover = try CheckFixture(platform: "shopee-live", background: [250, 245, 235])
        try cover.text("Summer Sale", x: 80, y: 200, px: 90)
        var a = try cover.write(dir, "a", format: .jpg).cover
        var b = a; b.file = "b.jpg"; b.width = 1080; b.height = 1920
        var c = a; c.file = "c.jpg"; c.platform = "myspace"
        try FileManager.default.copyItem(atPath: dir.appendingPathComponent("a.jpg").path, toPath: dir.appendingPathComponent("b.jpg").path)
        try FileManager.default.copyItem(atPath: dir.appendingPathComponent("a.jpg").path, toPath: dir.appendingPathComponent("c.jpg").path)
        a.layers[0].box.x = 0   // the title at the canvas edge: fails the margin
        struct Doc: Encodable { let covers: [CoverRecord] }
        try JSONEncoder().encode(Doc(covers: [a, b, c])).write(to: dir.appendingPathComponent("covers.json"))
        let out = dir.appendingPathComponent("report")
        let run = try TestSupport.run(["covers", "check", "--checks", "edge-margin,text-density", "--out", out.path, dir.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("FAIL  a.jpg (shopee-live, layers") && run.stdout.contains("title “Summer Sale” is 0 px from the left edge"), "\(run.stdout)")
        #expect(run.stdout.contains("b.jpg: could not be checked: b.jpg: covers.json describes it as 1080x1920 but the image is 800x800"), "\(run.stdout)")
        #expect(run.stdout.contains("c.jpg: could not be checked: covers.json: unknown platform `myspace`"), "\(run.stdout)")
        let result = try OutputValidator.validate([out])
        #expect(result.status == 0 && result.output.contains("(covers-check)"), "\(result.output)")
    }

    /// The HTML report renders in headless Chromium: failures first, overlays drawn, feed-size copy beside.
    @Test func htmlReportRendersWithFailuresFirst() throws {
        let dir = try TestSupport.tempDir("check-html")
        defer { try? FileManager.default.removeItem(at: dir) }
        var fine = try CheckFixture(platform: "tiktok", background: [240, 236, 228])
        try fine.text("Summer Sale", x: 100, y: 400, px: 120)
        _ = try fine.write(dir, "fine", format: .jpg)
        var bad = try CheckFixture(platform: "tiktok", background: [240, 236, 228])
        try bad.text("USD 19", x: 0, y: 1600, px: 100, colour: "#000000", role: "price", kind: "price")
        _ = try bad.write(dir, "bad", format: .jpg)
        let out = dir.appendingPathComponent("report")
        let run = try TestSupport.run(["covers", "check", "--platform", "tiktok", "--out", out.path, dir.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("check-report.html"), encoding: .utf8)
        let badAt = try #require(html.range(of: "bad.jpg")), fineAt = try #require(html.range(of: "fine.jpg"))
        #expect(badAt.lowerBound < fineAt.lowerBound, "failures first")
        #expect(html.contains("<svg viewBox=\"0 0 1080 1920\"") && html.contains("stroke=\"#e0201b\"") && html.contains("-feed.png"))
        // The pictures beside each card: the cover at 720 px and at TikTok's feed size (180x320), each
        // within a grey level or two of libvips' own reduction of the file.
        let images = out.appendingPathComponent("check-images")
        let source = try Image.open(dir.appendingPathComponent("bad.jpg").path).materialized()
        for (suffix, width, height) in [(".jpg", 720, 1280), ("-feed.png", 180, 320)] {
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: images.path).first { $0.hasSuffix("bad\(suffix)") })
            let picture = try Image.open(images.appendingPathComponent(name).path)
            #expect(picture.width == width && picture.height == height, "\(name): \(picture.width)x\(picture.height)")
            let a = try picture.colourspace("srgb").bands(0, count: 3).pixelBytes(), b = try source.resize(Double(width) / 1080).pixelBytes()
            let diff = Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(max(1, a.count))
            #expect(a.count == b.count && diff < 2, "\(name) differs from the cover by \(diff) grey levels on average")
            #expect(a.contains { $0 < 60 }, "\(name) does not show the black price")
        }
        let shot = dir.appendingPathComponent("shot.png")
        let chromium = Process()
        chromium.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        chromium.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(shot.path)", "--window-size=1400,1600",
                              out.appendingPathComponent("check-report.html").absoluteString]
        chromium.standardError = FileHandle.nullDevice; chromium.standardOutput = FileHandle.nullDevice
        try chromium.run(); chromium.waitUntilExit()
        let png = try Image.open(shot.path)
        #expect(png.width == 1400, "chromium did not render the report")
        // Something was drawn: a page that failed to load is one flat colour.
        let means = try png.colourspace("srgb").bandMeans()
        #expect(means[0] < 250 && means[0] > 100, "\(means)")
    }
}
