import Foundation
import Support
import Presets
import Imaging
import PluginKit
import Covers
import CoverChecks
import OCR
import Testing

/// Tesseract's own line search drops a line of Noto Sans Arabic from about 28 px up: the demo's Arabic
/// titles on YouTube thumbnails read "0 % of its words even at full size", and the legibility check
/// fell back to geometry with a warning. Where layer data gives the text's lines, each line is read as
/// a line, with no search: the same title is read at full size and at feed size.
@Suite struct LegibilityLineTests {
    @Test(arguments: [("youtube-thumbnail", 88), ("youtube-thumbnail", 64), ("tiktok", 88)])
    func anArabicTitleIsReadLineByLine(platform: String, px: Int) async throws {
        let dir = try TestSupport.tempDir("legibility-lines")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: platform, background: [234, 218, 213])
        let title = "قميص كتان صيفي"
        try f.text(title, x: 120, y: 300, px: px, colour: "#111111", role: "title", font: "Noto Sans Arabic Bold", lines: true)
        var input = try f.write(dir, "arabic-\(platform)-\(px)")
        input.cover.locale = "ar"
        let outcome = try await CheckFixture.verdict(LegibilityCheck(), input)
        let messages = outcome.findings.map(\.message)
        #expect(!messages.contains { $0.contains("reads poorly by OCR even at full size") }, "\(platform), \(px) px: \(messages)")
        #expect(!messages.contains { $0.contains("low confidence") }, "\(platform), \(px) px: \(messages)")
        let share = try #require(outcome.figures["title_words_read_share"])
        #expect(share >= 0.5, "\(platform), \(px) px: title read at feed size \(share): \(outcome.reason)")
        #expect(outcome.verdict == .pass, "\(platform), \(px) px: \(outcome.reason) \(messages)")
    }

    /// What each reading mode finds in the 88 px line, straight from Tesseract: the line search finds
    /// nothing, the line read as a line finds the title's words. Should Tesseract's search come to read
    /// it, this test says the per-line reading is no longer needed for it.
    @Test func tesseractsLineSearchDropsTheLine() async throws {
        let rendered = try Image.text("<span>قميص كتان صيفي</span>", font: "Noto Sans Arabic Bold 88", dpi: 72).image
        // Dark ink (the rendering's alpha) on white, with 20 px of white around it.
        let rgba = try rendered.pixelBytes(), (w, h, m) = (rendered.width, rendered.height, 20)
        var bytes = [UInt8](repeating: 255, count: (w + 2 * m) * (h + 2 * m))
        for y in 0..<h { for x in 0..<w { bytes[(y + m) * (w + 2 * m) + x + m] = 255 - rgba[(y * w + x) * 4 + 3] } }
        let grey = GreyPixels(bytes: bytes, width: w + 2 * m, height: h + 2 * m)
        let words = { (layout: PageLayout) async throws -> [String] in
            try await RecognizerPool.shared.read(grey, models: ["ara", "eng"], layout: layout, invertBelow: nil).flatMap { $0.words.map(\.text) }
        }
        #expect(try await words(.block).isEmpty)
        let asLine = try await words(.rawLine)
        #expect(asLine.contains("قميص") && asLine.contains("كتان"), "\(asLine)")
    }
}
