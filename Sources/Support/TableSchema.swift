/// One entry of a table file (a manifest's product, a cue sheet's cue) as read, before its values are
/// interpreted: the values under the key each column or YAML/JSON key names, and where the entry stands.
package struct TableRow: Sendable {
    /// The spreadsheet row for CSV (the header is row 1), the 1-based position for YAML and JSON.
    package var row: Int
    /// Shown in messages: `row 4`, `cue 3`.
    package var place: String
    /// ` (line 12)` for a YAML entry, empty otherwise; messages about the whole file add it to the place.
    package var line: String = ""
    /// Values by key: a field (`title`) or a translated field (`title.th`).
    package var values: [String: TableValue] = [:]
    /// Problems found while reading, about this entry only.
    package var problems: [String] = []

    package init(row: Int, place: String, line: String = "") {
        self.row = row; self.place = place; self.line = line
    }

    /// The place with its line: `product 3 (line 12)`.
    package var located: String { place + line }

    /// Keeps `value` under `key`; a key given twice with different text (`title.th:` and `titles: {th:}`)
    /// is a problem of this entry.
    package mutating func set(_ key: String, _ value: TableValue) {
        if let existing = values[key], existing.trimmedText != value.trimmedText {
            problems.append("field \(key): given twice with different text; keep one")
        }
        values[key] = value
    }
}

/// A column or key name a reader does not know, with a suggestion.
package struct TableNameError: Error, Sendable {
    package let message: String
    package init(_ message: String) { self.message = message }
}

/// What a reader knows of its table file: what the file and its entries are called in messages, and
/// how column and key names are interpreted. `TableFile.rows(_:)` reads CSV, YAML and JSON with it.
package struct TableSchema: Sendable {
    /// The file in messages: `manifest`, `cue sheet`.
    package var what: String
    /// One entry in messages: `product`, `cue`; YAML and JSON list them under its plural (`products:`).
    package var noun: String
    /// Added to the message for an empty CSV file: `, e.g. id,start,end`.
    package var columnsHint: String
    /// Keys shown in a YAML/JSON entry that is not a mapping: "`start:` and `end:`".
    package var keyExample: String
    /// Listed after unknown columns and keys.
    package var knownColumns: String
    package var knownKeys: String
    /// `cues:` with nothing after it is an empty list rather than an error.
    package var nullListIsEmpty = false
    /// Keys that are accepted and not kept (`note`).
    package var ignoredKeys: Set<String> = []
    /// A column or key name (`noun` is `column` or `key`) as the key its values are kept under, or why
    /// it is unknown.
    package var classify: @Sendable (_ name: String, _ noun: String) -> Result<String, TableNameError>
    /// The messages for required columns missing from a CSV header, given the keys it has.
    package var missingColumns: @Sendable (_ present: Set<String>) -> [String]
    /// The problem of a CSV row with more non-empty cells than the header has columns.
    package var extraCells: @Sendable (_ row: TableRow, _ cells: Int, _ columns: Int) -> String
    /// A YAML/JSON key whose value is a table of further keys (a manifest's `titles: {th: …}`): read it
    /// into the row and return the errors about the file, or `nil` when `key` is not such a table.
    package var nestedTable: (@Sendable (_ key: String, _ value: TableValue, _ row: inout TableRow) -> [String]?)?

    package init(what: String, noun: String, columnsHint: String, keyExample: String,
                 knownColumns: String, knownKeys: String,
                 classify: @escaping @Sendable (String, String) -> Result<String, TableNameError>,
                 missingColumns: @escaping @Sendable (Set<String>) -> [String],
                 extraCells: @escaping @Sendable (TableRow, Int, Int) -> String) {
        self.what = what; self.noun = noun; self.columnsHint = columnsHint; self.keyExample = keyExample
        self.knownColumns = knownColumns; self.knownKeys = knownKeys
        self.classify = classify; self.missingColumns = missingColumns; self.extraCells = extraCells
    }
}
