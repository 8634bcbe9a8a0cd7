import Foundation
import Support
import Presets
import Imaging
import PluginKit
import Covers
import CoverChecks
import Testing

/// A white title on a dark panel over a light picture, as the composer sets text it cannot contrast
/// otherwise: the legibility check's crop took in the panel's edge and the picture around it,
/// Tesseract's threshold split panel from picture, and it read nothing even at full size (a white
/// Arabic title on the sample show's sofa cover: 0 %, "cannot be read at feed size" by detection).
/// Read again framed in its own background, the title is read at full size and at feed size.
@Suite struct LegibilityPanelTests {
    @Test(arguments: [("ar", "Noto Sans Arabic Bold", "أريكة مريحة لشخصين"), ("en", "Noto Sans Bold", "Cozy Two Seat Sofa")])
    func aTitleOnItsPanelIsRead(locale: String, font: String, title: String) async throws {
        let dir = try TestSupport.tempDir("legibility-panel")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = try CheckFixture(platform: "tiktok", background: [218, 205, 185])
        // The panel reaches 22 px past the title's sides and 11 px above and below it, as the composer lays it.
        let probe = try Image.text("<span>\(Markup.escape(title))</span>", font: "\(font) 88", dpi: 72).image
        let box = Box(x: 930 - probe.width, y: 997, w: probe.width, h: probe.height)
        try f.block(Box(x: box.x - 22, y: box.y - 11, w: box.w + 44, h: box.h + 22), rgb: [40, 44, 52], kind: "scrim")
        try f.text(title, x: box.x, y: box.y, px: 88, colour: "#FFFFFF", role: "title", font: font)
        var input = try f.write(dir, "panel-\(locale)")
        input.cover.locale = locale
        let outcome = try await CheckFixture.verdict(LegibilityCheck(), input)
        let share = try #require(outcome.figures["title_words_read_share"])
        #expect(share >= 0.5, "\(locale): title read at feed size \(share): \(outcome.reason)")
        #expect(!outcome.findings.contains { $0.message.contains("reads poorly by OCR even at full size") }, "\(outcome.findings.map(\.message))")
        #expect(outcome.verdict != .fail, "\(outcome.reason)")
    }
}
