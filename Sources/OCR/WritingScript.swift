/// The writing systems whose letters tell which language's models should read a cover. Latin is
/// shared by English, Vietnamese, Indonesian, Portuguese and Spanish, so its letters tell nothing
/// between them; every other script here belongs to one locale's models.
public enum WritingScript: Sendable {
    case latin, arabic, thai, han, kana

    /// The script of one Unicode scalar; nil for digits, punctuation, marks of no script and
    /// scripts no bundled model reads.
    public static func of(_ s: Unicode.Scalar) -> WritingScript? {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: .latin
        case 0x620...0x65F, 0x66E...0x6EF, 0x6FA...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: .arabic
        case 0xE01...0xE4E: .thai   // letters, vowels and tone marks; Thai digits (U+0E50-0E59) excluded
        // (Arabic-Indic digits, U+0660-0669 and U+06F0-06F9, are left out above in the same way)
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: .han
        case 0x3040...0x30FF: .kana
        default: nil
        }
    }

    /// How many of `text`'s scalars are letters of this script (digits of any script do not count:
    /// Thai and Arabic-Indic digits are what a wrong model most often reads texture as).
    public func letters(in text: String) -> Int { text.unicodeScalars.filter { Self.of($0) == self }.count }

    /// The script a locale's own model reads: nil for locales written in Latin letters (and unknown ones).
    public static func of(locale code: String) -> WritingScript? {
        switch OCRLanguages.primaryLanguage(code) {
        case "ar": .arabic
        case "th": .thai
        case "zh": .han
        case "ja": .kana
        default: nil
        }
    }

    /// The script's name for a report.
    public var name: String {
        switch self {
        case .latin: "Latin"
        case .arabic: "Arabic"
        case .thai: "Thai"
        case .han: "Chinese"
        case .kana: "Japanese"
        }
    }
}
