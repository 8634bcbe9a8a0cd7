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
