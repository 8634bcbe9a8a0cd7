import Foundation
import Testing
import Presets
@testable import Imaging
import Covers
@testable import CoverChecks

/// Where a composed cover's subject is, from its layer data: the composer fills a photo slot with
/// `Image.filled`, whose attention crop is libvips' (`thumbnail_image`'s bytes when enlarging; its
/// `smartcrop` over the composer's own reduction when reducing) with the point libvips' attention centred
/// the crop on (the composer's `subject` crop gives the same on photographs without a plain backdrop:
/// PlainBackgroundSubjectTests); the subject check centres its window there instead of searching the cover.
@Suite struct SubjectFocusTests {
    @Test func filledIsThumbnailImageWithItsAttentionPoint() throws {
        let dir = try TestSupport.tempDir("subject-focus")
        defer { try? FileManager.default.removeItem(at: dir) }
        let photos = try RealPhotos.copy(to: dir)
        #expect(photos.count >= 3)
        var focused = 0
        for (name, url) in photos {
            let photo = try Image.loadStrict(url.path).bands(0, count: 3).resize(2).materialized()
            // Reductions, and enlargements (a full-bleed cover from a photo smaller than the canvas).
            for (w, h) in [(1000, 1152), (600, 600), (1200, 628), (300, 900), (1080, 1920), (2000, 1200)] {
                let filled = try photo.filled(width: w, height: h, crop: "attention")
                #expect(filled.image.width == w && filled.image.height == h, "\(name) \(w)x\(h)")
                let scale = max(Double(w) / Double(photo.width), Double(h) / Double(photo.height))
                let theirs: Image
                if scale < 1 {
                    // A reduction: libvips' `smartcrop` by attention over the photo reduced as the composer
                    // reduces it (across with the picture turned, Image+Across.swift). Attention can settle
                    // elsewhere on libvips' own reduction, a grey level off here and there: on these photos
                    // coffee at 600x600 moves 30 px, an equally good crop.
                    let reduced = try photo.reduced(hshrink: 1 / scale, vshrink: 1 / scale, kernel: "lanczos3", gap: 2, staged: true)
                        .materialized()
                    theirs = try VipsOperation.call("smartcrop", ["input": .image(reduced), "width": .int(w), "height": .int(h),
                                                                  "interesting": .string("attention")]).image()
                } else {
                    theirs = try VipsOperation.call("thumbnail_image", ["in": .image(photo), "width": .int(w), "height": .int(h),
                                                                        "crop": .string("attention"), "size": .string("both")]).image()
                }
                #expect(try filled.image.pixelBytes() == theirs.pixelBytes(), "\(name) \(w)x\(h): libvips' attention crop")
                if let f = filled.focus {
                    focused += 1
                    #expect(f.x >= 0 && f.x < w && f.y >= 0 && f.y < h, "\(name) \(w)x\(h): focus \(f) inside the crop")
                }
                // A centre crop has no attention point to give.
                #expect(try photo.filled(width: w, height: h, crop: "centre").focus == nil)
            }
        }
        #expect(focused >= 6, "attention crops report their point (\(focused))")
    }

    /// A photo in the lower half of a TikTok cover whose layer records its focus, and a badge that
    /// does or does not sit on it.
    static func cover(badgeOnSubject: Bool, source: String? = nil, in dir: URL) throws -> CoverCheckInput {
        var f = try CheckFixture(platform: "tiktok", background: [235, 230, 220])
        let photo = Box(x: 100, y: 800, w: 880, h: 900)
        try f.block(photo, rgb: [90, 120, 160], kind: "photo")
        f.layers[f.layers.count - 1] = CoverLayer(kind: "photo", role: "hero", box: photo, slot: photo, focus: (x: 700, y: 1200))
        // A smaller photo before the hero (a before/after pair) with its own focus: the hero's counts.
        f.layers.insert(CoverLayer(kind: "photo", role: "before", box: Box(x: 60, y: 200, w: 300, h: 300), focus: (x: 100, y: 250)), at: 0)
        try f.block(badgeOnSubject ? Box(x: 500, y: 900, w: 420, h: 560) : Box(x: 120, y: 820, w: 160, h: 80), rgb: [224, 36, 94])
        var input = try f.write(dir, badgeOnSubject ? "on-subject" : "beside-subject")
        input.text_source = source
        return input
    }

    @Test func theSubjectWindowIsCentredOnTheLayerFocusInsideThePhoto() async throws {
        let dir = try TestSupport.tempDir("subject-focus-check")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clear = try await CheckFixture.verdict(OcclusionCheck(), Self.cover(badgeOnSubject: false, in: dir))
        // 40 % of 1080x1920 is 432x768, centred on (700, 1200) and kept inside the photo's 100...980.
        #expect(clear.figures["subject_from_layers"] == 1)
        #expect(clear.figures["subject_x"] == 484 && clear.figures["subject_y"] == 816, "\(clear.figures)")
        #expect(clear.figures["subject_w"] == 432 && clear.figures["subject_h"] == 768)
        #expect(clear.verdict == .pass, "\(clear.reason)")
        let covered = try await CheckFixture.verdict(OcclusionCheck(), Self.cover(badgeOnSubject: true, in: dir))
        #expect(covered.verdict == .warn, "\(covered.reason)")
        #expect((covered.figures["subject_covered_share"] ?? 0) > 0.5, "\(covered.figures)")
    }

    @Test func theWindowStaysInsideThePhotoAndTheCanvas() {
        // Centred where it fits; pushed back inside the photo at its edges; centred on a narrow photo.
        #expect(OcclusionCheck.place(700, 432, 100, 980, 1080) == 484)
        #expect(OcclusionCheck.place(120, 432, 100, 980, 1080) == 100)
        #expect(OcclusionCheck.place(975, 432, 100, 980, 1080) == 548)
        #expect(OcclusionCheck.place(500, 768, 462, 1176, 1920) == 435)
        #expect(OcclusionCheck.place(10, 768, 0, 300, 1920) == 0)
    }

    @Test func detectedTextIgnoresTheLayerFocus() async throws {
        let dir = try TestSupport.tempDir("subject-focus-detect")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try await CheckFixture.verdict(OcclusionCheck(), Self.cover(badgeOnSubject: false, source: "detection", in: dir))
        #expect(outcome.figures["subject_from_layers"] == 0, "\(outcome.figures)")
    }
}
