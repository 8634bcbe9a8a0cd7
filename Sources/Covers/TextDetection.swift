import Foundation
import Support
import Presets
import Imaging
import OCR

/// Text on covers Marquee did not make, found by reading the whole picture once with Tesseract.
///
/// Where detection is weak: stylised display faces, text on busy photos, text along curves or at an
/// angle, very thin or outlined letters, and light text on dark ground (every picture is read plain
/// and inverted and the more confident lines kept, see `RecognizerPool.read`: with one confident
/// line, such as a dark price, a light Thai title was otherwise never seen at all). Each line keeps Tesseract's confidence (0…100);
/// lines under `lowConfidence` are reported as uncertain. Every word is then checked against the
/// pixels (`InkBox`): its box is cut to its flat-coloured ink (Tesseract glues texture such as
/// cat fur to the letters and returns boxes twice their height), and words with no letter or digit,
/// whose box is mostly texture, or whose box is nearly all one flat grey (no letters) are dropped;
/// lines under `minConfidence` with no confident word of two letters are dropped as texture. A Latin
/// line kept but read unsurely is read again alone (`LineReread`): the search cuts lines short on photos.
public enum TextDetection {
    public static let lowConfidence = 60.0
    static let minConfidence = 45.0
    /// Pictures are read with their long side at most this (text smaller than what a platform's
    /// minimum font gives stays above Tesseract's ~8 px reading limit at this scale).
    static let readingSide = 1280.0
    /// Words whose tightened box is less than this share flat ink are texture read as letters…
    static let minInkShare = 0.1
    /// …and words whose box is more than this share of it a flat area (a panel's corner, a blur or the
    /// cover's ground read as "12" or "V"; letters fill a fifth to a half of their box), unless…
    static let maxInkShare = 0.8
    /// …the word is one stroke, which fills its box.
    static let oneStroke: Set<String> = ["I", "l", "1", "i", "!", "|", "j", "ı"]

    /// How far, in the picture's pixels, a detected box can be from the ink it stands for: one pixel
    /// of the reduced copy Tesseract read, rounded up (2 px for a 1080x1920 cover read at 1280 px).
    public static func boxTolerance(width: Int, height: Int) -> Int {
        Int((Double(max(width, height)) / readingSide).rounded(.up))
    }

    /// How far a detected box can reach past the ink it stands for where Tesseract takes a badge's
    /// rounded end for a letter or draws an Arabic or Thai word wide: 8 px on a 1920 px long side
    /// (the demo's covers checked as plain images, against their layer data, session 15: boxes 3-8 px
    /// into UI zones their layers keep out of), scaled with the cover.
    public static func boxUncertainty(width: Int, height: Int) -> Int {
        Int((Double(max(width, height)) * 8 / 1920).rounded(.up))
    }

    public static func detect(_ image: Image, locale: String) async throws -> [RecognizedLine] {
        try await read(try prepare(image), locale: locale)
    }

    /// The picture as detection reads it: grey pixels reduced to `readingSide` for Tesseract, and the
    /// full-size grey pixels word boxes are measured in.
    struct Prepared: Sendable {
        let reading: GreyPixels
        let grey: [UInt8]
        let width: Int, height: Int
    }

    static func prepare(_ image: Image) throws -> Prepared {
        let scale = min(1, readingSide / Double(max(image.width, image.height)))
        let small = scale < 1 ? try image.resize(scale) : image
        let pixels = GreyPixels(bytes: try small.greyBytes(), width: small.width, height: small.height, scale: 1 / scale)
        // The word boxes are measured at full size: the read pixels are those when the picture was not reduced.
        return Prepared(reading: pixels, grey: scale < 1 ? try image.greyBytes() : pixels.bytes, width: image.width, height: image.height)
    }

    /// One reading with the models of `locale`: the lines kept as text.
    static func read(_ p: Prepared, locale: String) async throws -> [RecognizedLine] {
        let models = OCRLanguages.models(forLocale: locale)
        let raw = try await RecognizerPool.shared.read(p.reading, models: models, layout: .sparse,
                                                       invertBelow: 101)   // always both polarities
        var lines: [RecognizedLine] = []
        for line in raw {
            guard let first = inked(line, grey: p.grey, width: p.width, height: p.height), isText(first) else { continue }
            let again = try await LineReread.reading(line, grey: p.grey, width: p.width, height: p.height, models: models)
            lines.append(again.flatMap { inked($0, grey: p.grey, width: p.width, height: p.height) }
                .flatMap { LineReread.replaces($0, first) ? $0 : nil } ?? first)
        }
        return lines
    }

    /// The line with each word's box cut to its ink and texture words dropped; its box the union of
    /// its words' and its confidence their mean. Nil when no word is left.
    static func inked(_ line: RecognizedLine, grey: [UInt8], width: Int, height: Int) -> RecognizedLine? {
        var words: [RecognizedWord] = []
        for var word in line.words where word.text.unicodeScalars.contains(where: CharacterSet.alphanumerics.contains) {
            guard let ink = InkBox.tightened(grey, width: width, height: height, box: word.box, latin: LineReread.isLatin(word.text)),
                  ink.share >= minInkShare,
                  ink.share <= maxInkShare || oneStroke.contains(word.text) else { continue }
            word.box = ink.box
            words.append(word)
        }
        words = sameBand(words)
        guard let first = words.first?.box else { return nil }
        var l = line
        l.words = words
        l.box = words.dropFirst().reduce(first) { b, w in
            let x = min(b.x, w.box.x), y = min(b.y, w.box.y)
            return Box(x: x, y: y, w: max(b.maxX, w.box.maxX) - x, h: max(b.maxY, w.box.maxY) - y)
        }
        l.confidence = (words.map(\.confidence).reduce(0, +) / Double(words.count) * 10).rounded() / 10
        return l
    }

    /// Words of one line share its text band: a word's box is cut to the band from the median top
    /// to the median bottom of the line's words, widened by a quarter of its height each side (a
    /// smooth background the colour of the ink can still stretch one word's ink box).
    static func sameBand(_ words: [RecognizedWord]) -> [RecognizedWord] {
        guard words.count >= 2 else { return words }
        let tops = words.map(\.box.y).sorted(), bottoms = words.map(\.box.maxY).sorted()
        let top = tops[tops.count / 2], bottom = bottoms[bottoms.count / 2]
        let slack = max(1, (bottom - top) / 4)
        let band = Box(x: Int.min / 4, y: top - slack, w: Int.max / 2, h: bottom - top + 2 * slack)
        return words.compactMap { w in
            var w = w
            w.box = w.box.intersection(band)
            return w.box.w > 0 && w.box.h > 0 ? w : nil
        }
    }

    /// Whether a line is text rather than texture: confident enough, or holding a word of two or more
    /// letters or digits read with some confidence. Thai is read one letter per "word" (Tesseract
    /// splits unspaced Thai into characters), so a confident line with three letters in all is text
    /// too, whatever its words' lengths.
    static func isText(_ line: RecognizedLine) -> Bool {
        guard line.box.h >= 6 else { return false }
        if line.confidence >= lowConfidence && line.words.map(\.letters).reduce(0, +) >= 3 { return true }
        let real = line.words.filter { $0.letters >= 2 }
        guard !real.isEmpty else { return false }
        return line.confidence >= minConfidence || real.contains { $0.confidence >= lowConfidence }
    }
}
