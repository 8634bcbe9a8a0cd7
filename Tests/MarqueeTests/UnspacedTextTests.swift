import Foundation
import Support
import Testing
import Presets
@testable import OCR
@testable import Covers
@testable import CoverChecks

/// Text in scripts written without spaces (Thai, Chinese, Japanese) as detection reports and matches
/// it, and LIVE badges told from titles (session 17: the demo's Thai covers checked as plain images
/// were reported as "เส ื อ ล ิ น ิ น ฤดู ร ้ อ น", and a Thai LIVE badge was taken for the title).
@Suite struct UnspacedTextTests {
    /// Words of one line as Tesseract returns them, `gap` px apart, 40 px tall.
    static func line(_ texts: [String], gap: Int = 4, width: Int = 30) -> RecognizedLine {
        var x = 10
        let words = texts.map { t in
            defer { x += width + gap }
            return RecognizedWord(text: t, box: Box(x: x, y: 100, w: width, h: 40), confidence: 93)
        }
        return RecognizedLine(box: Box(x: 10, y: 100, w: x - 10, h: 40), words: words, confidence: 93)
    }

    @Test func thaiLettersAndMarksReadApartAreJoinedAsWritten() {
        // ที่นั่ง as the demo's sofa cover was read: marks as words of their own.
        #expect(Self.line(["ท", "ี", "่", "น", "ั", "่", "ง"]).text == "ที่นั่ง")
        #expect(Self.line(["ไ", "ล", "ฟ์", "ส", "ด"]).text == "ไลฟ์สด")
        // A Thai word and digits or Latin keep their space, as written ("ลด 20%", "หูฟังไร้สาย Buds Pro").
        #expect(Self.line(["ล", "ด", "20%"]).text == "ลด 20%")
        #expect(Self.line(["ส", "า", "ย", "Buds", "Pro"]).text == "สาย Buds Pro")
        // A wide gap between Thai words is a space (Thai spaces separate phrases).
        #expect(Self.line(["ส", "ด", "ใ", "ห", "ม่"], gap: 30).text == "ส ด ใ ห ม่")
        // Chinese characters are joined; Latin words are not.
        #expect(Self.line(["直", "播"]).text == "直播")
        #expect(Self.line(["Fresh", "every", "morning"]).text == "Fresh every morning")
        // Legibility counts a reading's words as written: a Thai word once, as its layer text counts it.
        #expect(LegibilityCheck.words([Self.line(["ไ", "ล", "ฟ์", "ส", "ด"]), Self.line(["Buds", "Pro"])]) == ["ไลฟ์สด", "buds", "pro"])
    }

    @Test func aThaiWordIsFoundInAReadingWithinItsSlack() {
        // The demo's Thai earbuds title, read at full size with three letters wrong (หฟังไร่สาย for
        // หูฟังไร้สาย), is matched by a feed-size reading of letters and clusters.
        let feed = ["ห", "ู", "ฝัง", "ไร", "้", "ส", "า", "ย"].map(WordMatch.normalize)
        #expect(WordMatch.found("หฟังไร่สาย", in: feed))
        // Half its letters wrong is not found.
        #expect(!WordMatch.found("หฟังไร่สาย", in: ["ก", "ข", "ฝัง", "ไร", "ค", "ง"]))
        // Distances by letters (a Thai cluster is one Character but up to three scalars).
        #expect(closestStretch(Array("ลินิน".unicodeScalars), in: Array("xxลนินyy".unicodeScalars)) == 1)
        #expect(closestStretch(Array("abc".unicodeScalars), in: Array("zzabczz".unicodeScalars)) == 0)
        #expect(closestStretch(Array("abcd".unicodeScalars), in: Array("".unicodeScalars)) == 4)
        // Latin words keep their own rule: one reading, 20 %.
        #expect(!WordMatch.found("Breathable", in: ["Brxxthaxle"]))
        #expect(WordMatch.found("Breathable", in: ["Breathahle"]))
    }

    @Test func liveBadgesAreToldFromTitles() {
        let labels = ["LIVE", "ไลฟ์สด", "مباشر", "EN VIVO", "ライブ配信"]
        #expect(TitleGuess.isLiveBadge("แไลฟ์สด", labels: labels), "the badge's rounded end read as a letter")
        #expect(TitleGuess.isLiveBadge("(LIVE", labels: labels))
        #expect(TitleGuess.isLiveBadge("En vivo", labels: labels))
        #expect(TitleGuess.isLiveBadge("مباشر", labels: labels))
        #expect(!TitleGuess.isLiveBadge("Live Stream Sale", labels: labels))
        #expect(TitleGuess.isLiveBadge("เไลฟ์ส 0:", labels: labels), "the demo's sofa badge: a stray letter, its last letter lost, a digit")
        #expect(!TitleGuess.isLiveBadge("LIVELY SUMMER", labels: labels))
        #expect(!TitleGuess.isLiveBadge("LIVE SALE", labels: labels))
        #expect(!TitleGuess.isLiveBadge("Linen", labels: labels), "the demo's linen shirt title: one letter from \"line\" is no LIVE badge")
        #expect(!TitleGuess.isLiveBadge("ฟ์สด", labels: labels), "two letters of six lost: not sure enough")
        #expect(!TitleGuess.isLiveBadge("ข้าวเหนียวมะม่วง", labels: labels))
        #expect(!TitleGuess.isLiveBadge("", labels: labels))
    }

    @Test func aBadgesRoundedEndReadAsAMarkLeavesTheWord() {
        // "(LIVE" as Tesseract reads a pill badge: the pill's rounded end as a bracket 30 px wide.
        func symbol(_ t: String, _ x: Int, _ w: Int) -> (text: String, box: Box) { (t, Box(x: x, y: 100, w: w, h: 60)) }
        var word = ResultWalk.OpenWord(text: "(LIVE", box: Box(x: 40, y: 95, w: 200, h: 70), confidence: 88)
        word.symbols = [symbol("(", 40, 30), symbol("L", 80, 35), symbol("I", 125, 15), symbol("V", 150, 40), symbol("E", 200, 40)]
        let trimmed = ResultWalk.trimmed(word)
        #expect(trimmed?.text == "LIVE")
        #expect(trimmed?.box == Box(x: 80, y: 95, w: 160, h: 70), "the rows stay Tesseract's; the columns are the letters'")
        // Quotes before, a bracket and a comma after.
        var thai = ResultWalk.OpenWord(text: "“ไลฟ์สด),", box: Box(x: 10, y: 0, w: 300, h: 80), confidence: 90)
        thai.symbols = [symbol("“", 10, 20), symbol("ไ", 40, 30), symbol("ลฟ์สด", 70, 180), symbol(")", 260, 20), symbol(",", 290, 20)]
        #expect(ResultWalk.trimmed(thai)?.text == "ไลฟ์สด")
        #expect(ResultWalk.trimmed(thai)?.box.x == 40)
        #expect(ResultWalk.trimmed(thai)?.box.maxX == 250)
        // A comma first is a thousands separator whose digit was not read, and stays; marks alone stay.
        var price = ResultWalk.OpenWord(text: ",899.00", box: Box(x: 0, y: 0, w: 170, h: 40), confidence: 66)
        price.symbols = [symbol(",", 0, 10), symbol("899.00", 20, 150)]
        #expect(ResultWalk.trimmed(price)?.text == ",899.00")
        var bar = ResultWalk.OpenWord(text: "|", box: Box(x: 0, y: 0, w: 8, h: 40), confidence: 50)
        bar.symbols = [symbol("|", 0, 8)]
        #expect(ResultWalk.trimmed(bar)?.text == "|")
    }
}

