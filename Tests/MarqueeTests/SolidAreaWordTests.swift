import Testing
import Presets
import OCR
@testable import Covers

/// A "word" whose box is nearly all one flat grey is no text: session 18, the demo's plain-image
/// covers had a corner of plain ground read as "12" (0 px from two edges: an edge-margin failure)
/// and a blur read as part of a title. Letters fill a fifth to a half of their box; a single stroke
/// ("I", "1") fills it and is kept.
@Suite struct SolidAreaWordTests {
    /// 200x80, a flat ground (180) with dark strokes (20) over rows 20-59: 6 px wide every 16 px in
    /// x 100-199, and one bold stroke in x 60-75; x 0-59 is ground only.
    static let grey: [UInt8] = (0..<(200 * 80)).map { i in
        let x = i % 200, y = i / 200
        guard (20...59).contains(y) else { return 180 }
        return x >= 100 && x % 16 < 6 || (60...75).contains(x) ? 20 : 180
    }

    static func line(_ text: String, _ box: Box) -> RecognizedLine {
        RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: 90)], confidence: 90)
    }

    @Test func aPatchOfGroundReadAsDigitsIsDropped() {
        let ground = Box(x: 10, y: 20, w: 40, h: 40)
        #expect(TextDetection.inked(Self.line("12", ground), grey: Self.grey, width: 200, height: 80) == nil)
    }

    @Test func strokesAreKept() throws {
        let strokes = Box(x: 104, y: 16, w: 90, h: 48)
        let kept = try #require(TextDetection.inked(Self.line("mm", strokes), grey: Self.grey, width: 200, height: 80))
        // The strokes' rows (20-59, less the rows whose pixels are not flat), not the whole box.
        #expect(kept.box.h >= 34 && kept.box.h <= 40, "\(kept.box)")
    }

    /// One stroke read as "I" fills its box as ground would, and is a letter.
    @Test func aSingleStrokeIsALetter() {
        let stroke = Box(x: 60, y: 20, w: 16, h: 40)
        #expect(TextDetection.inked(Self.line("I", stroke), grey: Self.grey, width: 200, height: 80) != nil)
        #expect(TextDetection.inked(Self.line("E", stroke), grey: Self.grey, width: 200, height: 80) == nil,
                "a wide letter does not fill its box")
    }
}
