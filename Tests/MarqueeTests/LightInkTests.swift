import Foundation
import Testing
import Support
import Presets
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
        // Without the reading's polarity the smaller class, the pill, is taken for the ink.
        let plain = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false))
        #expect(plain.ink == Self.red, "\(plain.ink) on \(plain.background)")
        #expect(plain.contrast < 4.5)
        // Read as light letters: the letters against the pill, the cover around it left out.
        let light = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false, lightInk: true))
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
        let negative = try #require(InkAnalysis(rgb: rgb, box: Self.box, byColumn: false, lightInk: true))
        #expect(negative.ink == dark, "\(negative.ink) on \(negative.background)")
    }
}
