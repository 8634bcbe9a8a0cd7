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

        let two = TextFitter(families: Self.families, maxLines: 2, maxWordsPerLine: 1)
        let cut = try two.fit("Deal Hg Now", width: 2000, height: 2000, minPx: 20, maxPx: 60)
        #expect(cut.shortened && cut.text == "Deal Hg…" && cut.lines == 2)
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
        #expect(throws: TextFitError.tooManyWords(text: "a b c", words: 3, maxLines: 1, maxWordsPerLine: 2)) {
            try strict.fit("a b c", width: 500, height: 100, minPx: 10, maxPx: 20)
        }
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

    @Test func theLadderRunsFromTheSmallestSizeUp() {
        #expect(TextFitter.ladder(31, 60) == [31, 32, 34, 36, 38, 40, 42, 44, 46, 48, 52, 56, 60])
        #expect(TextFitter.ladder(40, 40) == [40])
        #expect(TextFitter.ladder(97, 120) == [97, 104, 112, 120])
    }
}
