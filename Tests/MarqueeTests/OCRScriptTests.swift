import Foundation
import Testing
import Support
import Presets
import Imaging
import OCR
import Covers

/// Tesseract on Arabic and Thai. Earlier runs saw word confidences of 0–28 on such covers: they
/// were read with the English model (`covers check` reads a plain image as English unless
/// `--locale` says otherwise). With the locale's own model the words read at 85 or more, at every
/// size and page layout Marquee uses (see docs/cover-checks.md, "where detection is weak").
@Suite struct OCRScriptTests {
    static let lines: [(locale: String, font: String, text: String)] = [
        ("ar", "Noto Sans Arabic Bold", "تخفيضات كبيرة اليوم"),
        ("th", "Noto Sans Thai Bold", "ลดราคาพิเศษวันนี้"),
        // Single Thai letters only: Tesseract returns each as its own "word".
        ("th", "Noto Sans Thai", "ลดราคา"),
    ]

    /// Dark text on a light panel at `px` (em size).
    static func rendered(_ text: String, font: String, px: Int) throws -> Image {
        let ink = try Image.text("<span foreground=\"#111111\">\(Markup.escape(text))</span>", font: "\(font) \(px)", dpi: 72).image
        return try Image.solid(width: ink.width + 80, height: ink.height + 80, rgb: [235, 235, 235]).cast("uchar")
            .compositeRegion(ink, x: 40, y: 40)
    }

    /// Words without the spaces Tesseract puts between Thai letters, and without Thai's vowel and
    /// tone marks above and below the line: the Thai model drops one now and then or takes ิ for ี
    /// (one mark in a line of sixteen letters), while the letters on the line read right.
    static func joined(_ lines: [RecognizedLine]) -> String {
        let text = lines.map { $0.words.map(\.text).joined(separator: $0.words.allSatisfy { $0.text.count <= 3 } ? "" : " ") }.joined(separator: " ")
        return baseLetters(text)
    }

    static func baseLetters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !($0.properties.generalCategory == .nonspacingMark && (0x0E00...0x0E7F).contains($0.value)) }))
    }

    /// Recognisers loaded ahead (`warm`, as a covers batch does at its start) serve the first reads:
    /// two reads started at once wait for the two being loaded instead of loading their own.
    @Test func warmedRecognisersServeTheFirstReads() async throws {
        let pool = RecognizerPool()
        pool.warm(["eng"], count: 2)
        let panel = try Self.rendered("FLASH SALE TODAY", font: "Noto Sans Bold", px: 48)
        let pixels = GreyPixels(bytes: try panel.greyBytes(), width: panel.width, height: panel.height)
        async let first = pool.read(pixels, models: ["eng"], layout: .block)
        async let second = pool.read(pixels, models: ["eng"], layout: .block)
        let reads = try await [first, second]
        for read in reads {
            #expect(read.flatMap(\.words).map(\.text) == ["FLASH", "SALE", "TODAY"], "\(read)")
        }
        #expect(pool.loadedCount == 2, "\(pool.loadedCount) recognisers loaded for two reads after warming two")
        _ = try await pool.read(pixels, models: ["eng"], layout: .block)
        #expect(pool.loadedCount == 2, "a later read reuses an idle recogniser")
    }

    /// A batch that warms one recogniser (a composing batch of two jobs) has reads beyond it wait for
    /// it: four reads at once load one recogniser, and all four read right. Without warming, the same
    /// four reads each load their own.
    @Test func readsBeyondTheWarmedCountWaitForIt() async throws {
        let panel = try Self.rendered("FLASH SALE TODAY", font: "Noto Sans Bold", px: 48)
        let pixels = GreyPixels(bytes: try panel.greyBytes(), width: panel.width, height: panel.height)
        func fourAtOnce(_ pool: RecognizerPool) async throws -> [[String]] {
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 { group.addTask { try await pool.read(pixels, models: ["eng"], layout: .block).flatMap(\.words).map(\.text) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        let limited = RecognizerPool()
        limited.warm(["eng"], count: 1)
        let reads = try await fourAtOnce(limited)
        #expect(reads.count == 4 && reads.allSatisfy { $0 == ["FLASH", "SALE", "TODAY"] }, "\(reads)")
        #expect(limited.loadedCount == 1, "\(limited.loadedCount) recognisers loaded for four reads after warming one")
        let open = RecognizerPool()
        _ = try await fourAtOnce(open)
        #expect(open.loadedCount > 1, "reads with no warmed recogniser load their own: \(open.loadedCount)")
    }

    @Test(arguments: [24, 48, 96])
    func theLocaleModelReadsArabicAndThai(px: Int) async throws {
        for line in Self.lines {
            let panel = try Self.rendered(line.text, font: line.font, px: px)
            let pixels = GreyPixels(bytes: try panel.greyBytes(), width: panel.width, height: panel.height)
            for layout in [PageLayout.block, .sparse, .line] {
                let read = try await RecognizerPool.shared.read(pixels, models: OCRLanguages.models(forLocale: line.locale), layout: layout)
                let words = read.flatMap(\.words)
                let mean = words.map(\.confidence).reduce(0, +) / Double(max(1, words.count))
                #expect(Self.joined(read) == Self.baseLetters(line.text) && mean >= 85,
                        "\(line.locale) \(px) px \(layout): \(words.map { "\($0.text):\(Int($0.confidence))" })")
            }
        }
    }

    /// Whole-picture detection keeps the Arabic and Thai lines (a Thai line of single letters too),
    /// and the English model, which earlier runs used, reads them as nothing confident.
    @Test func detectionKeepsArabicAndThaiLinesWithTheirLocale() async throws {
        for line in Self.lines {
            let panel = try Self.rendered(line.text, font: line.font, px: 48)
            let found = try await TextDetection.detect(panel, locale: line.locale)
            #expect(found.count == 1 && (found.first?.confidence ?? 0) >= 85 && Self.joined(found) == Self.baseLetters(line.text),
                    "\(line.text) (\(line.locale)): \(found.map { "\($0.text) \($0.confidence)" })")
            let pixels = GreyPixels(bytes: try panel.greyBytes(), width: panel.width, height: panel.height)
            let english = try await RecognizerPool.shared.read(pixels, models: ["eng"], layout: .sparse)
            #expect(english.allSatisfy { $0.confidence < 60 }, "\(english.map { "\($0.text) \($0.confidence)" })")
            #expect(try await TextDetection.detect(panel, locale: "en").isEmpty)
        }
    }
}
