import Testing
import Presets
@testable import Covers

/// A word's ink on a panel: the commonest flat grey there is the panel, which fills whole rows of the
/// word's box; letters never do (session 18: the demo's Thai price "฿15,900" on a two-tone panel had
/// its box cut to the lower tone's rows and failed text size at 4.2 px).
@Suite struct InkBoxGroundTests {
    /// A 200x60 box: rows 0-23 one tone (200), rows 24-59 another (120), and dark strokes (30), 8 px
    /// wide every 20 px, over rows 8-51: letters crossing the panel's two tones.
    static func twoTonePanel(strokes: Bool = true) -> [UInt8] {
        var grey = [UInt8](repeating: 0, count: 200 * 60)
        for y in 0..<60 { for x in 0..<200 {
            let stroke = strokes && (8...51).contains(y) && x % 20 >= 6 && x % 20 < 14
            grey[y * 200 + x] = stroke ? 30 : y < 24 ? 200 : 120
        } }
        return grey
    }

    @Test func lettersOnATwoTonePanelKeepTheirRows() throws {
        let ink = try #require(InkBox.tightened(Self.twoTonePanel(), width: 200, height: 60, box: Box(x: 0, y: 0, w: 200, h: 60)))
        // The letters' rows (8-51, less a row each side: a stroke's edge rows are not flat), not the
        // lower tone's (24-59; before session 18 the box was cut to rows 25-49).
        #expect((6...10).contains(ink.box.y) && (50...54).contains(ink.box.maxY), "\(ink.box)")
    }

    @Test func thePanelsGreysAreGroundAndTheStrokesInk() throws {
        let greys = FlatGreys(Self.twoTonePanel(), width: 200, box: Box(x: 0, y: 0, w: 200, h: 60))
        #expect(abs(greys.commonest - 120) <= InkBox.inkTolerance)
        #expect(greys.fillsRow(120) && greys.fillsRow(200) && !greys.fillsRow(30))
        let ink = try #require(greys.inkBesideGround())
        #expect(abs(ink - 30) <= InkBox.inkTolerance, "the strokes, not the upper tone (which fills rows too)")
    }

    /// A panel with no letters of another grey keeps the commonest grey as its ink: no other grey
    /// covers a tenth of the box.
    @Test func aPanelWithoutLettersKeepsItsCommonestGrey() throws {
        let greys = FlatGreys(Self.twoTonePanel(strokes: false), width: 200, box: Box(x: 0, y: 0, w: 200, h: 60))
        let other = greys.inkBesideGround()
        #expect(other == nil || abs(other! - 200) <= InkBox.inkTolerance)
        let ink = try #require(InkBox.tightened(Self.twoTonePanel(strokes: false), width: 200, height: 60, box: Box(x: 0, y: 0, w: 200, h: 60)))
        #expect(ink.share > 0.5)
    }

    /// A word reaching its pill's end (session 19: "Two stages" on the rocket thumbnail read "stages"
    /// at 10 px): 200x60, blue ground (72), a dark pill (36) over rows 0-54 up to x 169, white
    /// strokes (250, 4 px every 6 px) over rows 12-41; the word's box from row 12 down, past the pill.
    /// The pill is the commonest flat grey yet fills no row of the box to 90 %; beside the strokes few of
    /// its pixels are flat, so it leads the cut to its own rows under the letters.
    static func pillEnd() -> [UInt8] {
        var grey = [UInt8](repeating: 72, count: 200 * 60)
        for y in 0..<55 { for x in 0..<170 { grey[y * 200 + x] = 36 } }
        for y in 12..<42 { for x in 2..<168 where x % 6 < 4 { grey[y * 200 + x] = 250 } }
        return grey
    }

    @Test func lettersAtAPillsEndAreNotCutToAFewRowsOfThePill() throws {
        let box = Box(x: 0, y: 12, w: 200, h: 48)
        let sliver = try #require(InkBox.tightened(Self.pillEnd(), width: 200, height: 60, box: box))
        #expect(Double(sliver.box.h) < InkBox.minHeightShare * 48, "without the rule (non-Latin words): \(sliver.box)")
        let ink = try #require(InkBox.tightened(Self.pillEnd(), width: 200, height: 60, box: box, latin: true))
        #expect((12...14).contains(ink.box.y) && (40...43).contains(ink.box.maxY), "\(ink.box)")
    }
}
