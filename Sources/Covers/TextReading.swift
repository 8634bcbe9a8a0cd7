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
    /// Every locale the cover was read with, in order.
    public var tried: [String]
    /// Why `locale` was chosen among those tried, in words for the report (nil when only one was read,
    /// or no script told them apart).
    public var why: String? = nil

    /// The Tesseract models that read `lines`, e.g. `["ara", "eng"]`.
    public var models: [String] { OCRLanguages.models(forLocale: locale) }
    /// Lines read with less than `TextDetection.lowConfidence`.
    public var unsure: [RecognizedLine] { lines.filter { $0.confidence < TextDetection.lowConfidence } }
}

extension TextDetection {
    /// Reads the picture with each locale's models and keeps one reading (`ScriptEvidence.choose`):
    /// the locale whose own script's letters were read surely, else the Latin-script reading that finds
    /// the most text most surely. Every locale is read, not only when the first reading is unsure: with
    /// its own thresholding Tesseract often finds no ink at all where the script is not its model's
    /// (light Thai text read as English gives no line, not a doubtful one), so an unsure line is no
    /// signal that the script is wrong.
    public static func detect(_ image: Image, locales: [String]) async throws -> TextReading {
        let pixels = try prepare(image)
        var readings: [(locale: String, lines: [RecognizedLine])] = []
        for locale in locales.isEmpty ? ["en"] : locales { readings.append((locale, try await read(pixels, locale: locale))) }
        let (index, why) = ScriptEvidence.choose(readings)
        return TextReading(lines: readings[index].lines, locale: readings[index].locale, tried: readings.map(\.locale), why: why)
    }

    /// How much text a reading found and how surely: each word's letters and digits weighted by the
    /// fourth power of its confidence (a wrong script's model reads fewer letters, far less surely;
    /// box areas would favour its large boxes of garbage).
    static func score(_ lines: [RecognizedLine]) -> Double {
        lines.reduce(0) { $0 + $1.weight }
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
