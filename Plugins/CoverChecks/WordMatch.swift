import Foundation
import Support

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

    static func found(_ word: String, in read: [String]) -> Bool {
        if read.contains(word) || read.joined().contains(word) { return true }
        let slack = word.count >= 4 ? max(1, word.count / 5) : 0
        return slack > 0 && read.contains { abs($0.count - word.count) <= slack && editDistance($0, word) <= slack }
    }
}
