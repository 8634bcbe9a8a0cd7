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
    /// Each line's ink within `image`, top to bottom, measured from its pixels.
    public let lineBoxes: [InkRect]
}

/// Fits text into a box with Pango (through libvips' `text`): the largest size of a fixed ladder from
/// `maxPx` down to `minPx` at which it keeps within `maxLines` lines and the room. Words are first
/// set in balanced lines of at most `maxWordsPerLine` (the category's rule); when that does not fit
/// even at `minPx`, Pango wraps them freely within `maxLines`. Only when both fail is the text
/// shortened at a word (a long single word, or a script without spaces, loses characters instead)
/// with an ellipsis, or refused when `allowEllipsis` is off. Text no installed font can draw is
/// refused first, naming its code points. Lines of one text are one Pango paragraph (line breaks are
/// U+2028), so they share direction and alignment, at a fixed line height in every script. Covers'
/// layouts and clips' overlay panels both set their text with it.
public struct TextFitter: Sendable {
    /// Pango family list, e.g. `Noto Sans Thai,Noto Sans`.
    public var families: String
    public var weight: String
    /// Alignment of wrapped lines on the page: `low` (left), `centre`, `high` (right).
    public var align: String
    /// Pango wrapping: `word`, or `word-char` (words, and characters inside a word too long for a line).
    public var wrap: String
    public var maxLines: Int
    /// The category's words-per-line rule: the text is first tried in balanced lines of at most this
    /// many words; free wrapping is tried before any shortening.
    public var maxWordsPerLine: Int?
    public var allowEllipsis: Bool
    /// `ltr` or `rtl`: the paragraph's base direction (a direction mark leads the text), so `align`
    /// means the same side whatever script the text starts with. `nil`: Pango's guess from the text.
    public var direction: String?
    /// Baseline-to-baseline distance as a multiple of the font size, the same in every script.
    public var lineHeight: Double

    public init(families: String, weight: String = "Bold", align: String = "low", wrap: String = "word",
                maxLines: Int, maxWordsPerLine: Int? = nil, allowEllipsis: Bool = true, direction: String? = nil,
                lineHeight: Double = 1.3) {
        self.families = families; self.weight = weight; self.align = align; self.wrap = wrap
        self.maxLines = max(1, maxLines); self.maxWordsPerLine = maxWordsPerLine.map { max(1, $0) }
        self.allowEllipsis = allowEllipsis; self.direction = direction; self.lineHeight = lineHeight
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
        while true {
            for candidate in candidates(clean, words, shortened: shortened) {
                if let fit = try largestFitting(candidate, minPx: minPx, maxPx: maxPx, room: room) {
                    let advance = metrics(fit.px).advance
                    return FittedText(image: fit.image, text: candidate.replacingOccurrences(of: "\n", with: " "), fontPx: fit.px,
                                      font: font(fit.px), lines: fit.lines, shortened: shortened,
                                      lineBoxes: InkLines.measure(fit.image, count: fit.lines, advance: advance))
                }
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

    /// The settings of `words` to try, in order: balanced lines under the words-per-line rule (when
    /// it allows `maxLines` or fewer), then free wrapping (the text as given, line breaks kept, until
    /// it is shortened).
    func candidates(_ clean: String, _ words: [String], shortened: Bool) -> [String] {
        let suffix = shortened ? "…" : ""
        var out: [String] = []
        if let perLine = maxWordsPerLine, words.count > perLine {
            let count = (words.count + perLine - 1) / perLine
            if count <= maxLines {
                let per = (words.count + count - 1) / count
                out.append(stride(from: 0, to: words.count, by: per)
                    .map { words[$0..<min($0 + per, words.count)].joined(separator: " ") }.joined(separator: "\n") + suffix)
            }
        }
        out.append(shortened ? words.joined(separator: " ") + suffix : clean)
        return out
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
        try render(text, px: px, width: width, strut: "")
    }

    /// One line of `text` at `px` in a picture as tall as the font's letters reach (an ascender, a capital
    /// and a descender are set beside it, invisibly), cut across to its visible ink: lines set this way
    /// share one height and one baseline whatever letters they hold (“IPX5” and “30 h battery” on two
    /// chips of one row).
    public func renderFullHeight(_ text: String, px: Int) throws -> Image {
        let image = try render(text, px: px, width: nil, strut: "<span alpha=\"1\">Hdg</span>")
        guard let ink = InkLines.measure(image, count: 1, advance: image.height).first else { return image }
        return try image.crop(x: ink.x, y: 0, width: ink.width, height: image.height)
    }

    func render(_ text: String, px: Int, width: Int?, strut: String) throws -> Image {
        let body = Markup.escape(text.replacingOccurrences(of: "\n", with: "\u{2028}")) + strut
        // A right-to-left paragraph only when the text has right-to-left letters: "30 h battery" on an
        // Arabic cover stays in its own order.
        let rtl = direction == "rtl" && text.unicodeScalars.contains(where: Self.isRightToLeft)
        let mark = rtl ? "\u{200F}" : direction == nil ? "" : "\u{200E}"
        let lineHeight = Int((Double(px) * self.lineHeight * 1024).rounded())
        let markup = "<span foreground=\"#FFFFFF\" line_height=\"\(lineHeight)\">\(mark)\(body)</span>"
        // Pango swaps left and right for a paragraph whose direction is not its context's (left to
        // right): a right-to-left paragraph is aligned `high` by asking for `low`.
        let pangoAlign = !rtl ? align : align == "low" ? "high" : align == "high" ? "low" : align
        return try Image.text(markup, font: font(px), width: width, align: pangoAlign, dpi: 72, wrap: wrap).image
    }

    /// Letters of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
    static func isRightToLeft(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }

    /// Lines in a rendering (libvips crops it to its ink): one line's ink height, plus one line
    /// advance for each further line, both measured once per font.
    func lineCount(_ ink: Image, px: Int) -> Int {
        let m = metrics(px)
        return 1 + max(0, Int((Double(ink.height - m.ink) / Double(m.advance)).rounded()))
    }

    func metrics(_ px: Int) -> (ink: Int, advance: Int) {
        LineMetrics.shared.metrics(font: "\(font(px)) @\(lineHeight)") {
            let one = (try? render("Hg", px: px, width: nil).height) ?? px
            let two = (try? render("Hg\nHg", px: px, width: nil).height) ?? one + px
            return (one, max(two - one, 1))
        }
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
