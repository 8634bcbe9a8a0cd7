import Testing
import Presets
import Imaging
import OCR
@testable import Covers

/// Detection reads a plain cover whole, and Tesseract's search for text cuts lines short on photos
/// (session 19: "Morninc", "00" for "$6.00"); a Latin line read unsurely is read again alone, and the
/// second reading stands only where it is surer, over the same letters and as tall.
@Suite struct LineRereadTests {
    static func line(_ text: String, _ box: Box, confidence: Double) -> RecognizedLine {
        RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: confidence)], confidence: confidence)
    }

    @Test func thePatchIsTheLineWidenedAndKeptToThePicture() throws {
        let grey = (0..<(100 * 50)).map { UInt8($0 % 251) }
        let inside = try #require(LineReread.patch(around: Box(x: 40, y: 20, w: 30, h: 12), grey: grey, width: 100, height: 50))
        // Half the height (6 px) each side, a quarter (3 px) above and below.
        #expect((inside.origin.x, inside.origin.y, inside.width, inside.height) == (34, 17, 42, 18))
        #expect(inside.bytes[0] == grey[17 * 100 + 34] && inside.bytes[inside.width * 5 + 7] == grey[22 * 100 + 41])
        let atEdge = try #require(LineReread.patch(around: Box(x: 0, y: 44, w: 20, h: 8), grey: grey, width: 100, height: 50))
        #expect((atEdge.origin.x, atEdge.origin.y, atEdge.width, atEdge.height) == (0, 42, 24, 8))
    }

    @Test func aSurerReadingOfTheSameLetters() {
        let first = Self.line("Morninc", Box(x: 30, y: 114, w: 348, h: 58), confidence: 72)
        #expect(LineReread.replaces(Self.line("Morning", Box(x: 30, y: 114, w: 361, h: 58), confidence: 88), first))
        #expect(!LineReread.replaces(Self.line("Morning", Box(x: 30, y: 114, w: 361, h: 58), confidence: 70), first),
                "less sure")
        #expect(!LineReread.replaces(Self.line("Morning", Box(x: 420, y: 114, w: 361, h: 58), confidence: 88), first),
                "a neighbour the widened patch reached")
        // A Thai word read as Latin letters keeps their bodies only: 26 px of a 67 px line.
        #expect(!LineReread.replaces(Self.line("Kav", Box(x: 531, y: 1109, w: 100, h: 26), confidence: 96),
                                     Self.line("Kav", Box(x: 510, y: 1097, w: 141, h: 67), confidence: 55)))
    }

    @Test func onlyLatinLinesAreReadAgain() {
        #expect(LineReread.isLatin("$6.00"))
        #expect(!LineReread.isLatin("ไลฟ์สด"))
        #expect(!LineReread.isLatin("مباشر"))
    }

    /// A word whose first letter the search left out is read whole from the widened patch: dark
    /// "Morning" drawn on light grey, the first reading's box starting inside its "M".
    @Test func aLetterLeftOutIsReadAgain() async throws {
        let rendered = try Image.text("<span>Morning</span>", font: "Noto Sans Bold 56", dpi: 72).image
        let rgba = try rendered.pixelBytes(), (w, h, m) = (rendered.width, rendered.height, 40)
        let width = w + 2 * m, height = h + 2 * m
        var grey = [UInt8](repeating: 230, count: width * height)
        for y in 0..<h { for x in 0..<w { grey[(y + m) * width + x + m] = 230 - UInt8(Int(rgba[(y * w + x) * 4 + 3]) * 210 / 255) } }
        let cut = Box(x: m + h / 5, y: m, w: w - h / 5, h: h)
        let first = Self.line("orning", cut, confidence: 70)
        let again = try #require(try await LineReread.reading(first, grey: grey, width: width, height: height, models: ["eng"]))
        #expect(again.text == "Morning", "\(again.text)")
        #expect(again.box.x < cut.x, "\(again.box) against \(cut)")
        let sure = Self.line("orning", cut, confidence: 95)
        #expect(try await LineReread.reading(sure, grey: grey, width: width, height: height, models: ["eng"]) == nil,
                "a sure line is not read again")
    }
}
