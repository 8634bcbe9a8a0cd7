import Support
import Presets
import OCR

/// Which detected line can be a cover's title, when no layer data names it.
enum TitleGuess {
    /// Which of a plain image's lines is its title, and which are LIVE badges. The title is the line
    /// with the most text at the largest size (height squared times width): the tallest alone is often
    /// a short badge word (a LIVE badge in Thai or Arabic script is taller than the title), and a box
    /// taller than wide is one or two glyphs, or texture read as letters (a round badge). A line starting
    /// in the upper half of the cover (`height` px tall) weighs half as much again: titles sit there,
    /// prices and selling points below, under the platforms' captions (the demo's 90 covers checked as
    /// plain images: the title found 73 -> 79 times; its 12 real-photo covers, not used to choose the
    /// rule: 11 -> 12). Not a title:
    /// a price or a percentage (`hasWords`), a LIVE badge however large (`isLiveBadge`), or an unsure
    /// reading where a sure one with words is there (texture or a badge's shape read as a few letters
    /// at 40-60).
    static func roles(_ lines: [RecognizedLine], height: Int, liveLabels: [String]) -> (title: Int?, live: Set<Int>) {
        func weight(_ b: Box) -> Double {
            (b.w >= b.h ? 1 : 0.001) * (2 * b.y < height ? 1.5 : 1) * Double(b.h) * Double(b.h) * Double(b.w)
        }
        let live = Set(lines.indices.filter { isLiveBadge(lines[$0].text, labels: liveLabels) })
        let worded = lines.indices.filter { !live.contains($0) && hasWords(lines[$0].text) }
        let sure = worded.filter { lines[$0].confidence >= TextDetection.lowConfidence }
        let candidates = !sure.isEmpty ? sure : !worded.isEmpty ? worded : lines.indices.filter { !live.contains($0) }
        return (candidates.max { weight(lines[$0].box) < weight(lines[$1].box) }, live)
    }

    /// Whether `text` reads as words rather than a price or a percentage: at least three letters (any
    /// script) and twice as many letters as digits ("$5.90", "USD 19", "21% OFF" and "ر.س 299.00" are
    /// not titles; "Mango Sticky Rice", "Buds Pro 2" and "سماعات لاسلكية" are).
    static func hasWords(_ text: String) -> Bool {
        var letters = 0, digits = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.numericType != nil { digits += 1 } else if scalar.properties.isAlphabetic { letters += 1 }
        }
        return letters >= 3 && letters >= 2 * digits
    }

    /// Whether `text` is a LIVE badge's word in one of `labels` (the regions' `live` labels: "LIVE",
    /// "ไลฟ์สด", "مباشر", "EN VIVO", …): the label is found in it with at most one letter misread or
    /// missing (none in a label of four letters or fewer: "Linen" holds "line", one letter from "live"),
    /// and at most `liveExtra` letters more around it (a badge's rounded end or the cover near it
    /// read as letters: "แไลฟ์สด", "(LIVE", "เไลฟ์ส 0:"). Such a badge is often the largest text on a cover,
    /// never its title.
    static func isLiveBadge(_ text: String, labels: [String]) -> Bool {
        let read = Array(letters(text).unicodeScalars)
        guard !read.isEmpty else { return false }
        return labels.contains { label in
            let want = Array(letters(label).unicodeScalars)
            guard !want.isEmpty, read.count <= want.count + liveExtra else { return false }
            return closestStretch(want, in: read) <= (want.count >= 5 ? 1 : 0)
        }
    }

    /// Letters a LIVE badge's reading may hold beyond its label's.
    static let liveExtra = 3

    /// Lowercased letters and digits only.
    static func letters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
