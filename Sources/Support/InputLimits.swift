import Foundation

/// The limits on what users give Marquee, documented in docs/limits.md. Each is checked before the
/// input is interpreted, so an input past a limit costs neither memory nor time, and the message
/// names the file, the limit and what to do.
public enum InputLimits {
    /// Largest manifest, cue sheet or caption file, in bytes (50 MB: about 200,000 products).
    public static let tableFileBytes = 50_000_000
    /// Largest preset file, in bytes.
    public static let presetFileBytes = 1_000_000
    /// Most YAML aliases (`*name`) in one file.
    public static let yamlAliases = 100_000
    /// Most values YAML aliases may add when expanded (each alias adds the values its anchor names).
    public static let yamlAliasExpansion = 1_000_000
    /// Deepest nesting of lists and mappings in a YAML or JSON file (aliases count as the nesting they expand to).
    public static let nestingDepth = 64

    /// `count` bytes with a unit a person reads: `50 MB`, `1.3 KB`.
    public static func bytesText(_ count: Int) -> String {
        if count >= 1_000_000 { return "\(numberText((Double(count) / 100_000).rounded() / 10)) MB" }
        if count >= 1_000 { return "\(numberText((Double(count) / 100).rounded() / 10)) KB" }
        return "\(count) bytes"
    }

    /// Throws a usage error when the file at `path` is larger than `limit`: checked from its size on
    /// disk, before it is read. `what` names the file (`manifest`).
    public static func checkSize(_ path: String, what: String, limit: Int = tableFileBytes) throws(MarqueeError) {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        guard let size = (attributes[.size] as? NSNumber)?.intValue, size > limit else { return }
        throw .usage("\(what) \(path) is \(bytesText(size)), over the limit of \(bytesText(limit)); split it into smaller files")
    }

    /// A short quote of `line` around `column` (1-based, in characters): at most `width` characters,
    /// with `…` where it was cut, so a message never echoes a whole long line.
    public static func excerpt(_ line: Substring, column: Int, width: Int = 80) -> String {
        let chars = Array(line.trimmingCharacters(in: .newlines))
        guard chars.count > width else { return String(chars) }
        let centre = max(0, min(chars.count, column - 1))
        let start = max(0, min(chars.count - width, centre - width / 2))
        let end = min(chars.count, start + width)
        return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
    }

    /// `text` as a message quotes it: whole when short, else its first 60 characters and `…`.
    public static func short(_ text: String) -> String { excerpt(text[...], column: 1, width: 60) }

    /// Line `line` (1-based) of `text`, shortened around `column` by `excerpt`.
    public static func excerpt(of text: String, line: Int, column: Int) -> String {
        var current = 1
        var start = text.startIndex
        while current < line, let nl = text[start...].firstIndex(where: \.isNewline) {
            start = text.index(after: nl)
            current += 1
        }
        let end = text[start...].firstIndex(where: \.isNewline) ?? text.endIndex
        return excerpt(text[start..<end], column: column)
    }
}
