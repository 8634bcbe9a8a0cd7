import Foundation
import Imaging
import Testing

/// The one text fitter (covers' layouts and clips' overlay panels) and the one markup escaper.
@Suite struct TextFitterTests {
    static let families = "Noto Sans"

    /// libvips crops a rendering to its ink, so three lines are not three one-line heights: the
    /// count must come from the line advance. (Counting by one-line height made three lines four.)
    @Test func threeLinesCountAsThreeAndFitAtTheLargestSize() throws {
        let fitter = TextFitter(families: Self.families, maxLines: 3, maxWordsPerLine: 1)
        let fitted = try fitter.fit("Deal Hg Now", width: 2000, height: 2000, minPx: 20, maxPx: 60)
        #expect(fitted.lines == 3)
        #expect(fitted.fontPx == 60 && !fitted.shortened && fitted.text == "Deal Hg Now")
        #expect(fitted.font == "Noto Sans Bold 60")

        // Three words on two lines break the one-word-a-line rule, but wrapping freely fits them whole:
        // no ellipsis while the room holds the whole text at a readable size.
        let two = TextFitter(families: Self.families, maxLines: 2, maxWordsPerLine: 1)
        let whole = try two.fit("Deal Hg Now", width: 2000, height: 2000, minPx: 20, maxPx: 60)
        #expect(!whole.shortened && whole.text == "Deal Hg Now" && whole.lines == 1)
        // Room for one line of one word only: shortened.
        let narrow = try two.fit("Deal Hg Now", width: 70, height: 30, minPx: 20, maxPx: 60)
        #expect(narrow.shortened && narrow.text.hasSuffix("…"), "\(narrow.text)")
    }

    @Test func wrappedTextKeepsWithinItsRoomAndLines() throws {
        let text = "This shirt is pure linen, cool in the summer heat and easy to wash at home"
        let fitter = TextFitter(families: Self.families, align: "centre", wrap: "word-char", maxLines: 3)
        let fitted = try fitter.fit(text, width: 420, height: 400, minPx: 18, maxPx: 48)
        #expect(fitted.image.width <= 420 && fitted.image.height <= 400)
        #expect((2...3).contains(fitted.lines), "\(fitted.lines) lines")
        #expect(fitted.fontPx < 48 && fitted.fontPx >= 18 && !fitted.shortened)
        // Too long for one line even at the smallest size: shortened at a word, with an ellipsis.
        let one = TextFitter(families: Self.families, wrap: "word-char", maxLines: 1)
        let short = try one.fit(text, width: 420, height: 400, minPx: 18, maxPx: 48)
        #expect(short.shortened && short.text.hasSuffix("…") && short.lines == 1 && short.fontPx == 18)
        let kept = String(short.text.dropLast())
        #expect(text.hasPrefix(kept) && text.dropFirst(kept.count).first == " ", "“\(short.text)” is not cut at a word")
    }

    @Test func refusalsSayWhy() throws {
        let strict = TextFitter(families: Self.families, maxLines: 1, maxWordsPerLine: 2, allowEllipsis: false)
        // More words than the words-per-line rule allows on its lines: wrapped freely, not refused.
        let free = try strict.fit("a b c", width: 500, height: 100, minPx: 10, maxPx: 20)
        #expect(free.text == "a b c" && !free.shortened && free.lines == 1)
        #expect(throws: TextFitError.doesNotFit(text: "Wide words", width: 40, height: 100, minPx: 30, shortened: false)) {
            try strict.fit("Wide words", width: 40, height: 100, minPx: 30, maxPx: 40)
        }
        #expect(throws: TextFitError.empty) { try strict.fit("  \n", width: 500, height: 100, minPx: 10, maxPx: 20) }
        do {
            _ = try strict.fit("Deal \u{E000}", width: 500, height: 100, minPx: 10, maxPx: 20)
            Issue.record("a private-use character was set")
        } catch let e as TextFitError {
            #expect(e.description.contains("U+E000") && e.description.contains("no installed font"), "\(e)")
        }
    }

    /// Markup characters in a title are text, not markup, in every renderer and page.
    @Test func markupCharactersAreEscapedOnceForAll() throws {
        #expect(Markup.escape(#"R&D <b>"50%"</b> it's"#) == "R&amp;D &lt;b&gt;&quot;50%&quot;&lt;/b&gt; it&#39;s")
        #expect(Markup.escape("สวัสดี مرحبا") == "สวัสดี مرحبا")
        let fitter = TextFitter(families: Self.families, maxLines: 2)
        let fitted = try fitter.fit(#"R&D <b>"50%"</b> it's"#, width: 2000, height: 400, minPx: 20, maxPx: 40)
        #expect(fitted.text == #"R&D <b>"50%"</b> it's"#)
        let plain = try fitter.fit("RD b50b its", width: 2000, height: 400, minPx: 20, maxPx: 40)
        #expect(fitted.image.width > plain.image.width, "the markup characters were not drawn")
    }

    /// Lines of one text block share alignment and spacing in every direction and script: a
    /// two-line Arabic title whose second line starts with Latin stays right-aligned, with the same
    /// baseline step as an English one (before, the second line was its own left-to-right paragraph,
    /// set on the left, and Arabic lines were 2.2 font sizes apart).
    @Test func linesOfOneBlockShareAlignmentAndSpacingInEveryScript() throws {
        let cases: [(text: String, direction: String, align: String, edge: String)] = [
            ("سماعات لاسلكية ممتازة\nBuds Pro ممتازة", "rtl", "high", "right"),
            ("Buds Pro Wireless\nEarbuds", "ltr", "low", "left"),
            ("เสื้อลินินฤดูร้อน\nเซรั่ม", "ltr", "low", "left"),
            ("Buds Pro Wireless\nEarbuds", "ltr", "high", "right"),
        ]
        for c in cases {
            let fitter = TextFitter(families: "Noto Sans Arabic,Noto Sans Thai,Noto Sans", align: c.align, maxLines: 2,
                                    direction: c.direction, lineHeight: 1.3)
            let fitted = try fitter.fit(c.text, width: 900, height: 400, minPx: 40, maxPx: 40)
            #expect(fitted.lines == 2 && fitted.lineBoxes.count == 2, "\(c.text): \(fitted.lines) lines, \(fitted.lineBoxes)")
            guard fitted.lineBoxes.count == 2 else { continue }
            let (a, b) = (fitted.lineBoxes[0], fitted.lineBoxes[1])
            let gap = c.edge == "right" ? abs((a.x + a.width) - (b.x + b.width)) : abs(a.x - b.x)
            #expect(gap <= 4, "\(c.text): lines \(a) and \(b) are not \(c.edge)-aligned")
            // The second line's lowest ink is one baseline step (1.3 em) below the first's, give or take a descender.
            let step = Double((b.y + b.height) - (a.y + a.height)) / 40
            #expect(step > 0.8 && step < 1.75, "\(c.text): lines \(step) font sizes apart")
        }
    }

    @Test func theLadderRunsFromTheSmallestSizeUp() {
        #expect(TextFitter.ladder(31, 60) == [31, 32, 34, 36, 38, 40, 42, 44, 46, 48, 52, 56, 60])
        #expect(TextFitter.ladder(40, 40) == [40])
        #expect(TextFitter.ladder(97, 120) == [97, 104, 112, 120])
    }
}
