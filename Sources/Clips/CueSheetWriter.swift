import Support
import PluginKit
import Presets
import Batch
import Foundation

/// Writes cues as a CSV cue sheet that `CueSheetReader` reads back: what `clips detect` proposes,
/// for a person to review in a spreadsheet and pass to `clips cut --cues`.
public enum CueSheetWriter {
    /// The columns written, in order (`note` is added when notes are given).
    public static let columns = ["id", "start", "end", "title", "product", "price", "region", "language"]

    /// A CSV with a header and one row per cue; times as `HH:MM:SS.mmm` (rounded to the millisecond).
    /// `notes`, when given, fill a `note` column (e.g. why the cue was proposed and its score),
    /// which the reader ignores; missing notes are left empty.
    public static func csv(_ cues: [Cue], notes: [String]? = nil) -> String {
        var lines = [(columns + (notes == nil ? [] : ["note"])).joined(separator: ",")]
        for (i, cue) in cues.enumerated() {
            var cells = [cue.id, Timecode.format(cue.start), Timecode.format(cue.end), cue.title ?? "", cue.product ?? "",
                         cue.price ?? "", cue.region ?? "", cue.language ?? ""]
            if let notes { cells.append(i < notes.count ? notes[i] : "") }
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One field after RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces,
    /// with quotes doubled.
    static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
