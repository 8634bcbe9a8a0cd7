import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers
import CoverChecks

/// A test set built for the purpose: libvips-drawn covers with known text boxes, sizes and colours,
/// one that passes and one that fails (or warns) each check; every verdict is the expected one.
@Suite struct CoverCheckSetTests {
    typealias Case = (name: String, check: any CoverCheck, expected: Verdict, make: @Sendable (inout CheckFixture) throws -> Void)

    static let cases: [Case] = [
        ("safe-clear", SafeZoneCheck(), .pass, { try $0.text("Big Sale", x: 100, y: 400, px: 90) }),
        ("safe-price-under-ui", SafeZoneCheck(), .fail, { try $0.text("USD 19", x: 100, y: 1400, px: 90, role: "price", kind: "price") }),
        ("margin-clear", EdgeMarginCheck(), .pass, { try $0.text("Big Sale", x: 100, y: 400, px: 90) }),
        ("margin-at-edge", EdgeMarginCheck(), .fail, { try $0.block(Box(x: 0, y: 0, w: 200, h: 80), rgb: [220, 0, 0]) }),
        ("size-large", TextSizeCheck(), .pass, { try $0.text("Big Sale", x: 100, y: 400, px: 90) }),
        ("size-small", TextSizeCheck(), .fail, { try $0.text("tiny terms apply", x: 100, y: 400, px: 36) }),
        ("contrast-dark", ContrastCheck(), .pass, { try $0.text("Grey enough", x: 100, y: 400, px: 60, colour: "#595959") }),
        ("contrast-777", ContrastCheck(), .fail, { try $0.text("Too light grey", x: 100, y: 400, px: 60, colour: "#AAAAAA") }),
        ("density-low", TextDensityCheck(), .pass, { try $0.text("Big Sale", x: 100, y: 400, px: 90) }),
        ("density-high", TextDensityCheck(), .fail, { c in
            for row in 0..<6 { try c.text("WORDS WORDS", x: 40, y: 80 + 300 * row, px: 200, role: "point") }
        }),
        ("density-spread", TextDensityCheck(), .warn, { c in
            for row in 0..<5 { try c.text("Many words here", x: 60, y: 200 + 300 * row, px: 100, role: "point") }
        }),
        ("legible-title", LegibilityCheck(), .pass, { try $0.text("Summer Sale", x: 100, y: 400, px: 120) }),
        ("illegible-title", LegibilityCheck(), .fail, { try $0.text("Summer linen shirts", x: 100, y: 400, px: 22) }),
        ("platform-ok", PlatformRulesCheck(), .pass, { _ in }),
    ]

    @Test func everyVerdictOfTheTestSetIsTheExpectedOne() async throws {
        let dir = try TestSupport.tempDir("check-set")
        defer { try? FileManager.default.removeItem(at: dir) }
        var wrong: [String] = []
        for c in Self.cases {
            var cover = try CheckFixture()
            try c.make(&cover)
            let input = try cover.write(dir, c.name)
            let outcome = try await CheckFixture.verdict(c.check, input)
            if outcome.verdict != c.expected {
                wrong.append("\(c.name): \(c.check.metadata.name) said \(outcome.verdict.rawValue) (\(outcome.reason)), expected \(c.expected.rawValue)")
            }
            #expect(!outcome.reason.isEmpty)
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }

    /// The feed-size reading comes first; a layer it reads whole is not read again at full size.
    @Test func legibilityReadsAtFullSizeOnlyWhatFeedSizeMissed() async throws {
        let dir = try TestSupport.tempDir("check-legibility-reads")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, px, fullReads) in [("large", 120, 0.0), ("small", 22, 1.0)] {
            var cover = try CheckFixture()
            try cover.text(name == "large" ? "Summer Sale" : "Summer linen shirts", x: 100, y: 400, px: px)
            let outcome = try await CheckFixture.verdict(LegibilityCheck(), cover.write(dir, name))
            #expect(outcome.figures["full_size_reads"] == fullReads, "\(name): \(outcome.figures)")
        }
    }

    @Test func safeZoneSaysHowFarIntoTheUIZone() async throws {
        let dir = try TestSupport.tempDir("check-safe")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cover = try CheckFixture()
        let box = try cover.text("USD 19", x: 100, y: 1400, px: 90, role: "price", kind: "price")
        let outcome = try await CheckFixture.verdict(SafeZoneCheck(), cover.write(dir, "price"))
        let depth = box.maxY - (1920 - 480)
        let finding = try #require(outcome.findings.first)
        #expect(finding.figures?["overlap_px"] == Double(depth) && finding.message.contains("price “USD 19” reaches \(depth) px into the bottom UI zone"),
                "\(finding.message)")
    }

    @Test func contrastIsMeasuredFromPixelsNotDeclaredColours() async throws {
        let dir = try TestSupport.tempDir("check-contrast")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cover = try CheckFixture()
        try cover.text("Grey on white", x: 100, y: 400, px: 60, colour: "#777777")
        cover.layers[0].color = "#000000"   // the layout claims black; the pixels are #777777
        let outcome = try await CheckFixture.verdict(ContrastCheck(), cover.write(dir, "grey"))
        let ratio = try #require(outcome.findings.first?.figures?["contrast_ratio"])
        #expect(outcome.verdict == .fail && abs(ratio - 4.48) < 0.15, "\(outcome)")
        // Large text needs only 3:1 (WCAG): the same grey at 200 px passes.
        var large = try CheckFixture()
        try large.text("Big", x: 100, y: 400, px: 200, colour: "#777777")
        #expect(try await CheckFixture.verdict(ContrastCheck(), large.write(dir, "large")).verdict == .pass)
    }

    /// Black text running from a light wall onto a dark-blue sofa (the demo's Arabic sofa cover): the
    /// mean of all its background, a grey between the two, gave 5.7:1; the part on the sofa reads 3.1:1,
    /// and that part is what the check judges now.
    @Test func contrastIsJudgedWhereTheBackgroundIsWorst() async throws {
        let dir = try TestSupport.tempDir("check-contrast-split")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wall: [Double] = [220, 205, 185], sofa = Color(r: 68, g: 101, b: 138), ink = Color(r: 17, g: 17, b: 17)
        var split = try CheckFixture(background: wall)
        try split.block(Box(x: 0, y: 380, w: 560, h: 200), rgb: [68, 101, 138])
        split.layers.removeLast()   // the sofa is picture, not a layer
        let box = try split.text("Cozy Two-Seat Sofa", x: 100, y: 400, px: 60, colour: ink.hex)
        #expect(box.x < 560 && box.maxX > 620, "the line must run from the sofa onto the wall: \(box)")
        let outcome = try await CheckFixture.verdict(ContrastCheck(), split.write(dir, "split"))
        let finding = try #require(outcome.findings.first)
        let ratio = try #require(finding.figures?["contrast_ratio"])
        // Against the sofa's blue (the background class keeps a little of the letters' anti-aliased edge).
        #expect(outcome.verdict == .fail && abs(ratio - ink.contrast(with: sofa)) < 0.1, "\(finding.message)")
        // The same line on the wall alone passes.
        var plain = try CheckFixture(background: wall)
        try plain.text("Cozy Two-Seat Sofa", x: 100, y: 400, px: 60, colour: ink.hex)
        #expect(try await CheckFixture.verdict(ContrastCheck(), plain.write(dir, "plain")).verdict == .pass)
    }

    @Test func occlusionWarnsWhenTextCoversTheSubject() async throws {
        let dir = try TestSupport.tempDir("check-subject")
        defer { try? FileManager.default.removeItem(at: dir) }
        let photo = try Image.open(try SkimageData.path("astronaut.png")).flatten()
        var clear = try CheckFixture(platform: "shopee-live", photo: photo)
        try clear.block(Box(x: 40, y: 700, w: 200, h: 60), rgb: [255, 255, 255])
        let pass = try await CheckFixture.verdict(OcclusionCheck(), clear.write(dir, "clear"))
        #expect(pass.verdict == .pass, "\(pass)")
        // A panel over most of the picture covers the subject wherever attention puts it.
        var covered = try CheckFixture(platform: "shopee-live", photo: photo)
        try covered.block(Box(x: 40, y: 40, w: 720, h: 600), rgb: [255, 255, 255], kind: "label")
        let warn = try await CheckFixture.verdict(OcclusionCheck(), covered.write(dir, "covered"))
        #expect(warn.verdict == .warn, "\(warn)")
    }

    @Test func platformRulesCatchSizeFormatAndFileSize() async throws {
        let dir = try TestSupport.tempDir("check-platform")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cover = try CheckFixture(platform: "shopee-live")
        var input = try cover.write(dir, "webp", format: .webp)
        var outcome = try await CheckFixture.verdict(PlatformRulesCheck(), input)
        #expect(outcome.verdict == .fail && outcome.reason.contains("the file is WEBP; Shopee Live accepts JPG, PNG"), "\(outcome.reason)")
        // Noise does not compress: a PNG of it is far over Shopee's 200 kB.
        let noise = try Image.open(try SkimageData.path("gravel.png")).flatten().colourspace("srgb").thumbnail(width: 800, height: 800, crop: "centre")
        try noise.encoded(as: .png).write(to: URL(fileURLWithPath: input.image_path.replacingOccurrences(of: ".webp", with: ".png")))
        input.image_path = input.image_path.replacingOccurrences(of: ".webp", with: ".png")
        outcome = try await CheckFixture.verdict(PlatformRulesCheck(), input)
        #expect(outcome.verdict == .fail && outcome.reason.contains("accepts at most 200 kB"), "\(outcome.reason)")
        let small = try Image.solid(width: 400, height: 300, rgb: [200, 200, 200]).cast("uchar")
        try small.encoded(as: .jpg).write(to: dir.appendingPathComponent("small.jpg"))
        input.image_path = dir.appendingPathComponent("small.jpg").path
        outcome = try await CheckFixture.verdict(PlatformRulesCheck(), input)
        #expect(outcome.verdict == .fail && outcome.reason.contains("400x300") && outcome.reason.contains("cropped"), "\(outcome.reason)")
    }
}

/// scikit-image's sample photographs (a test oracle installed by `make setup`): real photos to put
/// text on, none committed here.
enum SkimageData {
    static func path(_ name: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import os, skimage.data; print(os.path.dirname(skimage.data.__file__))"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let dir = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        let file = (dir as NSString).appendingPathComponent(name)
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: file) else {
            throw MarqueeError.input("scikit-image's sample data (\(name)) is missing: run `make setup` (pip install scikit-image)")
        }
        return file
    }
}
