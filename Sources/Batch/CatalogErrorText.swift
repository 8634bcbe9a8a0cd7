import Support
import Foundation
import GRDB

/// SQLite's errors about the run catalog as sentences naming the file, the cause and what to do.
/// Never advice to delete the catalog: it holds the resume history.
enum CatalogErrorText {
    /// Why the catalog at `path` could not be opened or brought up to date.
    static func opening(_ path: String, _ error: any Error) -> String {
        "cannot open the run catalog \(path): " + cause(path, error)
    }

    /// The cause of a catalog error, with what to do; SQLite's own code and message kept at the end.
    static func cause(_ path: String, _ error: any Error) -> String {
        guard let db = error as? DatabaseError else { return describeSystemError(error) }
        let folder = (path as NSString).deletingLastPathComponent
        let sqlite = "(SQLite error \(db.extendedResultCode.rawValue): \(db.message ?? "\(db.resultCode)"))"
        switch db.resultCode {
        case .SQLITE_FULL:
            return "\(diskFullSentence) \(sqlite). Free some space and run again; finished items are kept"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            if access(folder, W_OK) != 0 || (FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0) {
                return "the catalog or its folder \(folder) is not writable by this user \(sqlite). Make them writable, or give "
                    + "another output folder; keep the catalog, it holds the resume history"
            }
            return "it cannot be opened for writing \(sqlite). Check that \(folder) is on a local, writable disk; keep the catalog, "
                + "it holds the resume history"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "it is damaged or not a Marquee run catalog \(sqlite). Move it aside (mv \(path) \(path).damaged) to start a "
                + "new history; the outputs in the folder are kept"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "another process keeps it locked \(sqlite). Wait for it to finish and run again"
        case .SQLITE_IOERR:
            var limit = rlimit()
            if getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
                return "writing it failed \(sqlite): a file-size limit is set (ulimit -f \(limit.rlim_cur / 1024)); raise it and run again"
            }
            return "reading or writing it failed \(sqlite): the disk may be full or failing. Check it and run again"
        default:
            return "\(sqlite)"
        }
    }

    static let itemPrefix = "run catalog: "

    /// An item's error: the catalog's as "run catalog: cause", any other as a system-error sentence.
    static func item(_ path: String, _ error: any Error) -> String {
        error is DatabaseError ? itemPrefix + cause(path, error) : describeSystemError(error)
    }
}
