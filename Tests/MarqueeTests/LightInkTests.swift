import Foundation
import Testing
import Support
import Presets
import OCR
import Covers
@testable import CoverChecks

/// Light letters on a badge, measured where detection boxed the badge with the cover around it
/// (session 17: the demo's Thai LIVE badges, white on #C8102E set at 5.9:1, were measured as the red
/// pill against the cover, 3.5-4.1:1, and failed contrast on 8 of its 90 covers checked as plain images).
@Suite struct LightInkTests {
    /// A box `w` x `h` of `ground`, holding a pill of `pill` over its middle rows, with vertical strokes
    /// 6 px wide and 30 px tall every 14 px inside the pill in `ink` (letters' stems, as far as the
    /// ink analysis can tell). RGB bytes, row-major.
    static func badge(ground: Color, pill: Color, ink: Color, w: Int = 200, h: Int = 90) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                var c = ground
                if y >= 20, y < 70, x >= 20, x < 180 { c = pill }
                if y >= 30, y < 60, x >= 30, x < 170, (x - 30) % 14 < 6 { c = ink }
                rgb[3 * (y * w + x)] = c.r; rgb[3 * (y * w + x) + 1] = c.g; rgb[3 * (y * w + x) + 2] = c.b
            }
        }
        return rgb
    }
    static let box = Box(x: 0, y: 0, w: 200, h: 90)
    static let white = Color(r: 255, g: 255, b: 255), red = Color(r: 0xC8, g: 0x10, b: 0x2E)
    static let beige = Color(r: 0xE0, g: 0xD1, b: 0xC2)

    @Test func lightLettersOnAPillAreMeasuredAgainstThePill() throws {
        let rgb = Self.badge(ground: Self.beige, pill: Self.red, ink: Self.white)
        // As layer data's box would be measured, the smaller class, the pill, is taken for the ink.
        let plain = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false))
        #expect(plain.ink == Self.red, "\(plain.ink) on \(plain.background)")
        #expect(plain.contrast < 4.5)
        // As a detected line's: the letters against the pill, the cover around it left out.
        let light = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false, mayBeLight: true))
        #expect(light.ink == Self.white && light.background == Self.red, "\(light.ink) on \(light.background)")
        #expect(abs(light.contrast - Self.white.contrast(with: Self.red)) < 0.01)
        // The strokes' lines: one line, 30 px tall, from the letters, not the pill's 50 rows.
        #expect(light.lines.count == 1)
        #expect(light.lines.first?.box.h == 30, "\(light.lines.map(\.box))")
    }

    @Test func darkLettersOnALightBadgeReadOnTheNegativeKeepTheirInk() throws {
        // Dark letters on a yellow badge on a light ground (the demo's "20% OFF", #111111 on #FFD60A)
        // can read better on the negative: the letters are the strokes, and stay the ink.
        let dark = Color(r: 0x11, g: 0x11, b: 0x11), yellow = Color(r: 0xFF, g: 0xD6, b: 0x0A), light = Color(r: 0xF2, g: 0xF2, b: 0xF2)
        let rgb = Self.badge(ground: light, pill: yellow, ink: dark)
        #expect(try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false)).ink == dark)
        let negative = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false, mayBeLight: true))
        #expect(negative.ink == dark, "\(negative.ink) on \(negative.background)")
    }

    /// Session 18: a Thai LIVE badge that detection read as given (not on its negative) was measured
    /// as its red pill against the grey cover (4.03:1) and failed contrast. A detected line is measured
    /// for light letters whichever polarity it was read in.
    @Test func aDetectedBadgeReadAsGivenIsMeasuredAsItsLetters() async throws {
        let dir = try TestSupport.tempDir("light-ink-badge")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: "tiktok", background: [170, 163, 158])
        let pill = Box(x: 100, y: 400, w: 420, h: 140)
        try f.block(pill, rgb: [200, 16, 46])
        let letters = try f.text("LIVE", x: 150, y: 410, px: 96, colour: "#FFFFFF", role: "live", kind: "badge")
        // Detection's box: the pill and some cover around it; the line read as given.
        let box = Box(x: pill.x - 12, y: pill.y - 10, w: pill.w + 24, h: pill.h + 20)
        f.layers = [CoverLayer(kind: "badge", role: "live", box: box, text: "LIVE")]
        var input = try f.write(dir, "badge")
        input.text_source = "detection"
        input.detected = [RecognizedLine(box: box, words: [RecognizedWord(text: "LIVE", box: box, confidence: 95)], confidence: 95)]
        let outcome = try await CheckFixture.verdict(ContrastCheck(), input)
        let ratio = try #require(outcome.figures["lowest_contrast_ratio"])
        #expect(outcome.verdict == .pass, "\(outcome.findings.map(\.message))")
        // White on #C8102E is 5.9:1; the pill against this grey about 2.3:1.
        #expect(abs(ratio - Self.white.contrast(with: Self.red)) < 0.3, "\(ratio), letters at \(letters)")
    }
}
