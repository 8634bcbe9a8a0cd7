import Foundation
import Presets
import OCR

/// Which script a cover's text is written in, judged from its readings with several locales' models
/// (covers without layer data and without `--locale`). Each model reads every picture as its own
/// script as far as it can, so a reading's total of sure letters says little: the Thai model reads
/// "Summer" as eight sure Thai letters, the Arabic model reads English lines whole (its models include
/// English) and some of them better than English alone. What tells the script is the letters of a
/// model's own script that it reads surely where no model read sure Latin words: Arabic letters read
/// by the Arabic model, Thai by the Thai one. Digits count for no script (Thai and Arabic-Indic digits
/// are what texture is most often read as).
enum ScriptEvidence {
    /// The weight of a locale's own letters (each weighted by its word's confidence to the fourth,
    /// `RecognizedWord.weight`) that chooses it. Measured on the demo's 90 covers checked as plain
    /// images (session 16): English covers showed at most 0.8 from other models' misreadings, Arabic
    /// and Thai covers at least 3.1 in their own script.
    static let minimum = 2.0
    /// A word read this surely, with two or more Latin letters, is Latin text whatever other models read there.
    static let sureLatin = 80.0

    /// The boxes of the words some reading read surely in Latin letters.
    static func latinWords(_ readings: [[RecognizedLine]]) -> [Box] {
        readings.flatMap { $0.flatMap(\.words) }
            .filter { $0.confidence >= sureLatin && WritingScript.latin.letters(in: $0.text) >= 2 }
            .map(\.box)
    }

    /// How much of `script`'s text `lines` hold: the weight of its letters, leaving out words whose
    /// centre lies on a sure Latin word (`latin`).
    static func weight(of lines: [RecognizedLine], script: WritingScript, latin: [Box]) -> Double {
        lines.flatMap(\.words).reduce(0) { sum, w in
            let own = script.letters(in: w.text)
            guard own > 0 else { return sum }
            let cx = w.box.x + w.box.w / 2, cy = w.box.y + w.box.h / 2
            if latin.contains(where: { cx >= $0.x && cx < $0.maxX && cy >= $0.y && cy < $0.maxY }) { return sum }
            return sum + Double(own) * pow(w.confidence / 100, 4)
        }
    }

    /// The reading to keep, by index, and why, in words for the report. A locale of a script other than
    /// Latin whose own letters weigh `minimum` or more (the most of any) is chosen; else the readings of
    /// Latin-script locales (all readings when there is none) are compared by `TextDetection.score`:
    /// the first stands unless another finds a tenth more.
    static func choose(_ readings: [(locale: String, lines: [RecognizedLine])]) -> (index: Int, why: String?) {
        guard readings.count > 1 else { return (0, nil) }   // one locale given: nothing to choose
        let latin = latinWords(readings.map(\.lines))
        let scripted = readings.indices.compactMap { i -> (Int, WritingScript, Double)? in
            WritingScript.of(locale: readings[i].locale).map { (i, $0, weight(of: readings[i].lines, script: $0, latin: latin)) }
        }
        if let best = scripted.max(by: { $0.2 < $1.2 }), best.2 >= minimum {
            return (best.0, String(format: "chosen for the %@ letters it read surely, weight %.1f", best.1.name, best.2))
        }
        let pool = readings.indices.filter { WritingScript.of(locale: readings[$0].locale) == nil }
        let candidates = pool.isEmpty ? Array(readings.indices) : pool
        var chosen = candidates[0], best = TextDetection.score(readings[chosen].lines)
        for i in candidates.dropFirst() {
            let s = TextDetection.score(readings[i].lines)
            if s > best * 1.1 { (chosen, best) = (i, s) }
        }
        guard !scripted.isEmpty else { return (chosen, nil) }
        let names = Set(scripted.map(\.1.name)).sorted()
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1] : names[0]
        return (chosen, "no \(list) letters read surely")
    }
}
