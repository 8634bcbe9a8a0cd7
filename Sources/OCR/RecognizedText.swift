import Foundation
import Presets

/// One word Tesseract read: its text, its box in the pixels given (plus the offset asked for), and
/// Tesseract's confidence, 0…100 (its own scale: above ~80 is a reliable read, below ~50 a guess).
public struct RecognizedWord: Sendable, Hashable, Codable {
    public var text: String
    public var box: Box
    public var confidence: Double
    public init(text: String, box: Box, confidence: Double) { self.text = text; self.box = box; self.confidence = confidence }

    /// Its letters and digits (marks count: Thai vowels and tones are letters' parts), what tells
    /// text from texture.
    public var letters: Int { text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.count }

    /// How much text this word is, read how surely: its letters weighted by the fourth power of its
    /// confidence (a guess, under 50, weighs a sixteenth of a sure letter or less).
    public var weight: Double { Double(letters) * pow(confidence / 100, 4) }
}

/// One text line: its box, its words in reading order, and its confidence (the mean of its words').
public struct RecognizedLine: Sendable, Hashable, Codable {
    public var box: Box
    public var words: [RecognizedWord]
    public var confidence: Double
    /// Whether the line was read on the inverted picture (light text on a dark ground).
    public var inverted: Bool

    public init(box: Box, words: [RecognizedWord], confidence: Double, inverted: Bool = false) {
        self.box = box; self.words = words; self.confidence = confidence; self.inverted = inverted
    }

    /// The words as one string. Tesseract splits unspaced scripts (Thai, Chinese, Japanese) into
    /// letters or clusters, and sometimes a Thai vowel or tone mark into a "word" of its own: those
    /// are joined again without a space where they stand closer than half the words' height
    /// (a space in Thai separates phrases and is wider), so "ไ ล ฟ์ ส ด" reads "ไลฟ์สด" as written.
    public var text: String {
        guard var out = words.first?.text else { return "" }
        let heights = words.map(\.box.h).sorted()
        let closeGap = heights[heights.count / 2] / 2
        for (before, word) in zip(words, words.dropFirst()) {
            if !UnspacedText.continues(before, with: word, closeGap: closeGap) { out += " " }
            out += word.text
        }
        return out
    }

    /// How much text the line is, read how surely: its words' `weight`s.
    public var weight: Double { words.reduce(0) { $0 + $1.weight } }

    /// The line with `inverted` set to `value`.
    func marked(inverted value: Bool) -> RecognizedLine {
        var line = self
        line.inverted = value
        return line
    }
}

/// 8-bit grey pixels, row-major, `width * height` bytes: what Tesseract reads. Callers get them
/// from the Imaging wrapper (libvips); OCR knows nothing of libvips.
public struct GreyPixels: Sendable {
    public var bytes: [UInt8]
    public var width: Int
    public var height: Int
    /// Where (0,0) of these pixels lies in the picture the caller measures in; boxes are returned there.
    public var origin: (x: Int, y: Int)
    /// Canvas pixels per pixel here (e.g. 1/3 when a feed-size picture was enlarged 3x to be read).
    public var scale: Double

    public init(bytes: [UInt8], width: Int, height: Int, origin: (x: Int, y: Int) = (0, 0), scale: Double = 1) {
        self.bytes = bytes; self.width = width; self.height = height; self.origin = origin; self.scale = scale
    }

    /// The negative: light text on dark ground becomes dark on light, which Tesseract reads better.
    public func inverted() -> GreyPixels {
        var copy = self
        copy.bytes = bytes.map { 255 - $0 }
        return copy
    }

    /// The pixels inside a border of `pad` pixels of their edge's median grey: Tesseract misreads
    /// glyphs that touch the picture's edge (a text box cut at the canvas edge, a tight layer box).
    public func padded(by pad: Int) -> GreyPixels {
        guard pad > 0, width > 0, height > 0 else { return self }
        var edge: [UInt8] = []
        for x in 0..<width { edge.append(bytes[x]); edge.append(bytes[(height - 1) * width + x]) }
        for y in 0..<height { edge.append(bytes[y * width]); edge.append(bytes[y * width + width - 1]) }
        edge.sort()
        let fill = edge[edge.count / 2]
        let w = width + 2 * pad
        var out = [UInt8](repeating: fill, count: w * (height + 2 * pad))
        for y in 0..<height {
            out.replaceSubrange((y + pad) * w + pad..<(y + pad) * w + pad + width, with: bytes[y * width..<(y + 1) * width])
        }
        let shift = Int((Double(pad) * scale).rounded())
        return GreyPixels(bytes: out, width: w, height: height + 2 * pad, origin: (origin.x - shift, origin.y - shift), scale: scale)
    }

    /// A box in these pixels mapped to the caller's picture.
    func map(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Box {
        Box(x: origin.x + Int((Double(x) * scale).rounded()), y: origin.y + Int((Double(y) * scale).rounded()),
            w: Int((Double(w) * scale).rounded()), h: Int((Double(h) * scale).rounded()))
    }
}

/// How Tesseract splits the picture into lines before reading.
public enum PageLayout: Sendable {
    /// Text scattered anywhere (a cover): find as much as possible in no particular order.
    case sparse
    /// One uniform block of text (a known text box).
    case block
    /// A single line.
    case line
    /// A single line read as it is, with no search for lines first: where the line is known (a cover's
    /// own layer data). Tesseract's line search drops some lines whole, Noto Sans Arabic from about
    /// 28 px up among them, which it then reads in this mode.
    case rawLine
}

/// Why text could not be read: the library's message and what to do.
public struct OCRError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
