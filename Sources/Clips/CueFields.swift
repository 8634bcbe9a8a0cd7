import Support
import Foundation

/// One cue's fields read from its cue-sheet row: times parsed and checked against each other, the
/// language tag normalised, and every problem recorded with the file, the row or position and the cue
/// id, so a cue with problems fails its own clip and says what to fix.
struct CueFields {
    let row: TableRow
    let id: String
    /// The cue sheet's file name, for messages.
    let file: String
    private(set) var problems: [String] = []
    /// Fields whose value could not be read (their problem is recorded once).
    private var badFields = Set<String>()

    /// Two times closer than this (half a millisecond) are the same time as written.
    static let tolerance = 0.0005

    init(_ row: TableRow, id: String, file: String) {
        self.row = row; self.id = id; self.file = file
        row.problems.forEach { problem($0) }
    }

    /// The cue sheet entry of a row: its cue, or the problems that keep it from being cut.
    static func entry(_ row: TableRow, id: String, file: String) -> CueEntry {
        var f = CueFields(row, id: id, file: file)
        f.checkID()
        let (start, end) = f.times()
        let language = f.language()
        let title = f.text("title"), product = f.text("product"), price = f.text("price"), region = f.text("region")
        let platform = f.text("platform")

        guard f.problems.isEmpty, let start, let end else {
            return CueEntry(id: id, row: row.row, cue: nil, problems: f.problems)
        }
        let cue = Cue(id: id, start: start, end: end, title: title, product: product, price: price,
                      region: region, language: language, platform: platform, row: row.row)
        return CueEntry(id: id, row: row.row, cue: cue, problems: [])
    }

    mutating func problem(_ message: String) { problems.append("\(file) \(row.place) (\(id)): \(message)") }

    /// One value as trimmed text; `nil` when absent or empty.
    mutating func text(_ field: String) -> String? {
        do { return try (row.values[field] ?? .null).lineText() } catch {
            problem("\(field) must be text or a number, got \(error.kind)")
            badFields.insert(field)
            return nil
        }
    }

    /// A time in seconds; `nil` when absent, empty or wrong (then a problem is recorded).
    mutating func time(_ field: String, _ text: String?) -> Double? {
        guard let text else { return nil }
        do { return try Timecode.seconds(text) } catch {
            problem("\(field) \(error.description)")
            badFields.insert(field)
            return nil
        }
    }

    /// A given id must be text that can name a file.
    mutating func checkID() {
        guard let given = row.values["id"] else { return }
        switch given {
        case .text, .null: if let p = Self.idProblem(id) { problem(p) }
        default: problem("id must be text, got \(given.kindName)")
        }
    }

    /// Whether an id can name a file everywhere: letters, digits, `-`, `_` and `.`, not starting with a dot.
    static func idProblem(_ id: String) -> String? {
        func allowed(_ s: Unicode.Scalar) -> Bool {
            "-_.".unicodeScalars.contains(s) || s.properties.isAlphabetic || s.properties.numericType == .decimal
                || [.nonspacingMark, .spacingMark].contains(s.properties.generalCategory)
        }
        if let bad = id.unicodeScalars.first(where: { !allowed($0) }) {
            let what = CharacterSet.whitespacesAndNewlines.contains(bad) ? "a space" : "`\(bad)`"
            return "id \"\(id)\" contains \(what); ids name the clip files, so use letters, digits, `-`, `_` and `.`"
        }
        if id.hasPrefix(".") {
            return "id \"\(id)\" starts with a dot, which would make a hidden file; start it with a letter or digit"
        }
        return nil
    }

    /// Start and end in seconds, from `start` and `end` or `duration` (both must agree when given).
    mutating func times() -> (start: Double?, end: Double?) {
        let tc = Timecode.format, tolerance = Self.tolerance
        let startText = text("start"), endText = text("end"), durationText = text("duration")
        let start = time("start", startText)
        if startText == nil, !badFields.contains("start") {
            problem("start is empty; give the time the clip starts in the replay, e.g. 00:01:20 or 80")
        }
        let end = time("end", endText)
        var duration = time("duration", durationText)
        if let d = duration, d == 0 {
            problem("duration is zero; give the clip's length in seconds (e.g. 30) or an end time")
            duration = nil
        }
        if endText == nil, durationText == nil, !badFields.contains("end"), !badFields.contains("duration") {
            problem("no end or duration; give the time the clip ends (e.g. 00:01:50) or its length in seconds (e.g. 30)")
        }
        guard let start else { return (nil, nil) }
        if let end {
            if end < start - tolerance {
                problem("end \(tc(end)) is before start \(tc(start)); fix the end or use duration")
            } else if abs(end - start) <= tolerance {
                problem("end \(tc(end)) is the same as start; the clip would be empty, so fix the end or use duration")
            } else if let duration, abs(start + duration - end) > tolerance {
                problem("end \(tc(end)) and duration \(Timecode.formatSeconds(duration)) disagree (start \(tc(start)) + duration = \(tc(start + duration))); give one of them")
            } else {
                return (start, end)
            }
            return (start, nil)
        }
        if let duration, endText == nil { return (start, start + duration) }
        return (start, nil)
    }

    /// The `language` tag in its usual letter case.
    mutating func language() -> String? {
        guard let l = text("language") else { return nil }
        let language = normalizedLanguageTag(l)
        if language == nil { problem("language \"\(l)\" is not a language tag such as th, pt-BR or ar") }
        return language
    }
}
