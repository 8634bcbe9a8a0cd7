import Foundation
import Testing
import Support
import Presets
import Imaging
@testable import Covers
@testable import OCR

/// On an image without layer data, the title is guessed among the lines OCR found: the line with the
/// most text at the largest size. A big price is the heaviest line of many live-commerce covers
/// (the demo's YouTube thumbnails: "$5.90" at 95 px beside a title broken over two smaller lines),
/// and a price read a digit short at feed size then failed the cover as an unreadable title.
@Suite struct DetectedTitleTests {
    @Test func aPriceOrAPercentageIsNoTitle() {
        for price in ["$5.90", "USD 19", "21% OFF", "ر.س 299.00", "1,899.00", "x2"] { #expect(!TitleGuess.hasWords(price), "\(price)") }
        for title in ["Mango Sticky Rice", "سماعات لاسلكية", "เสื้อลินิน", "Buds Pro 2", "新品上市"] { #expect(TitleGuess.hasWords(title), "\(title)") }
    }

    @Test func theWordedLineIsTheTitleOverABiggerPrice() throws {
        let dir = try TestSupport.tempDir("detected-title")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: "youtube-thumbnail", background: [250, 246, 238])
        try f.text("Mango Sticky Rice", x: 80, y: 120, px: 64)
        try f.text("$5.90", x: 80, y: 380, px: 150, role: "price", kind: "price")
        let input = try f.write(dir, "price-first", format: .jpg)
        let run = try TestSupport.run(["covers", "check", "--platform", "youtube-thumbnail", "--layers", "none", "--locale", "en",
                                       "--checks", "legibility", "--json", input.image_path])
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let covers = try #require(report?["covers"] as? [[String: Any]], "\(run.stdout)\(run.stderr)")
        let texts = try #require(covers.first?["texts"] as? [[String: Any]])
        let title = try #require(texts.first { $0["role"] as? String == "title" }, "\(texts)")
        #expect((title["text"] as? String)?.contains("Mango") == true, "title guessed: \(title), lines: \(texts.map { $0["text"] ?? "" })")
        // The price is the heavier line: without the rule it would have been the title.
        let price = try #require(texts.first { ($0["text"] as? String)?.contains("5") == true }, "\(texts)")
        func weight(_ t: [String: Any]) -> Double {
            let b = t["box"] as? [String: Int] ?? [:]
            return Double(b["h"] ?? 0) * Double(b["h"] ?? 0) * Double(b["w"] ?? 0)
        }
        #expect(weight(price) > weight(title), "\(texts)")
    }

    @Test func aLiveBadgeOrAnUnsureReadingIsNoTitle() {
        func line(_ text: String, _ box: Box, _ confidence: Double) -> RecognizedLine {
            RecognizedLine(box: box, words: [RecognizedWord(text: text, box: box, confidence: confidence)], confidence: confidence)
        }
        let labels = ["LIVE", "ไลฟ์สด"]
        // The demo's Thai sofa cover: the LIVE badge, boxed with its pill, outweighs the title.
        let badge = line("แไลฟ์สด", Box(x: 59, y: 265, w: 284, h: 158), 80)
        let title = line("โซฟาสองที่นั่งแสนสบาย", Box(x: 65, y: 922, w: 785, h: 62), 94)
        let roles = TitleGuess.roles([badge, title], height: 1920, liveLabels: labels)
        #expect(roles.title == 1 && roles.live == [0], "\(roles)")
        // A garbage line read at 47 outweighs a sure title; with no sure line, the heaviest worded one stands.
        let garbage = line("งฮัรไฝ", Box(x: 0, y: 0, w: 700, h: 120), 47)
        #expect(TitleGuess.roles([garbage, title], height: 1920, liveLabels: labels).title == 1)
        let unsureTitle = line("โซฟาสองที่นั่งแสนสบาย", Box(x: 65, y: 922, w: 785, h: 62), 55)
        #expect(TitleGuess.roles([garbage, unsureTitle], height: 1920, liveLabels: labels).title == 0)
        // A title in the upper half outweighs a longer subtitle below (the demo's mango cover on Reels:
        // "ข้าวเหนียวมะม่วง" at 88 px over "Fresh every morning" at 75 px, boxed 67 and 72 px tall).
        let thai = line("ข้าวเหนียวมะม่วง", Box(x: 66, y: 819, w: 611, h: 67), 93)
        let subtitle = line("Fresh every morning", Box(x: 65, y: 1057, w: 712, h: 72), 96)
        #expect(TitleGuess.roles([thai, subtitle], height: 1920, liveLabels: labels).title == 0)
        #expect(TitleGuess.roles([thai, subtitle], height: 1600, liveLabels: labels).title == 1, "both in the lower half: the heavier")
        // Only a badge: no title.
        #expect(TitleGuess.roles([badge], height: 1920, liveLabels: labels).title == nil)
    }

    @Test func aWordReadTwiceOverItselfIsOneWord() {
        func word(_ t: String, _ x: Int, _ w: Int, _ c: Double) -> RecognizedWord { RecognizedWord(text: t, box: Box(x: x, y: 0, w: w, h: 50), confidence: c) }
        // "Breathable and Breathable and light." as Tesseract returned the demo's subtitle.
        let read = [word("Breathable", 60, 303, 95.8), word("and", 383, 102, 95.8), word("Breathable", 39, 311, 68.6),
                    word("and", 378, 83, 96.8), word("light.", 510, 143, 66.2)]
        let kept = ResultWalk.withoutRepeats(read)
        #expect(kept.map(\.text) == ["Breathable", "and", "light."])
        #expect(kept[0].confidence == 95.8 && kept[1].confidence == 96.8, "the surer reading of each stays")
        // The same word elsewhere on the line is a second word ("OFF OFF" side by side stays).
        #expect(ResultWalk.withoutRepeats([word("OFF", 0, 100, 90), word("OFF", 120, 100, 90)]).count == 2)
    }
}

