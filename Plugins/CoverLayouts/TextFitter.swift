import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Covers

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
        let missing = FontCoverage.missing(in: text, font: fontName(minPx))
        if !missing.isEmpty {
            let codes = missing.prefix(5).map { ch in ch.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ") }
            throw MarqueeError.item("field \(what): no installed font covers \(codes.joined(separator: ", ")) in “\(text)”; install a font for this script (e.g. a Debian fonts-noto-* package) or give a translation")
        }
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

    /// Font sizes tried: a fixed ladder (2 px steps to 48, 4 to 96, 8 beyond), so covers of a batch share
    /// sizes and Pango's font cache, instead of loading a new font size for every title.
    static func ladder(_ lo: Int, _ hi: Int) -> [Int] {
        var sizes: [Int] = []
        var s = 8
        while s <= hi {
            if s >= lo { sizes.append(s) }
            s += s < 48 ? 2 : s < 96 ? 4 : 8
        }
        if sizes.first != lo { sizes.insert(lo, at: 0) }
        return sizes
    }

    /// The largest ladder size that fits, or `nil` when even `minPx` does not. Tries the top first,
    /// then binary-searches the ladder from the size the overflow predicts.
    private func largestFitting(_ text: String, width: Int, height: Int, minPx: Int, maxPx: Int) throws -> (Image, Int)? {
        let sizes = Self.ladder(minPx, max(minPx, maxPx))
        let top = sizes.count - 1
        let first = try render(text, px: sizes[top], width: width)
        if fits(first, px: sizes[top], width: width, height: height) { return (first, sizes[top]) }
        // Wrapped text shrinks in both directions, a single line in one: scale by overflow^0.75.
        let overflow = max(Double(first.width) / Double(width), Double(first.height) / Double(height), 1.0001)
        let guess = Double(sizes[top]) / pow(overflow, 0.75)
        var lo = 0, hi = top - 1
        var best: (Image, Int)?
        if hi >= 0 {
            let g = sizes[0...hi].lastIndex { Double($0) <= guess } ?? 0
            let probe = try render(text, px: sizes[g], width: width)
            if fits(probe, px: sizes[g], width: width, height: height) { best = (probe, sizes[g]); lo = g + 1 } else { hi = g - 1 }
        }
        while lo <= hi {
            let mid = (lo + hi + 1) / 2
            let img = try render(text, px: sizes[mid], width: width)
            if fits(img, px: sizes[mid], width: width, height: height) { best = (img, sizes[mid]); lo = mid + 1 } else { hi = mid - 1 }
        }
        return best
    }

    private func fits(_ img: Image, px: Int, width: Int, height: Int) -> Bool {
        img.width <= width && img.height <= height && lineCount(img, px: px) <= maxLines
    }

    func render(_ text: String, px: Int, width: Int) throws -> Image {
        let markup = "<span foreground=\"#FFFFFF\">\(escapeMarkup(text))</span>"
        return try Image.text(markup, font: fontName(px), width: width, align: align, dpi: 72).image
    }

    /// Lines in a rendering, from the height of one line of the same font at the same size.
    private func lineCount(_ img: Image, px: Int) -> Int {
        let one = LineHeights.shared.height(font: fontName(px)) { (try? render("Hg", px: px, width: 100_000).height) ?? px }
        return Int((Double(img.height) / Double(max(one, 1))).rounded())
    }
}

func escapeMarkup(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}

/// One-line heights by font description, measured once per process.
final class LineHeights: @unchecked Sendable {
    static let shared = LineHeights()
    private let lock = NSLock()
    private var heights: [String: Int] = [:]

    func height(font: String, measure: () -> Int) -> Int {
        lock.lock()
        if let h = heights[font] { lock.unlock(); return h }
        lock.unlock()
        let h = measure()
        lock.lock(); heights[font] = h; lock.unlock()
        return h
    }
}
