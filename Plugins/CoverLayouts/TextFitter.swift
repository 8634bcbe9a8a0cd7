import Imaging
import MarqueeCore

/// Text rendered at the largest size that fits its slot, never below the readable minimum.
struct FittedText {
    /// White RGBA ink; recoloured when placed.
    let image: Image
    let text: String
    let fontPx: Int
    let font: String
    let shortened: Bool
}

/// Fits text into a box: breaks lines at the category's words-per-line limit, shrinks from `maxPx`
/// down to `minPx`, and when that is not enough shortens at a word boundary with an ellipsis (or
/// refuses, when the layout says so). The result's size is always within the box.
struct TextFitter {
    let families: String
    let weight: String
    let maxWordsPerLine: Int
    let maxLines: Int
    let align: String
    let allowEllipsis: Bool

    func fit(_ text: String, width: Int, height: Int, minPx: Int, maxPx: Int, what: String) throws -> FittedText {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw MarqueeError.item("field \(what): the text is empty") }
        let maxWords = maxWordsPerLine * maxLines
        var shortened = false
        if words.count > maxWords {
            guard allowEllipsis else {
                throw MarqueeError.item("field \(what): “\(text)” has \(words.count) words; the category allows \(maxLines) lines of \(maxWordsPerLine); shorten it or allow an ellipsis")
            }
            words = Array(words.prefix(maxWords)); shortened = true
        }
        while true {
            let candidate = lines(words, ellipsis: shortened)
            if let fitted = try largestFitting(candidate, width: width, height: height, minPx: minPx, maxPx: maxPx) {
                return FittedText(image: fitted.0, text: candidate.replacingOccurrences(of: "\n", with: " "), fontPx: fitted.1,
                                  font: fontName(fitted.1), shortened: shortened)
            }
            guard allowEllipsis else {
                throw MarqueeError.item("field \(what): “\(text)” does not fit \(width)x\(height) px at the minimum readable size \(minPx) px; shorten it or allow an ellipsis")
            }
            if words.count > 1 {
                words.removeLast(); shortened = true
            } else if let only = words.first, only.count > 2 {
                // One long word (or a script without spaces): drop characters instead.
                words = [String(only.dropLast(max(1, only.count / 8)))]; shortened = true
            } else {
                throw MarqueeError.item("field \(what): “\(text)” cannot fit \(width)x\(height) px even shortened, at the minimum readable size \(minPx) px")
            }
        }
    }

    private func lines(_ words: [String], ellipsis: Bool) -> String {
        var out: [String] = []
        var i = 0
        while i < words.count {
            out.append(words[i..<min(i + maxWordsPerLine, words.count)].joined(separator: " "))
            i += maxWordsPerLine
        }
        return out.joined(separator: "\n") + (ellipsis ? "…" : "")
    }

    func fontName(_ px: Int) -> String { "\(families) \(weight) \(px)" }

    /// Binary search on the font size; `nil` when even `minPx` does not fit.
    private func largestFitting(_ text: String, width: Int, height: Int, minPx: Int, maxPx: Int) throws -> (Image, Int)? {
        var lo = minPx, hi = max(minPx, maxPx)
        var best: (Image, Int)?
        while lo <= hi {
            let mid = (lo + hi) / 2
            let img = try render(text, px: mid, width: width)
            if img.width <= width && img.height <= height && lineCount(img, px: mid) <= maxLines {
                best = (img, mid); lo = mid + 1
            } else {
                hi = mid - 1
            }
        }
        return best
    }

    func render(_ text: String, px: Int, width: Int) throws -> Image {
        let markup = "<span foreground=\"#FFFFFF\">\(escapeMarkup(text))</span>"
        return try Image.text(markup, font: fontName(px), width: width, align: align, dpi: 72).image
    }

    /// Lines in a rendering, from the height of one line of the same font at the same size.
    private func lineCount(_ img: Image, px: Int) -> Int {
        let one = (try? render("Hg", px: px, width: 100_000).height) ?? px
        return Int((Double(img.height) / Double(max(one, 1))).rounded())
    }
}

func escapeMarkup(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
