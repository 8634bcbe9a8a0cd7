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
        if read.contains(word) || read.joined().contains(word) { return true }
        // A word of an unspaced script (a Thai title is one "word") is read as letters and clusters:
        // it is found where some stretch of the reading is within `unspacedSlack` of it, counted in
        // scalars (a Thai cluster of a letter, a vowel and a tone mark is one Character but three letters).
        if word.unicodeScalars.contains(where: UnspacedText.unspaced) {
            let letters = word.unicodeScalars.count
            let slack = Int((Double(letters) * unspacedSlack).rounded())
            return slack > 0 && closestStretch(Array(word.unicodeScalars), in: Array(read.joined().unicodeScalars)) <= slack
        }
        let slack = word.count >= 4 ? max(1, word.count / 5) : 0
        return slack > 0 && read.contains { abs($0.count - word.count) <= slack && editDistance($0, word) <= slack }
    }

    /// The fewest edits that turn `pattern` into some stretch of `text` (P. Sellers 1980, "The theory
    /// and computation of evolutionary distances: pattern recognition", J. Algorithms 1(4): edit
    /// distance with the text's start and end free).
    static func closestStretch<T: Equatable>(_ pattern: [T], in text: [T]) -> Int {
        let p = pattern
        guard !p.isEmpty else { return 0 }
        var column = Array(0...p.count)   // distances of pattern prefixes to a stretch ending here
        var best = column[p.count]
        for c in text {
            var diagonal = column[0]
            column[0] = 0
            for i in 1...p.count {
                let above = column[i]
                column[i] = min(above + 1, column[i - 1] + 1, diagonal + (p[i - 1] == c ? 0 : 1))
                diagonal = above
            }
            best = min(best, column[p.count])
        }
        return best
    }
}
