internal import CTesseract
import Presets

/// Walks a `TessResultIterator` letter by letter, grouping letters into words and words into lines.
/// Owns the iterator and deletes it; its page iterator belongs to the result iterator and is not
/// freed separately.
final class ResultWalk {
    let iterator: OpaquePointer
    let pixels: GreyPixels

    init(_ iterator: OpaquePointer, pixels: GreyPixels) { self.iterator = iterator; self.pixels = pixels }
    deinit { TessResultIteratorDelete(iterator) }

    /// A word being read: Tesseract's text, box and confidence for it, and its letters with their boxes
    /// (collected only where its text begins or ends with a mark `trimmed` may leave out).
    struct OpenWord {
        var text: String
        var box: Box
        var confidence: Double
        var symbols: [(text: String, box: Box)] = []
        var needsSymbols: Bool { ResultWalk.mayTrim(text) }
    }

    func lines() -> [RecognizedLine] {
        guard let page = TessResultIteratorGetPageIterator(iterator) else { return [] }
        var lines: [RecognizedLine] = []
        var words: [RecognizedWord] = []
        var open: OpenWord?
        var lineBox: Box?
        func closeWord() {
            if let word = open.flatMap(Self.trimmed) { words.append(word) }
            open = nil
        }
        func flush() {
            closeWord()
            words = Self.withoutRepeats(words)
            if let box = lineBox, !words.isEmpty {
                let confidence = words.map(\.confidence).reduce(0, +) / Double(words.count)
                lines.append(RecognizedLine(box: box, words: words, confidence: (confidence * 10).rounded() / 10))
            }
            words = []
        }
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 {
                flush()
                lineBox = box(page, RIL_TEXTLINE)
            }
            if TessPageIteratorIsAtBeginningOf(page, RIL_WORD) != 0 {
                closeWord()
                if let text = self.text(RIL_WORD), let wordBox = box(page, RIL_WORD) {
                    let confidence = Double(max(0, min(100, TessResultIteratorConfidence(iterator, RIL_WORD))))
                    open = OpenWord(text: text, box: wordBox, confidence: (confidence * 10).rounded() / 10)
                }
            }
            if open?.needsSymbols == true, let symbol = text(RIL_SYMBOL), let symbolBox = box(page, RIL_SYMBOL) {
                open?.symbols.append((symbol, symbolBox))
            }
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        flush()
        return lines
    }

    /// Brackets, bars and quotes at a word's ends, and commas at its end: what Tesseract reads a badge's
    /// or pill's rounded end as ("(LIVE", "“ไลฟ์สด", "30%)", "ไลฟ์สด,"), stretching the word's box 20-40 px
    /// past its letters. (A comma first is a thousands separator whose digit was not read: ",899.00".)
    static let edgeMarks: Set<Character> = ["(", ")", "[", "]", "{", "}", "|", "“", "”", "\"", "'", "‘", "’", "«", "»", "`"]

    /// The word with such marks at its ends left out of its text and its box (the box keeps Tesseract's
    /// rows, cut to the columns of the letters left; a word of marks alone stays); nil when it has no text.
    static func trimmed(_ word: OpenWord) -> RecognizedWord? {
        guard !word.text.isEmpty else { return nil }
        var kept = word.symbols[...]
        while let first = kept.first, kept.count > 1, isEdgeMark(first.text) { kept.removeFirst() }
        while let last = kept.last, kept.count > 1, isEdgeMark(last.text) || last.text == "," { kept.removeLast() }
        guard kept.count < word.symbols.count else { return RecognizedWord(text: word.text, box: word.box, confidence: word.confidence) }
        let x0 = kept.map(\.box.x).min() ?? word.box.x, x1 = kept.map(\.box.maxX).max() ?? word.box.maxX
        let box = Box(x: max(word.box.x, x0), y: word.box.y, w: min(word.box.maxX, x1) - max(word.box.x, x0), h: word.box.h)
        return RecognizedWord(text: kept.map(\.text).joined(), box: box.w > 0 ? box : word.box, confidence: word.confidence)
    }

    /// The line's words with repeats left out: in sparse layout Tesseract now and then returns words of
    /// a line twice, from two passes over the same letters ("Breathable and Breathable and light.",
    /// "50% OFF OFF" on the demo's covers), the repeat's box stretched past the letters. A word the same
    /// as an earlier one (letters compared without case) over at least half of the narrower one's width
    /// is the same word: the more confident reading stays, in the first one's place.
    static func withoutRepeats(_ words: [RecognizedWord]) -> [RecognizedWord] {
        var kept: [RecognizedWord] = []
        for word in words {
            let same = kept.firstIndex { k in
                let overlap = min(k.box.maxX, word.box.maxX) - max(k.box.x, word.box.x)
                return k.text.lowercased() == word.text.lowercased() && 2 * overlap >= min(k.box.w, word.box.w)
            }
            if let i = same {
                if word.confidence > kept[i].confidence { kept[i] = word }
            } else {
                kept.append(word)
            }
        }
        return kept
    }

    static func isEdgeMark(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { edgeMarks.contains($0) } }

    /// Whether `text` begins with an edge mark or ends with one or a comma (scalars, not Characters: a
    /// bracket before a Thai mark is one Character).
    static func mayTrim(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        return edgeMarks.contains(Character(first)) || edgeMarks.contains(Character(last)) || last == ","
    }

    func text(_ level: TessPageIteratorLevel) -> String? {
        guard let raw = TessResultIteratorGetUTF8Text(iterator, level) else { return nil }
        defer { TessDeleteText(raw) }
        let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    func box(_ page: OpaquePointer, _ level: TessPageIteratorLevel) -> Box? {
        var l: Int32 = 0, t: Int32 = 0, r: Int32 = 0, b: Int32 = 0
        guard TessPageIteratorBoundingBox(page, level, &l, &t, &r, &b) != 0 else { return nil }
        return pixels.map(Int(l), Int(t), Int(r - l), Int(b - t))
    }
}
