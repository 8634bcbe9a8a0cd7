import Foundation
import Presets
import OCR

/// A second, closer reading of the lines detection is unsure of. Tesseract reads a whole cover at
/// once with its own search for text (`PageLayout.sparse`); on a photograph that search misreads
/// lines it has cut short or glued to texture ("Morninc" for "Morning", "uve" for a LIVE badge). Each
/// Latin line kept as text but read under `sureBelow` is read again alone, at full size, as one line: its
/// box widened by half its height each side and a quarter above and below (not into the next line),
/// dark letters on light first. The second reading stands where it holds more text read surely
/// (`RecognizedLine.weight`), is at least as confident and covers the same letters.
enum LineReread {
    /// Lines read at least this surely are not read again.
    static let sureBelow = 90.0

    /// The line read again alone (nil when it is sure already or read as more than one line).
    static func reading(_ line: RecognizedLine, grey: [UInt8], width: Int, height: Int,
                        models: [String]) async throws -> RecognizedLine? {
        guard line.confidence < sureBelow, isLatin(line.text), let patch = patch(around: line.box, grey: grey, width: width, height: height) else { return nil }
        let again = try await RecognizerPool.shared.read(patch, models: models, layout: .line, invertBelow: TextDetection.lowConfidence,
                                                         darkInkFirst: true)
        return again.count == 1 ? again.first : nil
    }

    /// Whether the second reading (its words cut to their ink) stands instead of the first: text, as
    /// sure, more text read surely, over the same letters (half the smaller box shared: not a
    /// neighbour the widened patch reached) and as tall (three quarters of the first's height: a Thai
    /// word read as Latin letters keeps only its letters' bodies, and would be judged 2 px small).
    static func replaces(_ second: RecognizedLine, _ first: RecognizedLine) -> Bool {
        TextDetection.isText(second) && second.weight > first.weight && second.confidence >= first.confidence
            && 2 * second.box.intersection(first.box).area >= min(second.box.area, first.box.area) && 4 * second.box.h >= 3 * first.box.h
    }

    /// Whether a text's letters are all plain ASCII (Latin without diacritics; digits and punctuation of
    /// any script pass): Arabic and Thai lines read again as one line came back with boxes cut to a part
    /// of their letters (the demo's covers: badges measured at 2 px). Narrower than `WritingScript.latin`,
    /// which also counts Vietnamese letters; the rules here were measured on English covers only.
    static func isLatin(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { !CharacterSet.letters.contains($0) || $0.isASCII }
    }

    /// The full-size grey pixels around `box`, widened as above and kept to the picture.
    static func patch(around box: Box, grey: [UInt8], width: Int, height: Int) -> GreyPixels? {
        let side = max(1, box.h / 2), above = max(1, box.h / 4)
        let area = Box(x: box.x - side, y: box.y - above, w: box.w + 2 * side, h: box.h + 2 * above)
            .intersection(Box(x: 0, y: 0, w: width, h: height))
        guard area.w >= 4, area.h >= 4, grey.count >= width * height else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(area.w * area.h)
        for y in area.y..<area.maxY { bytes += grey[(y * width + area.x)..<(y * width + area.maxX)] }
        return GreyPixels(bytes: bytes, width: area.w, height: area.h, origin: (area.x, area.y))
    }
}
