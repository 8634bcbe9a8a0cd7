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
#if canImport(Glibc)
import Glibc
#endif

/// A batch where some products are fine and others are broken in the ways real manifests are: each
/// broken product fails alone with a message naming it and the field, awkward but valid photos (CMYK,
/// an ICC profile, EXIF rotation) are handled, and a bad option stops the run before any work.
@Suite(.serialized) struct CoverBadInputTests {
    /// Result of a run measured by the kernel: exit status, wall time and the child's peak memory.
    struct Measured { let status: Int32; let stdout: String; let stderr: String; let seconds: Double; let maxRSSMB: Double }

    /// Runs `marquee` with posix_spawn and reaps it with wait4, which reports the peak resident set
    /// of exactly this process (Foundation's Process reaps its children itself and hides it).
    static func runMeasured(_ args: [String]) throws -> Measured {
        let dir = try TestSupport.tempDir("measured")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Peak memory comes from GNU time, which forks marquee itself: the rusage of a process spawned
        // straight from this (large, multi-threaded) test process counts the test process's own peak,
        // because posix_spawn shares its address space until exec.
        let exe = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: exe) else {
            throw MarqueeError.item("\(exe) (GNU time) is missing; run `make setup`")
        }
        let rssPath = dir.appendingPathComponent("rss").path
        var argv: [UnsafeMutablePointer<CChar>?] = ([exe, "-f", "%M", "-o", rssPath, TestSupport.marquee.path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let t0 = Date()
        let rc = posix_spawn(&pid, exe, &actions, nil, &argv, environ)
        guard rc == 0 else { throw MarqueeError.item("posix_spawn \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(t0)
        let exited = status & 0x7F == 0
        let code: Int32 = exited ? (status >> 8) & 0xFF : -(status & 0x7F)
        func read(_ p: String) -> String { (try? String(contentsOfFile: p, encoding: .utf8)) ?? "" }
        let kb = Double(read(rssPath).split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "") ?? .infinity
        return Measured(status: code, stdout: read(outPath), stderr: read(errPath), seconds: seconds, maxRSSMB: kb / 1024)
    }

    // MARK: - Awkward photos

    /// One flat colour, encoded as a CMYK JPEG (libvips ICC export to its built-in CMYK profile).
    static func cmykJPEG(_ url: URL, rgb: [Double]) throws {
        let srgb = try Image.solid(width: 900, height: 900, rgb: rgb)
        let cmyk: Image
        do {
            cmyk = try srgb.colourspace("cmyk")
        } catch {
            cmyk = try VipsOperation.call("icc_export", ["in": .image(srgb), "output_profile": .string("cmyk")]).image()
        }
        #expect(cmyk.bands == 4 && cmyk.interpretation == "cmyk", "not CMYK: \(cmyk.bands) bands, \(cmyk.interpretation)")
        try cmyk.encoded(as: .jpg, quality: 92).write(to: url)
        let back = try Image.open(url.path)
        #expect(back.bands == 4 && back.interpretation == "cmyk", "the saved JPEG is not CMYK")
    }

    /// One flat colour as an sRGB JPEG carrying an embedded ICC profile (libvips' built-in sRGB).
    static func iccJPEG(_ url: URL, rgb: [Double]) throws {
        let img = try Image.solid(width: 900, height: 900, rgb: rgb)
        let out = try VipsOperation.call("jpegsave_buffer", ["in": .image(img), "Q": .int(92), "profile": .string("srgb")], outputs: ["buffer"])
        try #require(out.blobs["buffer"]).write(to: url)
        #expect(try Image.open(url.path).hasField("icc-profile-data"), "no ICC profile embedded")
    }

    /// Vertical red/blue stripes stored landscape, tagged EXIF orientation 6 (display rotated 90°
    /// clockwise): shown upright, the stripes are horizontal. Imaging cannot set metadata, so the EXIF
    /// APP1 segment (one IFD0 entry, Orientation = 6) is written into the JPEG by hand.
    static func rotatedJPEG(_ url: URL, width: Int = 1200, height: Int = 800) throws {
        var img = try Image.solid(width: width, height: height, rgb: [220, 40, 40])
        let blue = try Image.solid(width: width / 12, height: height, rgb: [30, 30, 200])
        for x in stride(from: width / 12, to: width, by: width / 6) { img = try img.insert(blue, x: x, y: 0) }
        var jpeg = try img.encoded(as: .jpg, quality: 92)
        let exif: [UInt8] = [0xFF, 0xE1, 0x00, 0x22] + Array("Exif".utf8) + [0, 0,
            0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,             // TIFF header, big-endian, IFD0 at 8
            0x00, 0x01,                                                 // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation, SHORT, 1, = 6
            0x00, 0x00, 0x00, 0x00]                                     // no next IFD
        #expect(exif.count == 0x22 + 2)
        jpeg.insert(contentsOf: exif, at: 2)
        try jpeg.write(to: url)
        #expect(try Image.open(url.path).intField("orientation") == 6, "libvips does not read the orientation written")
    }

    /// 12000x12000 RGB PNG of zeros: 144 megapixels (432 MB decoded) in a small file.
    static func hugePNG(_ url: URL) throws {
        let black = try VipsOperation.call("black", ["width": .int(12_000), "height": .int(12_000), "bands": .int(3)]).image()
        _ = try VipsOperation.call("pngsave", ["in": .image(black.cast("uchar").colourspaceTag("srgb")), "filename": .string(url.path),
                                               "compression": .int(1)], outputs: [])
    }

    /// Mean colour of the middle of a cover's hero photo.
    static func photoMean(_ cover: CoverRecord, in out: URL) throws -> (Image, Box, [Double]) {
        let img = try Image.open(out.appendingPathComponent(cover.file).path)
        let photo = try #require(cover.layers.first { $0.kind == "photo" && $0.role == "hero" }, "\(cover.file) has no hero photo")
        let b = photo.box
        let inner = Box(x: b.x + b.w / 5, y: b.y + b.h / 5, w: b.w * 3 / 5, h: b.h * 3 / 5)
        return (img, inner, try img.bandMeans(x: inner.x, y: inner.y, width: inner.w, height: inner.h))
    }

    static let cmykColour: [Double] = [180, 90, 60]
    static let iccColour: [Double] = [60, 140, 90]

    @Test func brokenProductsFailAloneAndAwkwardPhotosWork() throws {
        let dir = try TestSupport.tempDir("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let photos = dir.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        try TestSupport.photo(photos.appendingPathComponent("shirt.jpg"), width: 800, height: 800,
                              top: [236, 230, 222], bottom: [214, 206, 196], product: [200, 60, 70])
        try TestSupport.photo(photos.appendingPathComponent("mango.jpg"), width: 800, height: 800,
                              top: [120, 70, 40], bottom: [80, 45, 25], product: [210, 140, 50])
        try Self.cmykJPEG(photos.appendingPathComponent("cmyk.jpg"), rgb: Self.cmykColour)
        try Self.iccJPEG(photos.appendingPathComponent("icc.jpg"), rgb: Self.iccColour)
        try Self.rotatedJPEG(photos.appendingPathComponent("rotated.jpg"))
        try Self.hugePNG(photos.appendingPathComponent("huge.png"))
        let hugeSize = try #require(try FileManager.default.attributesOfItem(atPath: photos.appendingPathComponent("huge.png").path)[.size] as? Int)
        #expect(hugeSize < 2_000_000, "the 144-megapixel PNG should be a small file, is \(hugeSize) bytes")

        let columns = ["id", "image", "title", "price", "currency", "category"]
        let manifest = try CoverFixtures.manifest(in: dir, columns: columns, rows: [
            ["shirt", "photos/shirt.jpg", "Linen Summer Shirt", "1290", "THB", "apparel"],
            ["missing", "photos/nope.jpg", "Lost Photo Shirt", "990", "THB", "apparel"],
            ["huge", "photos/huge.png", "Giant Poster", "490", "THB", "home"],
            ["cmyk", "photos/cmyk.jpg", "Print Ready Tee", "590", "THB", "apparel"],
            ["icc", "photos/icc.jpg", "Profiled Tee", "590", "THB", "apparel"],
            ["rotated", "photos/rotated.jpg", "Striped Tee", "690", "THB", "apparel"],
            ["negative", "photos/shirt.jpg", "Free Money Shirt", "-5", "THB", "apparel"],
            ["nocat", "photos/shirt.jpg", "Mystery Item", "100", "THB", "aparel"],
            ["mango", "photos/mango.jpg", "Mango Sticky Rice Set", "159", "THB", "food"],
        ])
        let out = dir.appendingPathComponent("out")
        let run = try Self.runMeasured(["covers", "compose", "--manifest", manifest.path, "--out", out.path,
                                        "--platforms", "tiktok", "--regions", "na", "--jobs", "2"])
        #expect(run.status == 1, "exit \(run.status)\n\(run.stdout.suffix(3000))\n\(run.stderr.suffix(2000))")
        #expect(run.seconds < 30, "the batch took \(run.seconds) s")
        // Decoding the 144-megapixel photo would need 432 MB for its pixels alone.
        print("covers with a 144-megapixel photo: peak RSS \(run.maxRSSMB) MB, \(run.seconds) s")
        #expect(run.maxRSSMB < 400, "peak memory \(run.maxRSSMB) MB: was the huge photo decoded?")

        let doc = try CoverFixtures.document(out)
        let bad: [(id: String, field: String, also: String?)] = [
            ("missing", "image", "not found"), ("huge", "image", "megapixels"), ("negative", "price", "negative"),
            ("nocat", "category", "did you mean `apparel`"),
        ]
        for b in bad {
            let key = "\(b.id)-tiktok-na-v1"
            guard let message = doc.failureMessages[key] else { Issue.record("\(key) did not fail; failures: \(doc.failures)"); continue }
            #expect(message.contains("product \(b.id)") && message.contains("field \(b.field)"), "\(key): \(message)")
            if let also = b.also { #expect(message.contains(also), "\(key): \(message)") }
            #expect(run.stdout.contains(key), "the summary does not list \(key)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("\(key).jpg").path))
        }
        #expect(doc.failures.count == bad.count, "unexpected failures: \(doc.failures)")

        let good = ["shirt", "cmyk", "icc", "rotated", "mango"]
        #expect(Set(doc.covers.map(\.product)) == Set(good))
        for id in good {
            let file = out.appendingPathComponent("\(id)-tiktok-na-v1.jpg")
            #expect(FileManager.default.fileExists(atPath: file.path), "no cover for \(id)")
        }
        for cover in doc.covers { CoverComposeTests.expectReadable(cover, titleLanguage: false) }

        // CMYK and ICC photos: the cover is 3-band sRGB and the photo keeps its colour (an inverted or
        // unconverted CMYK photo would be far off).
        for (id, colour) in [("cmyk", Self.cmykColour), ("icc", Self.iccColour)] {
            let cover = try #require(doc.covers.first { $0.product == id })
            let (img, _, mean) = try Self.photoMean(cover, in: out)
            #expect(img.bands == 3 && img.interpretation == "srgb", "\(id): \(img.bands) bands, \(img.interpretation)")
            let off = zip(mean, colour).map { abs($0 - $1) }.max() ?? 999
            #expect(off < 30, "\(id): photo colour \(mean.map { Int($0) }) is far from the original \(colour.map { Int($0) })")
        }

        // EXIF orientation 6: upright, the stripes run across (rows differ, columns agree).
        let rotated = try #require(doc.covers.first { $0.product == "rotated" })
        let (img, inner, _) = try Self.photoMean(rotated, in: out)
        let (rowSpread, colSpread) = try Self.stripeSpread(img.crop(x: inner.x, y: inner.y, width: inner.w, height: inner.h))
        #expect(rowSpread > 4 * colSpread, "stripes are not horizontal: row spread \(rowSpread), column spread \(colSpread); EXIF orientation ignored?")

        // No temporary files anywhere in the output.
        let all = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String]) ?? []
        #expect(!all.isEmpty)
        #expect(all.filter { $0.hasSuffix(AtomicFile.partSuffix) }.isEmpty, "left behind: \(all.filter { $0.hasSuffix(AtomicFile.partSuffix) })")
    }

    /// Standard deviation of the per-row mean red and of the per-column mean red.
    static func stripeSpread(_ img: Image) throws -> (Double, Double) {
        let small = try img.bands(0, count: 1).resize(0.25).cast("uchar")
        let px = try small.pixelBytes()
        let w = small.width, h = small.height
        var rows = [Double](repeating: 0, count: h), cols = [Double](repeating: 0, count: w)
        for y in 0..<h { for x in 0..<w { let v = Double(px[y * w + x]); rows[y] += v / Double(w); cols[x] += v / Double(h) } }
        func sd(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / Double(v.count)
            return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
        }
        return (sd(rows), sd(cols))
    }

    /// A photo stored landscape and shown portrait (EXIF orientation 6, as phones write them) is
    /// decoded with as many pixels on its short side as the same photo stored upright.
    @Test func rotatedPhotoKeepsItsResolution() throws {
        let dir = try TestSupport.tempDir("rotated-size")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rotated = dir.appendingPathComponent("rotated.jpg"), upright = dir.appendingPathComponent("upright.jpg")
        try Self.rotatedJPEG(rotated, width: 2400, height: 1600)
        try Image.solid(width: 1600, height: 2400, rgb: [220, 40, 40]).encoded(as: .jpg, quality: 90).write(to: upright)
        let side = 1200
        var sizes: [String: (Int, Int)] = [:]
        for (id, url) in [("rotated", rotated), ("upright", upright)] {
            let cache = PhotoCache(capacity: 2, maxPixels: 100_000_000)
            cache.require(side, for: id)
            let hero = try cache.photos(for: Product(id: id, images: [url.path], title: "T", category: "apparel")).hero
            sizes[id] = (hero.width, hero.height)
            #expect(hero.height > hero.width, "\(id): decoded \(hero.width)x\(hero.height), not portrait")
            #expect(min(hero.width, hero.height) >= side, "\(id): decoded \(hero.width)x\(hero.height), short side under the \(side) px asked for")
        }
        #expect(sizes["rotated"]?.0 == sizes["upright"]?.0 && sizes["rotated"]?.1 == sizes["upright"]?.1, "\(sizes)")
    }

    // MARK: - Text no font covers

    @Test func titleNoFontCoversFailsNamingTheField() throws {
        let dir = try TestSupport.tempDir("nofont")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try TestSupport.photo(dir.appendingPathComponent("photos/shirt.jpg"), width: 600, height: 600,
                              top: [236, 230, 222], bottom: [214, 206, 196], product: [200, 60, 70])
        let manifest = try CoverFixtures.manifest(in: dir, columns: ["id", "image", "title", "price", "currency", "category"], rows: [
            ["pua", "photos/shirt.jpg", "\u{E000}\u{E001}", "100", "THB", "apparel"],
            ["fine", "photos/shirt.jpg", "Linen Summer Shirt", "100", "THB", "apparel"],
        ])
        let out = dir.appendingPathComponent("out")
        let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok", "--regions", "na", "--jobs", "2"])
        #expect(run.status == 1, "\(run.stdout.suffix(2000))")
        let doc = try CoverFixtures.document(out)
        let message = try #require(doc.failureMessages["pua-tiktok-na-v1"], "the private-use title was drawn (as empty boxes) instead of failing")
        #expect(message.contains("product pua") && message.contains("field title") && message.contains("no installed font"), "\(message)")
        #expect(message.contains("U+E000"), "the message does not name the code point: \(message)")
        #expect(doc.covers.map(\.product) == ["fine"])
    }

    // MARK: - Bad options

    @Test func unknownPlatformIsAUsageError() throws {
        let dir = try TestSupport.tempDir("noplatform")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try TestSupport.manifest(in: dir, count: 1)
        let out = dir.appendingPathComponent("out")
        for (given, suggestion) in [("nosuch", nil), ("tiktk", "tiktok"), ("shopee-lve", "shopee-live")] as [(String, String?)] {
            let run = try CoverFixtures.compose(manifest: manifest, out: out, ["--platforms", "tiktok,\(given)", "--regions", "na"])
            #expect(run.status == 2, "--platforms \(given): exit \(run.status)")
            let text = run.stderr + run.stdout
            #expect(text.contains("`\(given)`"), "the message does not name `\(given)`: \(text)")
            if let suggestion {
                #expect(text.contains("did you mean `\(suggestion)`"), "no suggestion of \(suggestion): \(text)")
            } else {
                // Nothing is close to `nosuch`: the known platforms are listed instead of a wild guess.
                #expect(text.contains("tiktok") && text.contains("shopee-live"), "known platforms not listed: \(text)")
            }
            // A usage error stops before any work: no covers.
            let made = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasSuffix(".jpg") }
            #expect(made.isEmpty, "covers were made despite the usage error: \(made)")
        }
    }
}
