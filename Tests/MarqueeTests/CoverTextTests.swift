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

/// Text on covers: right-to-left scripts render and align right to left, long titles are shortened at
/// a word boundary (or refused when asked), and the file-size limit holds on a photo JPEG hates.
@Suite(.serialized) struct CoverTextTests {
    // MARK: - Arabic word order in Pango renderings

    /// Ink per pixel column of a text rendering (sum of its alpha band).
    static func columnProfile(_ rendered: Image) throws -> [Double] {
        let alpha = try rendered.bands(rendered.bands - 1, count: 1).cast("uchar")
        let px = try alpha.pixelBytes()
        let w = alpha.width
        var cols = [Double](repeating: 0, count: w)
        for (i, v) in px.enumerated() { cols[i % w] += Double(v) }
        return cols
    }

    /// Pearson correlation of two equally long profiles.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(min(a.count, b.count))
        let a = Array(a.prefix(Int(n))), b = Array(b.prefix(Int(n)))
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return saa == 0 || sbb == 0 ? 0 : sab / (saa * sbb).squareRoot()
    }

    /// Renders "A B" and each word alone, and scores how well each word's ink matches the right and the
    /// left end of the pair.
    static func placement(_ a: String, _ b: String, font: String) throws -> (aRight: Double, bRight: Double, aLeft: Double, bLeft: Double) {
        let pair = try columnProfile(Image.text(a + " " + b, font: font).image)
        let pa = try columnProfile(Image.text(a, font: font).image)
        let pb = try columnProfile(Image.text(b, font: font).image)
        #expect(pair.count > pa.count + pb.count / 2, "the pair is not wider than its words")
        return (correlation(Array(pair.suffix(pa.count)), pa), correlation(Array(pair.suffix(pb.count)), pb),
                correlation(Array(pair.prefix(pa.count)), pa), correlation(Array(pair.prefix(pb.count)), pb))
    }

    @Test func arabicFirstWordIsOnTheRight() throws {
        // شمس (sun: three teeth and dots) and قلم (pen: a tall stroke and loops) have distinct ink profiles.
        let s = try Self.placement("شمس", "قلم", font: "Noto Sans Arabic Bold 64")
        #expect(s.aRight > 0.9, "the first Arabic word's ink is not at the right end (correlation \(s.aRight))")
        #expect(s.aRight > s.bRight + 0.1, "right end: first word \(s.aRight), second word \(s.bRight)")
        #expect(s.bLeft > s.aLeft + 0.1, "left end: second word \(s.bLeft), first word \(s.aLeft)")

        // The same measure on Latin puts the first word on the left: the test tells the directions apart.
        let l = try Self.placement("Sun", "Pen", font: "Noto Sans Bold 64")
        #expect(l.aLeft > l.aRight + 0.1 && l.bRight > l.bLeft + 0.1, "Latin control: \(l)")
    }

    // MARK: - Alignment and overflow in composed covers

    static let longWords = ("Ultra soft breathable organic cotton linen blend summer shirt with relaxed fit mother of pearl buttons "
        + "double stitched seams curved hem chest pocket roll up sleeves and a collar that keeps its shape after every wash "
        + "made to last seasons").split(separator: " ").map(String.init)

    static func alignmentShow(in dir: URL) throws -> URL {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try TestSupport.photo(dir.appendingPathComponent("photos/shirt.jpg"), width: 800, height: 800,
                              top: [236, 230, 222], bottom: [214, 206, 196], product: [200, 60, 70])
        return try CoverFixtures.manifest(in: dir, columns: ["id", "image", "title", "price", "original_price", "currency", "category", "title.ar"], rows: [
            ["shirt", "photos/shirt.jpg", "Linen Summer Shirt", "1290", "2580", "THB", "apparel", "قميص كتان صيفي"],
            ["long-title", "photos/shirt.jpg", longWords.joined(separator: " "), "990", "", "THB", "apparel", ""],
        ])
    }

    @Test func titlesAlignToReadingDirectionAndLongTitlesShorten() throws {
        #expect(Self.longWords.count == 40)
        let dir = try TestSupport.tempDir("text")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Self.alignmentShow(in: dir)
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok", "--regions", "na,mena", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        let doc = try CoverFixtures.document(out)
        #expect(doc.covers.count == 4)

        for region in ["na", "mena"] {
            let cover = try #require(doc.covers.first { $0.product == "shirt" && $0.region == region })
            let title = try #require(cover.layers.first { $0.role == "title" })
            let slot = try #require(title.slot)
            if region == "mena" {
                #expect(title.direction == "rtl")
                #expect(abs(title.box.maxX - slot.maxX) <= 3, "Arabic title \(title.box) is not right-aligned in \(slot)")
                #expect(title.box.x - slot.x > 3, "Arabic title \(title.box) fills its slot \(slot); alignment is not shown")
            } else {
                #expect(title.direction == "ltr")
                #expect(abs(title.box.x - slot.x) <= 3, "English title \(title.box) is not left-aligned in \(slot)")
                #expect(slot.maxX - title.box.maxX > 3, "English title \(title.box) fills its slot \(slot); alignment is not shown")
            }
        }

        // 40 words: shortened at a word boundary with an ellipsis, in every region.
        for cover in doc.covers where cover.product == "long-title" {
            let title = try #require(cover.layers.first { $0.role == "title" }?.text)
            #expect(title.hasSuffix("…"), "\(cover.file): “\(title)” does not end with an ellipsis")
            let kept = title.dropLast().split(separator: " ").map(String.init)
            #expect(!kept.isEmpty && kept.count < Self.longWords.count)
            #expect(kept == Array(Self.longWords.prefix(kept.count)), "\(cover.file): “\(title)” is not a prefix of the title's words")
            CoverComposeTests.expectReadable(cover, titleLanguage: false)
        }

        // Asked to fail instead: the long title's covers fail, naming the product and field; the other product is made.
        let strict = dir.appendingPathComponent("strict")
        let refused = try CoverFixtures.compose(manifest: manifest, out: strict,
                                                ["--platforms", "tiktok", "--regions", "na", "--param", "apparel-hero.title_overflow=fail"])
        #expect(refused.status == 1, "\(refused.stdout.suffix(2000))")
        let failure = try #require(try CoverFixtures.document(strict).failureMessages["long-title-tiktok-na-v1"])
        #expect(failure.contains("long-title") && failure.contains("field title"), "\(failure)")
        #expect(refused.stdout.contains("long-title") && refused.stdout.contains("field title"), "\(refused.stdout.suffix(2000))")
        #expect(FileManager.default.fileExists(atPath: strict.appendingPathComponent("shirt-tiktok-na-v1.jpg").path))
        #expect(!FileManager.default.fileExists(atPath: strict.appendingPathComponent("long-title-tiktok-na-v1.jpg").path))
    }

    // MARK: - File-size limit

    /// A photo of strong colour noise (libvips `gaussnoise`, one field per band): the worst case for JPEG.
    static func noisyPhoto(_ url: URL, side: Int, sigma: Double) throws {
        let bands = try [118.0, 128, 138].map { mean throws -> Image in
            try VipsOperation.call("gaussnoise", ["width": .int(side), "height": .int(side), "sigma": .double(sigma), "mean": .double(mean)]).image()
        }
        let joined = try VipsOperation.call("bandjoin", ["in": .images(bands)]).image()
        let rgb = try joined.cast("uchar").colourspaceTag("srgb")
        try rgb.encoded(as: .jpg, quality: 95).write(to: url)
    }

    @Test func noisyPhotoStaysUnderShopeeFileLimit() throws {
        let dir = try TestSupport.tempDir("noise")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try Self.noisyPhoto(dir.appendingPathComponent("photos/noise.jpg"), side: 800, sigma: 60)
        let manifest = try CoverFixtures.manifest(in: dir, columns: ["id", "image", "title", "price", "currency", "category"],
                                                  rows: [["noise", "photos/noise.jpg", "Static Noise Crackers", "59", "USD", "food"]])
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "shopee-live", "--regions", "na", "--checks", "none"])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        let limit = try #require(CoverFixtures.presets.platforms["shopee-live"]?.max_file_kb) * 1000
        #expect(limit == 200_000)
        let file = out.appendingPathComponent("noise-shopee-live-na-v1.jpg")
        let bytes = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(bytes <= limit, "the cover is \(bytes) bytes, over \(limit)")
        let cover = try #require(try CoverFixtures.document(out).covers.first)
        #expect(cover.bytes == bytes)
        let quality = try #require(cover.quality)
        #expect(quality < CoverEncoder.defaultQuality, "quality \(quality): the photo was not noisy enough to need a lower quality")
        #expect(quality >= CoverEncoder.lowestQuality)
        let img = try Image.open(file.path)
        #expect(img.width == 800 && img.height == 800)
    }
}
