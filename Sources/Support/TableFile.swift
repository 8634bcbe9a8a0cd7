import Foundation

/// A user's table file (manifest, cue sheet): CSV, YAML or JSON, checked before parsing, with messages
/// that name the file and say what to do.
public struct TableFile: Sendable {
    public let path: String
    /// `csv`, `json`, or `yaml` (for `.yaml` and `.yml`).
    public let format: String
    public let data: Data
    public let text: String

    /// `what` names the file in messages: `manifest`, `cue sheet`.
    public static func read(_ url: URL, what: String) throws(MarqueeError) -> TableFile {
        let path = url.path
        let ext = url.pathExtension.lowercased()
        guard ["csv", "yaml", "yml", "json"].contains(ext) else {
            throw .usage("\(what) \(path): expected a .csv, .yaml, .yml or .json file, got `.\(ext)`")
        }
        try InputFile.check(path, what: what, give: "the \(what) file")
        try InputLimits.checkSize(path, what: what)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(what) \(path) cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .usage("\(what) \(path) is not UTF-8 text; save it as UTF-8 (in spreadsheets: “CSV UTF-8”)")
        }
        return TableFile(path: path, format: ext == "yml" ? "yaml" : ext, data: data, text: text)
    }
}
