import Foundation

/// An input file named on the command line. A missing, unreadable or folder input is a mistake in
/// the command: every command checks its inputs with `check` before it makes any output, and
/// refuses them as usage errors (exit code 2).
public enum InputFile {
    /// Throws a usage error unless `path` is a readable file. `what` names it (`replay`), `give` says
    /// what to give instead of a folder (`the path of a video`).
    public static func check(_ path: String, what: String, give: String) throws(MarqueeError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw .usage("\(what) \(path) not found; check the path")
        }
        guard !isDir.boolValue else { throw .usage("\(what) \(path) is a folder; give \(give)") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .usage("\(what) \(path): permission denied; make the file readable")
        }
    }
}
