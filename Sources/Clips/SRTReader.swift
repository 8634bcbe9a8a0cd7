import Support
import PluginKit
import Presets
import Batch
import Foundation

/// Reads SubRip (`.srt`) captions: blocks of an optional number, a time line
/// `00:00:01,000 --> 00:00:03,500` and one or more lines of text, separated by blank lines.
///
/// Tolerated: a byte order mark, CRLF or CR line ends, a missing final blank line, a missing block
/// number, a dot instead of the comma, and text after the times (SRT position hints). Basic tags
/// (`<i>`, `<b>`, `<u>`, `<font …>`) and ASS overrides (`{\an8}`) are removed; the lines of a caption
/// are joined with `\n`. Captions whose text is empty are dropped. A block that cannot be read
/// throws `MarqueeError.usage` naming the file, the block number and its line.
public enum SRTReader {
    public static func read(_ url: URL) throws(MarqueeError) -> [Caption] {
        let path = url.path
        try InputFile.check(path, what: "captions", give: "the .srt file")
        try InputLimits.checkSize(path, what: "captions")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("captions \(path) cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("captions \(path) is not UTF-8 text; save the subtitles as UTF-8")
        }
        return try parse(text, name: path)
    }

    /// Captions from SRT text; `name` is the file named in messages.
    public static func parse(_ text: String, name: String) throws(MarqueeError) -> [Caption] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        func isBlank(_ i: Int) -> Bool { lines[i].allSatisfy(\.isWhitespace) }

        var captions: [Caption] = []
        var block = 0
        var i = 0
        while i < lines.count {
            if isBlank(i) { i += 1; continue }
            block += 1
            let firstLine = i + 1
            func fail(_ message: String) -> MarqueeError {
                .usage("captions \(name): block \(block) (line \(firstLine)): \(message)")
            }
            let first = lines[i].trimmingCharacters(in: .whitespaces)
            if !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }) {
                i += 1
                guard i < lines.count, !isBlank(i), lines[i].contains("-->") else {
                    throw fail("the number \(first) is not followed by a time line such as `00:00:01,000 --> 00:00:03,500`")
                }
            }
            let timing = lines[i]
            guard let arrow = timing.range(of: "-->") else {
                throw fail("expected a time line such as `00:00:01,000 --> 00:00:03,500`, found \"\(InputLimits.short(timing.trimmingCharacters(in: .whitespaces)))\"")
            }
            let left = timing[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            // Text after the end time (`X1:… Y1:…` position hints) is ignored.
            let right = timing[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
                .split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let start: Double, end: Double
            do { start = try Timecode.seconds(left) } catch { throw fail("start time \(error.description)") }
            do { end = try Timecode.seconds(right) } catch { throw fail("end time \(error.description)") }
            guard end >= start else {
                throw fail("ends (\(Timecode.format(end))) before it starts (\(Timecode.format(start))); fix the time line")
            }
            i += 1
            var textLines: [String] = []
            while i < lines.count, !isBlank(i) {
                textLines.append(clean(lines[i]))
                i += 1
            }
            let caption = textLines.filter { !$0.isEmpty }.joined(separator: "\n")
            if !caption.isEmpty { captions.append(Caption(start: start, end: end, text: caption)) }
        }
        return captions.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
    }

    /// The captions that overlap `start..<end` of the replay, in clip time: shifted by `start` and
    /// clipped to `0...(end - start)`. Captions that only touch the range are left out.
    public static func captions(_ all: [Caption], from start: Double, to end: Double) -> [Caption] {
        guard end > start else { return [] }
        return all.compactMap { c in
            guard c.end > start, c.start < end else { return nil }
            return Caption(start: max(c.start, start) - start, end: min(c.end, end) - start, text: c.text)
        }
    }

    /// A line without formatting tags and edge spaces.
    static func clean(_ line: String) -> String {
        line.replacingOccurrences(of: #"</?\s*(i|b|u|font)(\s[^>]*)?>"#, with: "", options: [.regularExpression, .caseInsensitive])
            .replacingOccurrences(of: #"\{\\[^}]*\}"#, with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }
}
