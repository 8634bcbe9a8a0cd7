import Foundation
import Support
import Imaging
import Presets
import OCR

/// A cover's text as detection read it, and the locale whose Tesseract models read it.
public struct TextReading: Sendable {
    public var lines: [RecognizedLine]
    /// The locale whose models read `lines`.
    public var locale: String
    /// Every locale the cover was read with, in order (the first, then the others when it was unsure).
    public var tried: [String]

    /// The Tesseract models that read `lines`, e.g. `["ara", "eng"]`.
    public var models: [String] { OCRLanguages.models(forLocale: locale) }
    /// Lines read with less than `TextDetection.lowConfidence`.
    public var unsure: [RecognizedLine] { lines.filter { $0.confidence < TextDetection.lowConfidence } }
}

extension TextDetection {
    /// Reads the picture with each locale's models and keeps the reading that finds the most text
    /// most surely; another reading must beat the first by a tenth to replace it. Every locale is
    /// read, not only when the first reading is unsure: with its own thresholding Tesseract often finds
    /// no ink at all where the script is not its model's (light Thai text read as English gives no
    /// line, not a doubtful one), so an unsure line is no signal that the script is wrong.
    public static func detect(_ image: Image, locales: [String]) async throws -> TextReading {
        let first = locales.first ?? "en"
        let pixels = try prepare(image)
        var reading = TextReading(lines: try await read(pixels, locale: first), locale: first, tried: [first])
        var best = score(reading.lines)
        for locale in locales.dropFirst() {
            let lines = try await read(pixels, locale: locale)
            reading.tried.append(locale)
            let s = score(lines)
            if s > best * 1.1 { (best, reading.lines, reading.locale) = (s, lines, locale) }
        }
        return reading
    }

    /// How much text a reading found and how surely: each word's letters and digits weighted by the
    /// fourth power of its confidence (a wrong script's model reads fewer letters, far less surely;
    /// box areas would favour its large boxes of garbage).
    static func score(_ lines: [RecognizedLine]) -> Double {
        lines.flatMap(\.words).reduce(0) { sum, w in sum + Double(letters(w)) * pow(w.confidence / 100, 4) }
    }

    /// The locales to read covers without layer data with: the one given; else the region's (its
    /// first locale first, one per set of models); else English, then the installed models of the
    /// scripts English cannot read.
    public static func locales(given: String?, region: RegionPreset?) -> [String] {
        if let given { return [given] }
        var seen: Set<[String]> = [], out: [String] = []
        let codes = region.map { $0.locales.map(\.code) } ?? ["en"] + OCRLanguages.otherScripts
        for code in codes where OCRLanguages.installed(forLocale: code) && seen.insert(OCRLanguages.models(forLocale: code)).inserted {
            out.append(code)
        }
        return out.isEmpty ? ["en"] : out
    }
}
