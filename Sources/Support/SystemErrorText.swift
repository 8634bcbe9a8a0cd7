import Foundation

/// A system error (permission, full disk, missing folder…) as a sentence a person can act on, never
/// a raw `NSCocoaErrorDomain Code=513`. Errors Marquee made itself pass through unchanged.
public func describeSystemError(_ error: any Error) -> String {
    if let m = error as? MarqueeError { return m.description }
    let ns = error as NSError
    let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
    let at = path.map { " (\($0))" } ?? ""
    var posix: Int32?
    if ns.domain == NSPOSIXErrorDomain { posix = Int32(ns.code) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        posix = Int32(underlying.code)
    }
    switch posix {
    case EACCES?, EPERM?, EROFS?: return "permission denied\(at): make the folder writable or choose another"
    case ENOSPC?, EDQUOT?: return "the disk is full\(at): free some space and run again; finished items are kept"
    case EFBIG?: return "the file is larger than this system allows\(at) (a file-size limit is set: ulimit -f)"
    case ENOTDIR?: return "a path component is a file, not a folder\(at)"
    case ENOENT?: return "no such file or folder\(at)"
    default: break
    }
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue:
            return "permission denied\(at): make the folder writable or choose another"
        case CocoaError.fileWriteOutOfSpace.rawValue: return "the disk is full\(at): free some space and run again"
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return "no such file or folder\(at)"
        case CocoaError.fileWriteFileExists.rawValue: return "a file is in the way\(at): a folder was expected there"
        default: break
        }
    }
    return ns.localizedDescription + at
}
