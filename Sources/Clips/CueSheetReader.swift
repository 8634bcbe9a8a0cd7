import Support
import Foundation

/// Reads a cue sheet (the clips to cut from a replay) from CSV, YAML (`.yaml`, `.yml`) or JSON.
///
/// CSV columns (and YAML/JSON keys): `start` (required), `end` or `duration` (one of them; when both
/// are given they must agree), `title`, `product` (a product id), `price` (text as it should be
/// shown), `region` (a region preset name), `language` (a BCP 47 tag), `platform` (a platform preset
/// whose safe zone and minimum text size that clip's overlays follow), `id` (optional: cues without
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
    public static let fields = ["id", "start", "end", "duration", "title", "product", "price", "region", "language", "platform"]
    /// Columns (keys) that are accepted and ignored.
    public static let ignoredFields = ["note"]
    /// Names people use for the time columns, for did-you-mean hints only.
    static let aliases = ["in": "start", "from": "start", "begin": "start", "start_time": "start", "starttime": "start",
                          "start time": "start", "out": "end", "to": "end", "stop": "end", "end_time": "end",
                          "endtime": "end", "end time": "end", "length": "duration", "dur": "duration",
                          "name": "title", "product_id": "product", "sku": "product", "lang": "language",
                          "locale": "language", "notes": "note", "comment": "note", "reason": "note", "score": "note"]

    public static func read(_ url: URL) throws(MarqueeError) -> [CueEntry] {
        let file = try TableFile.read(url, what: "cue sheet")
        let raws = try file.rows(schema)
        guard !raws.isEmpty else {
            throw .usage("cue sheet \(file.path) lists no cues; give one per clip with at least `start` and `end` or `duration`")
        }
        let ids = try assignIDs(raws, path: file.path)
        let name = url.lastPathComponent
        return zip(raws, ids).map { CueFields.entry($0, id: $1, file: name) }
    }

    /// Columns and keys: the fields (lower case); `note` is accepted and not kept.
    static let schema: TableSchema = {
        var s = TableSchema(
            what: "cue sheet", noun: "cue",
            columnsHint: ", e.g. id,start,end,title,product", keyExample: "`start:` and `end:`",
            knownColumns: knownList, knownKeys: knownList,
            classify: classify,
            missingColumns: { present in
                var errors: [String] = []
                if !present.contains("start") {
                    errors.append("missing column `start`; every cue sheet needs `start` and `end` or `duration`")
                }
                if !present.contains("end"), !present.contains("duration") {
                    errors.append("missing column `end` or `duration`; give the time each clip ends or its length")
                }
                return errors
            },
            extraCells: { _, cells, columns in
                "the row has \(cells) cells but the header has \(columns) columns; put cells that contain commas in double quotes (\"Serum, 30 ml\")"
            })
        s.nullListIsEmpty = true
        s.ignoredKeys = Set(ignoredFields)
        return s
    }()

    static var knownList: String { (fields + ignoredFields).joined(separator: ", ") }

    /// A column or key name as a field (lower case), or an error naming it with a suggestion.
    static func classify(_ name: String, noun: String) -> Result<String, TableNameError> {
        let lower = name.lowercased()
        if fields.contains(lower) || ignoredFields.contains(lower) { return .success(lower) }
        let hint = (aliases[lower] ?? closestMatch(lower, in: fields + ignoredFields)).map { "; did you mean `\($0)`?" } ?? ""
        return .failure(TableNameError("unknown \(noun) `\(InputLimits.short(name))`\(hint)"))
    }

    // MARK: - Ids

    /// Each cue's id: the one given, or `clip-NN` from its position, zero-padded to the width of the
    /// cue count (at least 2 digits). Ids must differ, also in letter case: they name output files.
    static func assignIDs(_ raws: [TableRow], path: String) throws(MarqueeError) -> [String] {
        let width = max(2, String(raws.count).count)
        var uses: [(id: String, place: String)] = []
        for (i, c) in raws.enumerated() {
            let given = c.values["id"]?.trimmedText
            let id = given ?? "clip-" + String(repeating: "0", count: max(0, width - String(i + 1).count)) + String(i + 1)
            uses.append((id, given == nil ? "\(c.located), which has no id" : c.located))
        }
        let errors = TableIDs.clashes(uses, noun: "cue", files: "clip files") { places in
            places.contains { $0.hasSuffix("which has no id") }
                ? " (cues without an id are named clip-NN by position; pick another id)" : ""
        }
        if !errors.isEmpty { throw .usage("cue sheet \(path): " + errors.joined(separator: "; ")) }
        return uses.map(\.id)
    }
}
