import Foundation
import Testing
import Support
import Presets
import Imaging
@testable import Covers

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
}
