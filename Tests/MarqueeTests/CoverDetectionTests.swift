import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers
import CoverChecks

/// Text found by OCR on covers Marquee did not make, against the truth: plain libvips text drawn over
/// real photographs (scikit-image's samples), and Marquee's own composed covers against their layers.
@Suite struct CoverDetectionTests {
    /// Covers in the style of another tool: light or dark text straight on a photograph (colour and
    /// greyscale, sharp and upscaled, fur, stars, retina vessels), in several faces and sizes, with
    /// the truth being the drawn text boxes. Each text: (text, x, y, px, colour, font).
    static let covers: [(photo: String, platform: String, texts: [(String, Int, Int, Int, String, String)])] = [
        ("astronaut.png", "tiktok", [("SPACE SUIT SALE", 80, 250, 96, "#FFFFFF", sans), ("Only today", 80, 1250, 80, "#FFFF00", sans),
                                     ("USD 49", 600, 1350, 110, "#FFFFFF", sans)]),
        ("coffee.png", "shopee-live", [("Fresh Coffee", 60, 120, 80, "#FFFFFF", sans), ("THB 89", 480, 560, 70, "#FFEE00", sans)]),
        ("chelsea.png", "youtube-thumbnail", [("CAT CAFE TOUR", 80, 60, 120, "#FFFFFF", sans), ("new video", 820, 560, 70, "#FFFFFF", sans)]),
        ("rocket.jpg", "instagram-reels", [("Launch Week", 90, 330, 110, "#FFFFFF", sans), ("30% OFF", 90, 1300, 120, "#FFDD00", sans)]),
        ("camera.png", "shopee-live", [("Vintage Camera", 60, 40, 72, "#111111", "DejaVu Sans Bold"),
                                       ("from 25 USD", 420, 700, 54, "#FFFFFF", "DejaVu Sans")]),
        ("horse.png", "youtube-thumbnail", [("Riding Lessons", 40, 16, 64, "#202020", "Noto Serif Bold"),
                                            ("book now", 900, 620, 60, "#CC0000", "Noto Sans")]),
        ("hubble_deep_field.jpg", "tiktok", [("NIGHT SKY LIVE", 60, 200, 100, "#FFFFFF", "DejaVu Sans Bold"),
                                             ("Telescope kits", 60, 1500, 84, "#FFDD00", "Noto Serif Bold")]),
        ("retina.jpg", "shopee-live", [("Eye Care Week", 60, 40, 76, "#FFFFFF", "DejaVu Serif Bold"),
                                       ("free check", 420, 700, 56, "#FFFFFF", "Noto Sans")]),
        ("coffee.png", "tiktok", [("Morning Brew", 80, 300, 100, "#FFFFFF", "DejaVu Serif Bold"),
                                  ("two for one", 80, 1500, 76, "#FFEE00", "Noto Sans")]),
    ]
    static let sans = "Noto Sans Bold"

    @Test func textAreaFromOCRIsWithinThreePointsOfTheTruth() async throws {
        var report: [String] = []
        for c in Self.covers {
            let photo = try Image.open(try SkimageData.path(c.photo)).flatten().colourspace("srgb")
            var cover = try CheckFixture(platform: c.platform, photo: photo)
            for t in c.texts { try cover.text(t.0, x: t.1, y: t.2, px: t.3, colour: t.4, font: t.5) }
            let canvas = Box(x: 0, y: 0, w: cover.image.width, h: cover.image.height)
            let truth = Double(BoxArea.union(cover.layers.map(\.box), within: canvas)) / Double(canvas.area)
            let lines = try await TextDetection.detect(cover.image, locale: "en")
            let found = Double(BoxArea.union(lines.map(\.box), within: canvas)) / Double(canvas.area)
            report.append(String(format: "%@ on %@: truth %.2f %%, OCR %.2f %% (%@)", c.photo, c.platform, truth * 100, found * 100,
                                 lines.map(\.text).joined(separator: " | ")))
            #expect(abs(found - truth) <= 0.03, "\(report.last ?? "")")
            #expect(!lines.isEmpty)
        }
        print(report.joined(separator: "\n"))
    }

    /// Marquee's own covers: the text area OCR finds agrees with the layer data within 8 percentage
    /// points (measured: up to 7.5 with word boxes cut to their ink). OCR finds less: layer boxes of multi-line blocks include the
    /// space between lines and OCR lines do not, and a badge's layer box is its whole shape.
    @Test func detectionAgreesWithLayerDataOnComposedCovers() async throws {
        let dir = try TestSupport.tempDir("detect-composed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 3, categories: ["apparel", "beauty", "3c"])
        let out = dir.appendingPathComponent("out")
        let run = try TestSupport.run(["covers", "compose", "--manifest", manifest.path, "--platforms", "tiktok,youtube-thumbnail",
                                       "--regions", "na", "--checks", "none", "--reports", "covers-json", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr.suffix(800))")
        struct Doc: Decodable { let covers: [CoverRecord] }
        let doc = try JSONDecoder().decode(Doc.self, from: Data(contentsOf: out.appendingPathComponent("covers.json")))
        #expect(doc.covers.count == 6)
        var worst = 0.0
        for record in doc.covers {
            let image = try Image.loadStrict(out.appendingPathComponent(record.file).path)
            let canvas = record.canvas
            let layers = Double(BoxArea.union(record.layers.filter { $0.text != nil }.map(\.box), within: canvas)) / Double(canvas.area)
            let lines = try await TextDetection.detect(image, locale: "en")
            let found = Double(BoxArea.union(lines.map(\.box), within: canvas)) / Double(canvas.area)
            worst = max(worst, abs(found - layers))
            #expect(abs(found - layers) <= 0.08, "\(record.file): layers \(layers), OCR \(found): \(lines.map(\.text))")
        }
        print("composed covers: largest text-area difference OCR vs layers \(String(format: "%.2f", worst * 100)) points")
    }
}
