/// Why text could not be fitted. The description says what and what to do; callers put the field or
/// item it is about in front.
public enum TextFitError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// Characters no installed font (from `fonts`, with fontconfig fallback) can draw.
    case missingGlyphs(text: String, characters: [Character], fonts: String)
    /// Too big for the room (`width`x`height` at `minPx`) even at the smallest size; `shortened`: also
    /// after shortening it as far as it goes.
    case doesNotFit(text: String, width: Int, height: Int, minPx: Int, shortened: Bool)

    public var description: String {
        switch self {
        case .empty:
            return "the text is empty"
        case let .missingGlyphs(text, characters, fonts):
            let codes = characters.prefix(6).map { ch in
                ch.unicodeScalars.map { "U+" + hex4($0.value) }.joined(separator: " ")
            }
            return "no installed font covers \(codes.joined(separator: ", ")) in “\(text)” (fonts: \(fonts)); install a font "
                + "for this script (e.g. a Debian fonts-noto-* package) or change the text"
        case let .doesNotFit(text, width, height, minPx, shortened):
            return "“\(text)” does not fit \(width)x\(height) px at the minimum readable size \(minPx) px"
                + (shortened ? ", even shortened" : "; shorten it or allow an ellipsis")
        }
    }
}

/// At least four upper-case hex digits, as code points are written (`E000`, `1F600`).
private func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}
