import Foundation
import Support
import Presets
import Imaging
import OCR

/// Text on covers Marquee did not make, found by reading the whole picture once with Tesseract.
///
/// Where detection is weak: stylised display faces, text on busy photos, text along curves or at an
/// angle, very thin or outlined letters, and light text on dark ground (read again inverted when the
/// first read is unsure; see `RecognizerPool.read`). Each line keeps Tesseract's confidence (0…100);
/// lines under `lowConfidence` are reported as uncertain, lines under `minConfidence` with no
/// confident word of two letters are dropped as texture. Fine regular texture (cat fur in
/// scikit-image's `chelsea`) can still read as large low-confidence "words" and inflate the text area.
public enum TextDetection {
    public static let lowConfidence = 60.0
    static let minConfidence = 45.0
    /// Pictures are read with their long side at most this (text smaller than what a platform's
    /// minimum font gives stays above Tesseract's ~8 px reading limit at this scale).
    static let readingSide = 1280.0

    public static func detect(_ image: Image, locale: String) async throws -> [RecognizedLine] {
        let scale = min(1, readingSide / Double(max(image.width, image.height)))
        let small = scale < 1 ? try image.resize(scale) : image
        let pixels = GreyPixels(bytes: try small.greyBytes(), width: small.width, height: small.height, scale: 1 / scale)
        let lines = try await RecognizerPool.shared.read(pixels, models: OCRLanguages.models(forLocale: locale), layout: .sparse,
                                                         invertBelow: lowConfidence)
        return lines.filter(isText).map { clip($0, to: Box(x: 0, y: 0, w: image.width, h: image.height)) }
    }

    /// Whether a line is text rather than texture: confident enough, or holding a word of two or more
    /// letters or digits read with some confidence.
    static func isText(_ line: RecognizedLine) -> Bool {
        let real = line.words.filter { w in w.text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.count >= 2 }
        guard !real.isEmpty, line.box.h >= 6 else { return false }
        return line.confidence >= minConfidence || real.contains { $0.confidence >= lowConfidence }
    }

    static func clip(_ line: RecognizedLine, to canvas: Box) -> RecognizedLine {
        var l = line
        l.box = l.box.intersection(canvas)
        return l
    }
}
