import Foundation
import Support
import OCR

/// Whether words read at full size are read again at feed size, allowing a misread letter in long
/// words, and matching inside unspaced scripts (Thai, Chinese, Japanese), whose "words" are segments.
enum WordMatch {
    /// Lowercased letters and digits only, in compatibility form (NFKC), so the Arabic presentation
    /// forms Tesseract sometimes returns match the plain letters of the same word.
    static func normalize(_ word: String) -> String {
        String(word.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map { normalize(String($0)) }.filter { !$0.isEmpty }
    }

    /// The share of `reference` words found in `read` (1 when there is nothing to find).
    static func share(_ reference: [String], readIn read: [String]) -> Double {
        guard !reference.isEmpty else { return 1 }
        return Double(reference.filter { found($0, in: read) }.count) / Double(reference.count)
    }

    /// The share of an unspaced word's letters that may be misread, left out or added. Tesseract
    /// misreads Thai vowels and tone marks often (a tenth of the letters on the demo's plain Thai
    /// covers at full size), and a detected word is matched reading against reading, each with its own
    /// errors: 30 %, where words of spaced scripts get 20 % against one reading.
    static let unspacedSlack = 0.3

    static func found(_ word: String, in read: [String]) -> Bool {
        let joined = read.joined()
        if read.contains(word) || joined.contains(word) { return true }
        // A word of an unspaced script (a Thai title is one "word") is read as letters and clusters:
        // it is found where some stretch of the reading is within `unspacedSlack` of it, counted in
        // scalars (a Thai cluster of a letter, a vowel and a tone mark is one Character but three letters).
        if word.unicodeScalars.contains(where: UnspacedText.unspaced) {
            let letters = word.unicodeScalars.count
            let slack = Int((Double(letters) * unspacedSlack).rounded())
            return slack > 0 && closestStretch(Array(word.unicodeScalars), in: Array(joined.unicodeScalars)) <= slack
        }
        let slack = word.count >= 4 ? max(1, word.count / 5) : 0
        return slack > 0 && read.contains { abs($0.count - word.count) <= slack && editDistance($0, word) <= slack }
    }
}
