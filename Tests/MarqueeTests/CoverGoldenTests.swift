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

/// One golden picture per layout (TikTok, North America), compared by similarity rather than bytes:
/// both images are brought to 135x240 and compared by PSNR, so an honest re-render (another libvips
/// or FreeType build, JPEG rounding) passes and a change in where things go fails.
///
/// `MARQUEE_UPDATE_GOLDENS=1 swift test --filter CoverGoldenTests` rewrites `Tests/Goldens/*.png`.
@Suite(.serialized) struct CoverGoldenTests {
    static let layouts = ["apparel-hero", "beauty-split", "tech-points", "home-scene", "food-closeup"]
    static let productOf = ["apparel-hero": "shirt", "beauty-split": "serum", "tech-points": "buds",
                            "home-scene": "sofa", "food-closeup": "mango"]
    static let size = (width: 135, height: 240)
    /// Honest re-renders on this machine are identical (infinite PSNR); across font and libvips builds
    /// they stay well above this. A moved title block, a swapped photo or another palette fall far below.
    static let minPSNR = 30.0
    static let goldenDir = TestSupport.repoRoot.appendingPathComponent("Tests/Goldens")
    static var updating: Bool { ProcessInfo.processInfo.environment["MARQUEE_UPDATE_GOLDENS"] == "1" }

    @Test func everyLayoutMatchesItsGolden() throws {
        let dir = try TestSupport.tempDir("golden")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try CoverFixtures.show(in: dir, photoSide: 800)
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out,
                                            ["--platforms", "tiktok", "--regions", "na", "--seed", "1", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        let doc = try CoverFixtures.document(out)
        if Self.updating { try FileManager.default.createDirectory(at: Self.goldenDir, withIntermediateDirectories: true) }

        for layout in Self.layouts {
            let id = try #require(Self.productOf[layout])
            let cover = try #require(doc.covers.first { $0.product == id }, "no cover for \(id)")
            #expect(cover.layout == layout, "\(id) was composed with \(cover.layout), expected \(layout)")
            let small = try Self.downscaled(Image.open(out.appendingPathComponent(cover.file).path))
            let golden = Self.goldenDir.appendingPathComponent("\(layout).png")
            if Self.updating {
                try small.encoded(as: .png).write(to: golden)
                continue
            }
            let reference = try Image.open(golden.path)
            #expect(reference.width == Self.size.width && reference.height == Self.size.height)
            let psnr = try Self.psnr(small, reference)
            #expect(psnr >= Self.minPSNR, "\(layout): PSNR \(String(format: "%.1f", psnr)) dB against \(golden.lastPathComponent), needs \(Self.minPSNR)")

            // The comparison must be able to fail: the same cover with its title block and photo
            // swapped (a layout change of the kind a golden exists to catch) falls below the bar.
            let frame = try Self.titleSwapped(small, cover)
            let moved = try Self.psnr(frame, reference)
            #expect(moved < Self.minPSNR, "\(layout): a swapped title position still scores \(String(format: "%.1f", moved)) dB")
        }
    }

    /// Covers from real photographs (scikit-image's astronaut, coffee, chelsea and rocket) on every
    /// platform: portrait, landscape (youtube-thumbnail, amazon-live) and square (shopee-live,
    /// lazada-live) canvases, Latin and Arabic, each against its golden `Tests/Goldens/real-PLATFORM.png`
    /// (135 px wide). A cover shifted by a few pixels must fall below the bar.
    @Test func realPhotoCoversOnEveryPlatformMatchTheirGoldens() throws {
        let dir = try TestSupport.tempDir("golden-real")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try RealPhotos.show(in: dir)
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", CoverDesignerTests.platforms.joined(separator: ","),
                                                                           "--regions", "na,mena", "--seed", "1", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        let doc = try CoverFixtures.document(out)
        let products = ["shirt", "serum", "buds", "sofa", "mango"]
        for (i, platform) in CoverDesignerTests.platforms.enumerated() {
            let product = products[i % products.count], region = i % 2 == 0 ? "na" : "mena"
            let cover = try #require(doc.covers.first { $0.product == product && $0.platform == platform && $0.region == region })
            let full = try Image.open(out.appendingPathComponent(cover.file).path)
            let small = try Self.downscaled(full, width: 135, height: max(1, 135 * full.height / full.width))
            let golden = Self.goldenDir.appendingPathComponent("real-\(platform).png")
            if Self.updating {
                try small.encoded(as: .png).write(to: golden)
                continue
            }
            let reference = try Image.open(golden.path)
            #expect(reference.width == small.width && reference.height == small.height, "\(platform): golden size changed")
            let psnr = try Self.psnr(small, reference)
            #expect(psnr >= Self.minPSNR, "\(cover.file): PSNR \(String(format: "%.1f", psnr)) dB against \(golden.lastPathComponent)")
            let shifted = try small.insert(small.crop(x: 4, y: 4, width: small.width - 4, height: small.height - 4), x: 0, y: 0)
            let moved = try Self.psnr(shifted, reference)
            #expect(moved < Self.minPSNR, "\(platform): a cover moved by 4 px still scores \(String(format: "%.1f", moved)) dB")
        }
    }

    /// The goldens' photos are drawn from fixed colours; they must be the colours asked for (and so are
    /// the solid fills and text inks the layouts paint with the same call).
    @Test func solidColoursAreDrawnExactly() throws {
        for rgb in [[200.0, 60, 70], [17, 17, 17], [240, 234, 223], [0, 128, 255]] {
            let means = try Image.solid(width: 16, height: 8, rgb: rgb).bandMeans()
            #expect(means == rgb, "asked for \(rgb), drew \(means)")
        }
        let rgba = try Image.solid(width: 4, height: 4, rgb: [10, 20, 30], alpha: 128)
        #expect(try rgba.bandMeans() == [10, 20, 30, 128])
    }

    /// A real layout change, not a simulated one: a category preset that gives the photo less room
    /// (the title, price and badges move) fails the apparel golden.
    @Test func changedLayoutFailsTheGolden() throws {
        guard !Self.updating else { return }
        let dir = try TestSupport.tempDir("golden-moved")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Only the apparel product: the other covers are not needed here.
        let show = try String(contentsOf: CoverFixtures.show(in: dir, photoSide: 800), encoding: .utf8).split(separator: "\n")
        let manifest = dir.appendingPathComponent("shirt.csv")
        try (show.filter { $0.hasPrefix("id,") || $0.hasPrefix("shirt,") }.joined(separator: "\n") + "\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let presets = dir.appendingPathComponent("presets/categories")
        try FileManager.default.createDirectory(at: presets, withIntermediateDirectories: true)
        let apparel = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("presets/categories/apparel.yaml"), encoding: .utf8)
        let changed = apparel.replacingOccurrences(of: "height_share: 0.72", with: "height_share: 0.45")
        #expect(changed != apparel, "apparel.yaml no longer has height_share: 0.72; update this test")
        try changed.write(to: presets.appendingPathComponent("apparel.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let run = try TestSupport.run(["covers", "compose", "--presets", dir.appendingPathComponent("presets").path,
                                       "--manifest", manifest.path, "--out", out.path, "--platforms", "tiktok", "--regions", "na",
                                       "--seed", "1", "--jobs", "2", "--checks", "none"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))\n\(run.stderr.suffix(2000))")
        let cover = try #require(try CoverFixtures.document(out).covers.first { $0.product == "shirt" })
        let small = try Self.downscaled(Image.open(out.appendingPathComponent(cover.file).path))
        let reference = try Image.open(Self.goldenDir.appendingPathComponent("apparel-hero.png").path)
        let psnr = try Self.psnr(small, reference)
        #expect(psnr < Self.minPSNR, "a smaller photo slot still scores \(String(format: "%.1f", psnr)) dB against the golden")
    }

    /// 135x240 (or `width`x`height`) sRGB, 3 bands, 8 bits.
    static func downscaled(_ img: Image, width: Int = size.width, height: Int = size.height) throws -> Image {
        let rgb = try img.flatten().bands(0, count: 3)
        let out = try VipsOperation.call("resize", ["in": .image(rgb), "scale": .double(Double(width) / Double(img.width)),
                                                    "vscale": .double(Double(height) / Double(img.height))]).image()
        return try out.cast("uchar").colourspaceTag("srgb")
    }

    /// Peak signal-to-noise ratio in dB over all bands (infinity for identical images), with libvips:
    /// subtract, square, average.
    static func psnr(_ a: Image, _ b: Image) throws -> Double {
        let diff = try VipsOperation.call("subtract", ["left": .image(a.bands(0, count: 3)), "right": .image(b.bands(0, count: 3))]).image()
        let sq = try VipsOperation.call("multiply", ["left": .image(diff), "right": .image(diff)]).image()
        let mse = try #require(VipsOperation.call("avg", ["in": .image(sq)]).numbers["out"])
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// The cover with the band holding its title and the band holding the photo exchanged, at golden size.
    static func titleSwapped(_ small: Image, _ cover: CoverRecord) throws -> Image {
        let sy = Double(size.height) / Double(cover.height)
        let title = try #require(cover.layers.first { $0.role == "title" })
        let photo = try #require(cover.layers.first { $0.kind == "photo" && $0.role == "hero" })
        // Title band: the title's rows; photo band: as many rows from the photo's middle.
        let h = max(8, Int(Double(title.box.h) * sy))
        let ty = min(size.height - h, Int(Double(title.box.y) * sy))
        let py = min(size.height - h, max(0, Int(Double(photo.box.y + photo.box.h / 2) * sy) - h / 2))
        let titleBand = try small.crop(x: 0, y: ty, width: size.width, height: h)
        let photoBand = try small.crop(x: 0, y: py, width: size.width, height: h)
        return try small.insert(photoBand, x: 0, y: ty).insert(titleBand, x: 0, y: py)
    }
}
