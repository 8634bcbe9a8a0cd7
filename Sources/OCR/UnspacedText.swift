/// Where two words Tesseract returned are one written word: scripts written without spaces between
/// words, and marks that cannot begin a word.
public enum UnspacedText {
    /// Whether `next` continues `word` with no space between them: it begins with a combining mark (a
    /// Thai vowel or tone mark read apart from its letter), or both are letters of a script written
    /// without spaces (Thai, Chinese, Japanese) at most `closeGap` pixels apart.
    static func continues(_ word: RecognizedWord, with next: RecognizedWord, closeGap: Int) -> Bool {
        guard let last = word.text.unicodeScalars.last, let first = next.text.unicodeScalars.first else { return false }
        if first.properties.generalCategory == .nonspacingMark { return true }
        guard unspaced(last), unspaced(first) else { return false }
        return next.box.x - word.box.maxX <= closeGap && word.box.x - next.box.maxX <= closeGap
    }

    /// A letter or mark of a script written without spaces between words.
    public static func unspaced(_ s: Unicode.Scalar) -> Bool {
        switch WritingScript.of(s) {
        case .thai, .han, .kana: true
        default: false
        }
    }
}
