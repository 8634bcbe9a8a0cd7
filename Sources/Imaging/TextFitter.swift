import Foundation

/// Room for a text's ink at one font size: lines wrap at `width`, and the ink must stay within
/// `width`x`height`.
public struct TextRoom: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// Text set at the largest size that fits its room.
public struct FittedText {
    /// White text, alpha = coverage, cropped to its ink: recolour it when placing it.
    public let image: Image
    /// The text as set, line breaks as spaces; ends with an ellipsis when it was shortened.
    public let text: String
    public let fontPx: Int
    /// The Pango font description it was set in.
    public let font: String
    public let lines: Int
    public let shortened: Bool
}

/// Fits text into a box with Pango (through libvips' `text`): the largest size of a fixed ladder from
/// `maxPx` down to `minPx` at which it keeps within `maxLines` lines and the room. When even `minPx`
/// is too big, the text is shortened at a word (a long single word, or a script without spaces,
/// loses characters instead) and ends with an ellipsis, or is refused when `allowEllipsis` is off.
/// Text no installed font can draw is refused first, naming its code points. Covers' layouts and
/// clips' overlay panels both set their text with it.
public struct TextFitter: Sendable {
    /// Pango family list, e.g. `Noto Sans Thai,Noto Sans`.
    public var families: String
    public var weight: String
    /// Pango alignment of wrapped lines: `low` (left), `centre`, `high` (right).
    public var align: String
    /// Pango wrapping: `word`, or `word-char` (words, and characters inside a word too long for a line).
    public var wrap: String
    public var maxLines: Int
    /// When set, the text is broken into lines of at most this many words before it is fitted, and
    /// more than `maxLines` such lines need an ellipsis.
    public var maxWordsPerLine: Int?
    public var allowEllipsis: Bool

    public init(families: String, weight: String = "Bold", align: String = "low", wrap: String = "word",
                maxLines: Int, maxWordsPerLine: Int? = nil, allowEllipsis: Bool = true) {
        self.families = families; self.weight = weight; self.align = align; self.wrap = wrap
        self.maxLines = max(1, maxLines); self.maxWordsPerLine = maxWordsPerLine.map { max(1, $0) }
        self.allowEllipsis = allowEllipsis
    }

    public func font(_ px: Int) -> String { "\(families) \(weight) \(px)" }

    /// Fits `text` into a fixed `width`x`height`, between `minPx` and `maxPx`.
    public func fit(_ text: String, width: Int, height: Int, minPx: Int, maxPx: Int) throws -> FittedText {
        try fit(text, minPx: minPx, maxPx: maxPx) { _ in TextRoom(width: width, height: height) }
    }

    /// Fits `text` between `minPx` and `maxPx` into the room `room(px)` gives at each size (`nil`:
    /// that size cannot be used). Throws `TextFitError`, or the renderer's `ImagingError`.
    public func fit(_ text: String, minPx: Int, maxPx: Int, room: (Int) -> TextRoom?) throws -> FittedText {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var words = clean.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw TextFitError.empty }
        let missing = FontCoverage.missing(in: clean, font: font(minPx))
        guard missing.isEmpty else { throw TextFitError.missingGlyphs(text: clean, characters: missing, fonts: families) }
        var shortened = false
        if let perLine = maxWordsPerLine, words.count > perLine * maxLines {
            guard allowEllipsis else {
                throw TextFitError.tooManyWords(text: clean, words: words.count, maxLines: maxLines, maxWordsPerLine: perLine)
            }
            words = Array(words.prefix(perLine * maxLines)); shortened = true
        }
        while true {
            let candidate = shortened || maxWordsPerLine != nil ? lines(words, ellipsis: shortened) : clean
            if let fit = try largestFitting(candidate, minPx: minPx, maxPx: maxPx, room: room) {
                return FittedText(image: fit.image, text: candidate.replacingOccurrences(of: "\n", with: " "), fontPx: fit.px,
                                  font: font(fit.px), lines: fit.lines, shortened: shortened)
            }
            let least = room(minPx) ?? TextRoom(width: 0, height: 0)
            guard allowEllipsis else {
                throw TextFitError.doesNotFit(text: clean, width: least.width, height: least.height, minPx: minPx, shortened: false)
            }
            if words.count > 1 {
                words.removeLast()
            } else if let only = words.first, only.count > 2 {
                words = [String(only.dropLast(max(1, only.count / 8)))]
            } else {
                throw TextFitError.doesNotFit(text: clean, width: least.width, height: least.height, minPx: minPx, shortened: true)
            }
            shortened = true
        }
    }

    /// The words in lines of `maxWordsPerLine` (one line when unset), with an ellipsis at the end.
    private func lines(_ words: [String], ellipsis: Bool) -> String {
        let perLine = maxWordsPerLine ?? max(words.count, 1)
        var out: [String] = []
        var i = 0
        while i < words.count {
            out.append(words[i..<min(i + perLine, words.count)].joined(separator: " "))
            i += perLine
        }
        return out.joined(separator: "\n") + (ellipsis ? "…" : "")
    }

    /// Font sizes tried: a fixed ladder (2 px steps to 48, 4 to 96, 8 beyond) from `lo` to `hi`, so the
    /// texts of a batch share sizes and Pango's font cache.
    public static func ladder(_ lo: Int, _ hi: Int) -> [Int] {
        var sizes: [Int] = []
        var s = 8
        while s <= hi {
            if s >= lo { sizes.append(s) }
            s += s < 48 ? 2 : s < 96 ? 4 : 8
        }
        if sizes.first != lo { sizes.insert(lo, at: 0) }
        return sizes
    }

    private struct Fit { let image: Image; let px: Int; let lines: Int }

    /// The largest ladder size that fits, or `nil` when even `minPx` does not. Tries the top first,
    /// then binary-searches the ladder from the size the top's overflow predicts.
    private func largestFitting(_ text: String, minPx: Int, maxPx: Int, room: (Int) -> TextRoom?) throws -> Fit? {
        let sizes = Self.ladder(minPx, max(minPx, maxPx))
        var hi = sizes.count - 1, lo = 0
        let first = try attempt(text, px: sizes[hi], room: room)
        if let fit = first.fit { return fit }
        var best: Fit?
        hi -= 1
        if hi >= 0, let overflow = first.overflow {
            // Wrapped text shrinks in both directions, a single line in one: scale by overflow^0.75.
            let guess = Double(sizes[hi + 1]) / pow(overflow, 0.75)
            let g = sizes[0...hi].lastIndex { Double($0) <= guess } ?? 0
            let probe = try attempt(text, px: sizes[g], room: room)
            if let fit = probe.fit { best = fit; lo = g + 1 } else { hi = g - 1 }
        }
        while lo <= hi {
            let mid = (lo + hi + 1) / 2
            if let fit = try attempt(text, px: sizes[mid], room: room).fit { best = fit; lo = mid + 1 } else { hi = mid - 1 }
        }
        return best
    }

    /// The rendering at `px` when it fits, and by how much it overflows its room (`nil` without room).
    private func attempt(_ text: String, px: Int, room: (Int) -> TextRoom?) throws -> (fit: Fit?, overflow: Double?) {
        guard let r = room(px), r.width > 0, r.height > 0 else { return (nil, nil) }
        let ink = try render(text, px: px, width: r.width)
        let lines = lineCount(ink, px: px)
        let overflow = max(Double(ink.width) / Double(r.width), Double(ink.height) / Double(r.height), 1.0001)
        guard ink.width <= r.width, ink.height <= r.height, lines <= maxLines else { return (nil, overflow) }
        return (Fit(image: ink, px: px, lines: lines), overflow)
    }

    /// White text, alpha = coverage, wrapped at `width`.
    public func render(_ text: String, px: Int, width: Int?) throws -> Image {
        let markup = "<span foreground=\"#FFFFFF\">\(Markup.escape(text))</span>"
        return try Image.text(markup, font: font(px), width: width, align: align, dpi: 72, wrap: wrap).image
    }

    /// Lines in a rendering (libvips crops it to its ink): one line's ink height, plus one line
    /// advance for each further line, both measured once per font.
    func lineCount(_ ink: Image, px: Int) -> Int {
        let m = LineMetrics.shared.metrics(font: font(px)) {
            let one = (try? render("Hg", px: px, width: nil).height) ?? px
            let two = (try? render("Hg\nHg", px: px, width: nil).height) ?? one + px
            return (one, max(two - one, 1))
        }
        return 1 + max(0, Int((Double(ink.height - m.ink) / Double(m.advance)).rounded()))
    }
}

/// One-line ink heights and line advances by font description, measured once per process.
final class LineMetrics: @unchecked Sendable {
    // Safe to share: `known` is read and written only while holding `lock`.
    static let shared = LineMetrics()
    private let lock = NSLock()
    private var known: [String: (ink: Int, advance: Int)] = [:]

    func metrics(font: String, measure: () -> (Int, Int)) -> (ink: Int, advance: Int) {
        lock.lock()
        if let m = known[font] { lock.unlock(); return m }
        lock.unlock()
        let m = measure()
        lock.lock(); known[font] = m; lock.unlock()
        return m
    }
}
