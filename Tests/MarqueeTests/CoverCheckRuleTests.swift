import Foundation
import Testing
import Support
import Presets
import Imaging
import Covers
import CoverChecks
import OCR

/// The rules the cover checks stand on: WCAG's contrast formula against published pairs, the 5x5
/// grid rule on covers with known text cells, and the readability rule at feed size.
@Suite struct CoverCheckRuleTests {
    /// Published pairs: WebAIM's contrast checker and the WCAG 2.x understanding documents
    /// (#777777 on white is the classic "just fails AA" grey; #767676 the lightest that passes).
    @Test func wcagContrastMatchesPublishedPairs() throws {
        let pairs: [(String, String, Double)] = [("#777777", "#FFFFFF", 4.48), ("#767676", "#FFFFFF", 4.54), ("#000000", "#FFFFFF", 21),
                                                 ("#595959", "#FFFFFF", 7.00), ("#FF0000", "#FFFFFF", 4.00), ("#0000FF", "#FFFFFF", 8.59),
                                                 ("#FFFFFF", "#FFFFFF", 1)]
        for (fg, bg, expected) in pairs {
            let ratio = try #require(Color(hex: fg)).contrast(with: try #require(Color(hex: bg)))
            #expect(Rounded.places(ratio, 2) == expected, "\(fg) on \(bg): \(ratio), published \(expected)")
        }
    }

    @Test func gridRuleCountsTheCellsTextTouches() {
        let canvas = Box(x: 0, y: 0, w: 1000, h: 1000)   // cells of 200 x 200
        #expect(BoxArea.gridCells([Box(x: 10, y: 10, w: 100, h: 100)], canvas: canvas) == [0])
        // Spanning row 2 from column 1 to column 3; touching a cell's edge is not touching it.
        #expect(BoxArea.gridCells([Box(x: 250, y: 450, w: 300, h: 50)], canvas: canvas) == [11, 12])
        #expect(BoxArea.gridCells([Box(x: 200, y: 400, w: 400, h: 200)], canvas: canvas) == [11, 12])
        #expect(BoxArea.gridCells([Box(x: 0, y: 0, w: 1000, h: 1000)], canvas: canvas).count == 25)
        #expect(BoxArea.union([Box(x: 0, y: 0, w: 100, h: 100), Box(x: 50, y: 50, w: 100, h: 100)], within: canvas) == 17_500)
    }

    @Test func textDensityWarnsOverTheGridLimitAndFailsOverTheAreaShare() async throws {
        let dir = try TestSupport.tempDir("grid")
        defer { try? FileManager.default.removeItem(at: dir) }
        var sparse = try CheckFixture()
        try sparse.text("Title", x: 100, y: 400, px: 80)                     // one line in cells 5/6
        let few = try await CheckFixture.verdict(TextDensityCheck(), sparse.write(dir, "few"))
        #expect(few.verdict == .pass && few.figures["grid_cells_touched"] == 2, "\(few)")

        var busy = try CheckFixture()
        for row in 0..<5 { try busy.text("Words words", x: 60 + 120 * (row % 2), y: 100 + 380 * row, px: 110) }
        let many = try await CheckFixture.verdict(TextDensityCheck(), busy.write(dir, "many"))
        let cells = try #require(many.figures["grid_cells_touched"])
        let share = try #require(many.figures["text_area_share"])
        #expect(cells > 10 && many.verdict == (share > 0.30 ? .fail : .warn), "\(many)")

        // Small words spread over the canvas: many cells, little area: a warning only.
        var spread = try CheckFixture()
        for (x, y) in [(60, 100), (640, 100), (340, 420), (60, 760), (640, 760), (340, 1100), (60, 1440), (640, 1440), (340, 1780)] {
            try spread.text("Sale", x: x, y: y, px: 40)
        }
        let thin = try await CheckFixture.verdict(TextDensityCheck(), spread.write(dir, "spread"))
        #expect(thin.verdict == .warn && (thin.figures["grid_cells_touched"] ?? 0) > 10 && (thin.figures["text_area_share"] ?? 1) < 0.30, "\(thin)")
        // Big text over most of the canvas: too wordy, a failure.
        var heavy = try CheckFixture()
        for row in 0..<6 { try heavy.text("WORDS WORDS", x: 40, y: 80 + 300 * row, px: 200) }
        let wordy = try await CheckFixture.verdict(TextDensityCheck(), heavy.write(dir, "heavy"))
        #expect(wordy.verdict == .fail && (wordy.figures["text_area_share"] ?? 0) > 0.30, "\(wordy)")
        #expect(many.reason.contains("of the 25 grid cells"), "\(many.reason)")
    }

    /// A text line's x-height at feed size is measured from the pixels; tiktok shows 1080 px as 180,
    /// so text of 48 px (x-height ~26 px, 4.3 at feed) fails the 5-px minimum and 72 px (6.4) passes.
    @Test func readabilityRuleJudgesXHeightAtFeedSize() async throws {
        let dir = try TestSupport.tempDir("readability")
        defer { try? FileManager.default.removeItem(at: dir) }
        var cover = try CheckFixture()
        try cover.text("price sale now", x: 100, y: 300, px: 48, role: "price")
        try cover.text("summer sale", x: 100, y: 600, px: 72, role: "title")
        let input = try cover.write(dir, "sizes")
        let outcome = try await CheckFixture.verdict(TextSizeCheck(), input)
        #expect(outcome.verdict == .fail && outcome.findings.count == 1, "\(outcome)")
        let finding = try #require(outcome.findings.first)
        #expect(finding.layer == 0 && finding.message.hasPrefix("price “price sale now” text is 4."), "\(finding.message)")
        // The measured x-height is Noto Sans' (0.536 em) within a pixel at canvas size.
        let atFeed = try #require(finding.figures?["x_height_px_at_feed"])
        #expect(abs(atFeed * 6 - 48 * 0.536) <= 1.5, "x-height \(atFeed * 6) px at canvas size for a 48-px font")
        #expect(finding.message.hasSuffix("needs 5.0 px"), "\(finding.message)")
    }

    @Test func missingLanguageDataIsAClearError() {
        #expect(throws: OCRError.self) { try OCRLanguages.dataPath(for: ["xxx"]) }
        do { _ = try OCRLanguages.dataPath(for: ["klingon"], environment: [:]) } catch {
            #expect(error.message.contains("tesseract-ocr-klingon") && error.message.contains("TESSDATA_PREFIX"), "\(error.message)")
        }
        #expect(OCRLanguages.models(forLocale: "th") == ["tha", "eng"] && OCRLanguages.models(forLocale: "pt-BR") == ["por", "eng"])
        #expect(OCRLanguages.models(forLocale: "zh-Hans") == ["chi_sim", "eng"] && OCRLanguages.models(forLocale: "en-US") == ["eng"])
    }

    /// Light text on a dark panel: read, and its box is where it was drawn.
    @Test func ocrReadsLinesWithBoxesAndConfidence() async throws {
        var cover = try CheckFixture(background: [20, 30, 60])
        let box = try cover.text("FLASH SALE TODAY", x: 120, y: 500, px: 64, colour: "#FFFFFF")
        let lines = try await TextDetection.detect(cover.image, locale: "en")
        let line = try #require(lines.first, "nothing read")
        #expect(line.text == "FLASH SALE TODAY" && line.confidence > 80, "\(lines)")
        #expect(abs(line.box.x - box.x) <= 4 && abs(line.box.y - box.y) <= 4 && abs(line.box.maxX - box.maxX) <= 4, "\(line.box) vs \(box)")
    }
}
