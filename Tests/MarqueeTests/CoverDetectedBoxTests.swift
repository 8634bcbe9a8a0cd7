import Foundation
import Support
import Presets
import Imaging
import PluginKit
import Covers
import CoverChecks
import Testing

/// Boxes found by detection are not exact the way layer data is: Tesseract reads a reduced copy, and
/// a line's box is cut to the rows dense in flat ink. The checks measure around them accordingly.
@Suite struct CoverDetectedBoxTests {
    /// The rows of `image` (8-bit) within `box` holding a pixel darker than 100: first and last.
    static func inkRows(_ image: Image, _ box: Box) throws -> (top: Int, bottom: Int) {
        let grey = try image.greyBytes(x: box.x, y: box.y, width: box.w, height: box.h)
        let rows = (0..<box.h).filter { y in (0..<box.w).contains { grey[y * box.w + $0] < 100 } }
        return (box.y + (rows.first ?? 0), box.y + (rows.last ?? 0))
    }

    /// “mornin” in Noto Sans at 60 px (x-height 0.536 em: 32 px, 5.4 px at TikTok's 180 px feed) with
    /// a detected box whose top lost the letters' arches (the box of the sample show's mango cover: 27
    /// of its 32 px): the text is measured at its real x-height, not the box's.
    @Test func aDetectedBoxCutAtTheArchesIsMeasuredWhole() async throws {
        let dir = try TestSupport.tempDir("detected-box")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: "tiktok", background: [233, 145, 48])
        try f.text("THB 159.00", x: 560, y: 1190, px: 68, colour: "#111111", role: "price")
        let drawn = try f.text("mornin", x: 357, y: 1259, px: 60, colour: "#111111", role: "text", bold: false)
        let ink = try Self.inkRows(f.image, drawn)
        // The x-height band: from the baseline up 32 px; the detected box keeps only its lower 27.
        let cut = Box(x: drawn.x, y: ink.bottom - 26, w: drawn.w, h: 27)
        f.layers = [CoverLayer(kind: "text", role: "text", box: cut, text: "mornin")]
        var input = try f.write(dir, "mornin")
        input.text_source = "detection"
        let outcome = try await CheckFixture.verdict(TextSizeCheck(), input)
        let atFeed = try #require(outcome.figures["smallest_x_height_px_at_feed"])
        #expect(abs(atFeed - 32.0 / 6) <= 0.4, "x-height at feed \(atFeed) px; the letters are 32 px tall at full size (5.3 at feed)")
        #expect(outcome.verdict == .pass, "\(outcome.reason)")
    }

    /// A detected title 1 px into TikTok's right UI zone is within detection's precision (2 px for a
    /// 1080x1920 cover read at 1280 px) and passes; 3 px is within detection's reach past the letters
    /// (8 px) and warns; 9 px fails; layer data is exact, so 1 px fails.
    @Test func safeZoneOverlapsWithinDetectionPrecisionPass() async throws {
        let dir = try TestSupport.tempDir("detected-zone")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try CheckFixture(platform: "tiktok")
        let right = f.platform.canvas.width - f.platform.safe_zone.right
        #expect(TextDetection.boxTolerance(width: 1080, height: 1920) == 2)
        let cases: [(Int, String?, Verdict)] = [(1, "detection", .pass), (2, "detection", .pass), (3, "detection", .warn),
                                                (8, "detection", .warn), (9, "detection", .fail), (1, nil, .fail)]
        for (depth, source, expected) in cases {
            var g = f
            g.layers = [CoverLayer(kind: "text", role: "title", box: Box(x: right - 400 + depth, y: 600, w: 400, h: 80), text: "Title")]
            var input = try g.write(dir, "zone-\(depth)-\(source ?? "layers")")
            input.text_source = source
            let outcome = try await CheckFixture.verdict(SafeZoneCheck(), input)
            #expect(outcome.verdict == expected, "\(depth) px in, \(source ?? "layers"): \(outcome.verdict) \(outcome.reason)")
        }
    }
}
