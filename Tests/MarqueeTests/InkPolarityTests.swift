import Foundation
import Testing
import Presets
import Imaging
import OCR
import Support

/// Which way round a text patch is (`GreyPixels.hasLightInk`, Otsu's split, the smaller class as
/// ink), and the reader's use of it: a light-on-dark patch read dark-ink-first comes back from the
/// negative, the same words, with no second pass.
@Suite struct InkPolarityTests {
    /// A patch of `text` in `ink` on `ground` (grey levels), as the legibility check cuts one.
    static func patch(_ text: String, ink: Int, ground: Int) throws -> GreyPixels {
        let glyphs = try Image.text("<span foreground=\"#\(String(repeating: String(format: "%02X", ink), count: 3))\">\(Markup.escape(text))</span>",
                                    font: "Noto Sans Bold 40", dpi: 72).image
        let picture = try Image.solid(width: glyphs.width + 40, height: glyphs.height + 24, rgb: [Double(ground), Double(ground), Double(ground)])
            .cast("uchar").compositeRegion(glyphs, x: 20, y: 12)
        return GreyPixels(bytes: try picture.greyBytes(), width: picture.width, height: picture.height)
    }

    @Test func otsuSplitsTwoGreysBetweenThem() throws {
        var histogram = [Int](repeating: 0, count: 256)
        histogram[40] = 700; histogram[200] = 300
        let cut = try #require(Otsu.split(histogram, total: 1000)).threshold
        #expect(cut >= 40 && cut < 200, "threshold \(cut)")
        // Spread classes: the cut lies between them, not inside either.
        histogram = [Int](repeating: 0, count: 256)
        for g in 20...60 { histogram[g] = 10 }
        for g in 150...190 { histogram[g] = 5 }
        let spread = try #require(Otsu.split(histogram, total: 41 * 15)).threshold
        #expect(spread >= 60 && spread < 150, "threshold \(spread)")
        // One tone has nothing to split.
        histogram = [Int](repeating: 0, count: 256)
        histogram[128] = 50
        #expect(Otsu.split(histogram, total: 50) == nil)
    }

    @Test(arguments: [(245, 30, true), (20, 230, false), (255, 120, true), (60, 190, false)])
    func theSmallerClassIsTheInk(ink: Int, ground: Int, light: Bool) throws {
        let p = try Self.patch("Summer Sale 50% OFF", ink: ink, ground: ground)
        #expect(p.hasLightInk == light, "ink \(ink) on \(ground)")
        #expect(p.inverted().hasLightInk == !light, "the negative of ink \(ink) on \(ground)")
    }

    @Test func lightInkIsReadFromTheNegativeFirst() async throws {
        let light = try Self.patch("Linen Shirt Sale", ink: 250, ground: 35)
        let first = try await RecognizerPool.shared.read(light, models: ["eng"], layout: .block, invertBelow: 60, darkInkFirst: true)
        #expect(first.map(\.text).joined(separator: " ").contains("Linen Shirt Sale"), "\(first.map(\.text))")
        #expect(!first.isEmpty && first.allSatisfy(\.inverted), "read from the negative: \(first.map(\.inverted))")
        // Dark ink is read as given.
        let dark = try Self.patch("Linen Shirt Sale", ink: 20, ground: 235)
        let plain = try await RecognizerPool.shared.read(dark, models: ["eng"], layout: .block, invertBelow: 60, darkInkFirst: true)
        #expect(plain.map(\.text).joined(separator: " ").contains("Linen Shirt Sale"), "\(plain.map(\.text))")
        #expect(!plain.isEmpty && plain.allSatisfy { !$0.inverted }, "read as given: \(plain.map(\.inverted))")
    }
}
