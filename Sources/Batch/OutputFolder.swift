import Support
import Foundation

/// Makes an output folder ready to write, or says in a sentence why it cannot be: the path, the
/// cause (a file in the way, permission, read-only file system, full disk) and what to do.
public enum OutputFolder {
    /// Makes `folder` when missing and checks this process may write in it.
    public static func prepare(_ folder: URL, option: String = "--out") throws(MarqueeError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw .usage("\(option) \(folder.path) is a file, not a folder: give a folder (Marquee makes it when missing)")
            }
        } else {
            try make(folder, option: option)
        }
        guard access(folder.path, W_OK | X_OK) == 0 else { throw .usage(unwritable(folder, option: option, errno: errno)) }
    }

    /// Why the folder cannot be written, from the `errno` of the failed call.
    public static func unwritable(_ folder: URL, option: String, errno code: Int32) -> String {
        let p = folder.path
        switch code {
        case EACCES, EPERM:
            return "cannot write in the output folder \(p): permission denied for this user. Make it writable "
                + "(chmod u+w \(p)) or give another \(option); its outputs and run catalog are left as they are"
        case EROFS:
            return "cannot write in the output folder \(p): it is on a read-only file system. Give an \(option) folder on a writable disk"
        case ENOSPC, EDQUOT:
            return "cannot write in the output folder \(p): \(diskFullSentence). Free some space and run again"
        default:
            return "cannot write in the output folder \(p): \(String(cString: strerror(code)))"
        }
    }

    /// Makes a missing folder; when that fails, names the ancestor at fault.
    private static func make(_ folder: URL, option: String) throws(MarqueeError) {
        if mkdirAll(folder) { return }
        let code = errno
        var ancestor = folder.deletingLastPathComponent()
        var isDir: ObjCBool = false
        while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDir) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        let a = ancestor.path
        switch code {
        case ENOTDIR:
            throw .usage("cannot make the output folder \(folder.path): \(a) is a file, not a folder. Give an \(option) path inside a folder")
        case EACCES, EPERM:
            throw .usage("cannot make the output folder \(folder.path): permission denied in \(a) for this user. Make \(a) writable "
                         + "or give an \(option) folder you can write in")
        case EROFS:
            throw .usage("cannot make the output folder \(folder.path): \(a) is on a read-only file system. Give an \(option) folder on a writable disk")
        case ENOSPC, EDQUOT:
            throw .usage("cannot make the output folder \(folder.path): \(diskFullSentence). Free some space and run again")
        default:
            throw .usage("cannot make the output folder \(folder.path): \(String(cString: strerror(code)))")
        }
    }

    /// `mkdir -p`, keeping `errno` of the call that failed.
    private static func mkdirAll(_ folder: URL) -> Bool {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) { return isDir.boolValue || { errno = ENOTDIR; return false }() }
        let parent = folder.deletingLastPathComponent()
        if parent.path != folder.path, !mkdirAll(parent) { return false }
        return mkdir(folder.path, 0o755) == 0 || errno == EEXIST
    }
}
