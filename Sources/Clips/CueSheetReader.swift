import Support
import PluginKit
import Presets
import Batch
import Foundation
import Yams

/// One cue of a cue sheet as read: the cue, or the problems that keep it from being cut.
/// A cue with problems fails its own clip; the other clips are still cut.
public struct CueEntry: Sendable {
    /// The cue's id as given, or the one made from its position (`clip-03`).
    public let id: String
    /// Where the cue is in the sheet: the spreadsheet row for CSV (the header is row 1), the
    /// 1-based position in the cue list for YAML and JSON.
    public let row: Int
    /// The cue; `nil` when `problems` is not empty.
    public let cue: Cue?
    /// Each names the file, the row or position, the cue id and the field, and says what to do.
    public let problems: [String]

    public init(id: String, row: Int, cue: Cue?, problems: [String]) {
        self.id = id; self.row = row; self.cue = cue; self.problems = problems
    }
}

/// Reads a cue sheet (the clips to cut from a replay) from CSV, YAML (`.yaml`, `.yml`) or JSON.
///
/// CSV columns (and YAML/JSON keys): `start` (required), `end` or `duration` (one of them; when both
/// are given they must agree), `title`, `product` (a product id), `price` (text as it should be
/// shown), `region` (a region preset name), `language` (a BCP 47 tag), `id` (optional: cues without
/// one are named `clip-01`, `clip-02`, … by their position), and `note` (ignored, e.g. why
/// `clips detect` proposed the cue). Times are seconds (`80`, `12.5`) or `[HH:]MM:SS[.mmm]`
/// (see `Timecode`); in YAML and JSON they may also be numbers. YAML and JSON take a list of cues
/// or `{cues: [...]}`. Cues may overlap.
///
/// Problems with the sheet as a whole (unreadable file, unknown or missing columns, duplicate ids,
/// no cues) throw `MarqueeError.usage`. Problems with one cue's values are returned in its entry.
/// Whether a cue lies inside the replay is not checked here: the clip engine knows the replay.
public enum CueSheetReader {
    /// Fields a cue has, in the order the documentation lists them.
    public static let fields = ["id", "start", "end", "duration", "title", "product", "price", "region", "language"]
    /// Columns (keys) that are accepted and ignored.
    public static let ignoredFields = ["note"]
    /// Names people use for the time columns, for did-you-mean hints only.
    static let aliases = ["in": "start", "from": "start", "begin": "start", "start_time": "start", "starttime": "start",
                          "start time": "start", "out": "end", "to": "end", "stop": "end", "end_time": "end",
                          "endtime": "end", "end time": "end", "length": "duration", "dur": "duration",
                          "name": "title", "product_id": "product", "sku": "product", "lang": "language",
                          "locale": "language", "notes": "note", "comment": "note", "reason": "note", "score": "note"]
    /// Two times closer than this (half a millisecond) are the same time as written.
    static let tolerance = 0.0005

    public static func read(_ url: URL) throws(MarqueeError) -> [CueEntry] {
        let file = try TableFile.read(url, what: "cue sheet")
        let path = file.path
        let raws = file.format == "csv" ? try readCSV(file.text, path: path) : try cues(in: file)
        guard !raws.isEmpty else {
            throw .usage("cue sheet \(path) lists no cues; give one per clip with at least `start` and `end` or `duration`")
        }
        let ids = try assignIDs(raws, path: path)
        let name = url.lastPathComponent
        return zip(raws, ids).map { build($0, id: $1, file: name) }
    }

    // MARK: - The neutral form all three formats are read into

    /// The manifest reader's neutral value (text, list, mapping, nothing), shared so YAML and JSON
    /// are read the same way in both.
    typealias Raw = TableValue

    struct RawCue {
        /// Spreadsheet row (CSV) or 1-based position (YAML/JSON).
        var row: Int
        /// Shown in messages: `row 4`, `cue 3`.
        var place: String
        /// Added to sheet-level messages: ` (line 12)` for YAML.
        var line: String = ""
        var values: [String: Raw] = [:]
        var problems: [String] = []
    }

    // MARK: - CSV

    static func readCSV(_ text: String, path: String) throws(MarqueeError) -> [RawCue] {
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch {
            throw .usage("cue sheet \(path): \(error.description)")
        }
        guard let headerIndex = records.firstIndex(where: { !$0.isBlank }) else {
            throw .usage("cue sheet \(path) is empty; the first row names the columns, e.g. id,start,end,title,product")
        }
        let header = records[headerIndex].fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let rows = records.enumerated().dropFirst(headerIndex + 1).filter { !$0.element.isBlank }

        if header.count == 1, let sep = [";", "\t"].first(where: { header[0].contains($0) }) {
            let name = sep == ";" ? "semicolons" : "tabs"
            throw .usage("cue sheet \(path): the header is a single column `\(header[0])`; the file looks separated by \(name). Save it comma-separated (CSV UTF-8), or write the cue sheet as YAML or JSON")
        }

        var columns: [String?] = []          // the field each column holds; nil = ignored
        var errors: [String] = []
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                if let r = rows.first(where: { i < $0.element.fields.count && !$0.element.fields[i].allSatisfy(\.isWhitespace) }) {
                    errors.append("column \(i + 1) has no name in the header but row \(r.offset + 1) has a value in it; name the column or remove it")
                }
                columns.append(nil)
                continue
            }
            switch classify(name, noun: "column") {
            case .success(let field):
                if let first = seen[field] {
                    errors.append("column `\(field)` appears twice (columns \(first + 1) and \(i + 1)); keep one")
                }
                seen[field] = seen[field] ?? i
                columns.append(ignoredFields.contains(field) ? nil : field)
            case .failure(let e):
                errors.append(e.message)
                columns.append(nil)
            }
        }
        if seen["start"] == nil {
            errors.append("missing column `start`; every cue sheet needs `start` and `end` or `duration`")
        }
        if seen["end"] == nil, seen["duration"] == nil {
            errors.append("missing column `end` or `duration`; give the time each clip ends or its length")
        }
        if !errors.isEmpty {
            throw .usage("cue sheet \(path): " + errors.joined(separator: "; ") + "; known columns: \(knownList)")
        }

        return rows.map { (index, record) in
            var c = RawCue(row: index + 1, place: "row \(index + 1)")
            for (i, cell) in record.fields.enumerated() where i < columns.count {
                if let field = columns[i] { c.values[field] = .text(cell) }
            }
            let extra = record.fields.dropFirst(columns.count).filter { !$0.allSatisfy(\.isWhitespace) }
            if !extra.isEmpty {
                c.problems.append("the row has \(record.fields.count) cells but the header has \(columns.count) columns; put cells that contain commas in double quotes (\"Serum, 30 ml\")")
            }
            return c
        }
    }

    // MARK: - YAML and JSON

    /// YAML and JSON: a list of cues or `{cues: [...]}`.
    static func cues(in file: TableFile) throws(MarqueeError) -> [RawCue] {
        let path = file.path
        let list = try file.listEntries(key: "cues", what: "cue sheet", nullListIsEmpty: true)
        var errors: [String] = []
        var unknown: [String] = []
        var result: [RawCue] = []
        for (i, (item, line)) in list.enumerated() {
            var c = RawCue(row: i + 1, place: "cue \(i + 1)")
            if line > 0 { c.line = " (line \(line))" }
            guard case .map(let pairs) = item else {
                errors.append("\(c.place)\(c.line) is \(item.kindName), not a mapping of fields such as `start:` and `end:`")
                continue
            }
            var keys = Set<String>()
            for (rawKey, value) in pairs {
                let key = rawKey.trimmingCharacters(in: .whitespaces)
                switch classify(key, noun: "key") {
                case .success(let field):
                    if !keys.insert(field).inserted {
                        errors.append("\(c.place)\(c.line): key `\(field)` appears twice; keep one")
                    } else if !ignoredFields.contains(field) {
                        c.values[field] = value
                    }
                case .failure(let e):
                    if !unknown.contains(where: { $0.hasSuffix(e.message) }) { unknown.append("\(c.place)\(c.line): \(e.message)") }
                }
            }
            result.append(c)
        }
        errors += unknown
        if !errors.isEmpty {
            throw .usage("cue sheet \(path): " + errors.joined(separator: "; ") + "; known keys: \(knownList)")
        }
        return result
    }

    // MARK: - Column and key names

    static var knownList: String { (fields + ignoredFields).joined(separator: ", ") }

    struct NameError: Error { let message: String }

    /// A column or key name as a field (lower case), or an error naming it with a suggestion.
    static func classify(_ name: String, noun: String) -> Result<String, NameError> {
        let lower = name.lowercased()
        if fields.contains(lower) || ignoredFields.contains(lower) { return .success(lower) }
        let hint = (aliases[lower] ?? closestMatch(lower, in: fields + ignoredFields)).map { "; did you mean `\($0)`?" } ?? ""
        return .failure(NameError(message: "unknown \(noun) `\(name)`\(hint)"))
    }

    // MARK: - Ids

    /// Each cue's id: the one given, or `clip-NN` from its position, zero-padded to the width of the
    /// cue count (at least 2 digits). Ids must differ, also in letter case: they name output files.
    static func assignIDs(_ raws: [RawCue], path: String) throws(MarqueeError) -> [String] {
        let width = max(2, String(raws.count).count)
        var ids: [String] = []
        var byID: [String: [(id: String, place: String)]] = [:]
        var order: [String] = []
        for (i, c) in raws.enumerated() {
            let given = c.values["id"]?.trimmedText
            let id = given ?? "clip-" + String(repeating: "0", count: max(0, width - String(i + 1).count)) + String(i + 1)
            let place = given == nil ? "\(c.place)\(c.line), which has no id" : "\(c.place)\(c.line)"
            let folded = id.lowercased()
            if byID[folded] == nil { order.append(folded) }
            byID[folded, default: []].append((id, place))
            ids.append(id)
        }
        var errors: [String] = []
        for key in order {
            guard let uses = byID[key], uses.count > 1 else { continue }
            let places = uses.map(\.place)
            let placeList = places.dropLast().joined(separator: ", ") + " and " + places.last!
            let made = uses.contains { $0.place.hasSuffix("which has no id") }
                ? " (cues without an id are named clip-NN by position; pick another id)" : ""
            if Set(uses.map(\.id)).count == 1 {
                errors.append("cue id `\(uses[0].id)` is used twice or more: \(placeList); give each cue its own id\(made)")
            } else {
                errors.append("cue ids \(uses.map { "`\($0.id)`" }.joined(separator: ", ")) differ only in letter case (\(placeList)); their clip files would clash, so give each cue a distinct id")
            }
        }
        if !errors.isEmpty { throw .usage("cue sheet \(path): " + errors.joined(separator: "; ")) }
        return ids
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

    // MARK: - One cue

    static func build(_ raw: RawCue, id: String, file: String) -> CueEntry {
        var problems: [String] = []
        func problem(_ message: String) { problems.append("\(file) \(raw.place) (\(id)): \(message)") }
        raw.problems.forEach(problem)

        if let given = raw.values["id"] {
            switch given {
            case .text, .null: if let p = idProblem(id) { problem(p) }
            default: problem("id must be text, got \(given.kindName)")
            }
        }

        var badFields = Set<String>()
        /// One value as trimmed text; `nil` when absent or empty.
        func text(_ field: String) -> String? {
            switch raw.values[field] ?? .null {
            case .null: return nil
            case .text(let t):
                let t = t.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : t
            case let other:
                problem("\(field) must be text or a number, got \(other.kindName)")
                badFields.insert(field)
                return nil
            }
        }
        /// A time in seconds; `nil` when absent, empty or wrong (then a problem is recorded).
        func time(_ field: String, _ text: String?) -> Double? {
            guard let text else { return nil }
            do { return try Timecode.seconds(text) } catch {
                problem("\(field) \(error.description)")
                badFields.insert(field)
                return nil
            }
        }
        let tc = Timecode.format

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
        var finalEnd: Double?
        if let start, let end {
            if end < start - tolerance {
                problem("end \(tc(end)) is before start \(tc(start)); fix the end or use duration")
            } else if abs(end - start) <= tolerance {
                problem("end \(tc(end)) is the same as start; the clip would be empty, so fix the end or use duration")
            } else if let duration, abs(start + duration - end) > tolerance {
                problem("end \(tc(end)) and duration \(Timecode.formatSeconds(duration)) disagree (start \(tc(start)) + duration = \(tc(start + duration))); give one of them")
            } else {
                finalEnd = end
            }
        } else if let start, let duration, endText == nil {
            finalEnd = start + duration
        }

        let language: String?
        if let l = text("language") {
            language = normalizedLanguageTag(l)
            if language == nil { problem("language \"\(l)\" is not a language tag such as th, pt-BR or ar") }
        } else {
            language = nil
        }
        let title = text("title"), product = text("product"), price = text("price"), region = text("region")

        guard problems.isEmpty, let start, let finalEnd else {
            return CueEntry(id: id, row: raw.row, cue: nil, problems: problems)
        }
        let cue = Cue(id: id, start: start, end: finalEnd, title: title, product: product, price: price,
                      region: region, language: language, row: raw.row)
        return CueEntry(id: id, row: raw.row, cue: cue, problems: [])
    }
}
