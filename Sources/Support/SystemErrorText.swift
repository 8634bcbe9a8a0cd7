import Foundation

/// The words every "disk full" message carries, so a batch can tell a full disk from other failures
/// whatever layer reported it, and stop instead of failing every remaining item.
public let diskFullSentence = "the disk is full"

/// A system error (permission, full disk, missing folder…) as a sentence a person can act on, never
/// a raw `NSCocoaErrorDomain Code=513`. Errors Marquee made itself pass through unchanged.
public func describeSystemError(_ error: any Error) -> String {
    if let m = error as? MarqueeError { return m.description }
    let ns = error as NSError
    // A library's own error type (FFmpeg's, SQLite's) keeps its own message.
    guard [NSPOSIXErrorDomain, NSCocoaErrorDomain].contains(ns.domain) else { return "\(error)" }
    let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
    var posix: Int32?
    if ns.domain == NSPOSIXErrorDomain { posix = Int32(ns.code) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        posix = Int32(underlying.code)
    }
    if let posix { return describeSystemError(errno: posix, path: path) }
    let at = path.map { " (\($0))" } ?? ""
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue:
            return describeSystemError(errno: EACCES, path: path)
        case CocoaError.fileWriteOutOfSpace.rawValue: return describeSystemError(errno: ENOSPC, path: path)
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return describeSystemError(errno: EROFS, path: path)
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return "no such file or folder\(at)"
        case CocoaError.fileWriteFileExists.rawValue: return "a file is in the way\(at): a folder was expected there"
        case CocoaError.fileWriteUnknown.rawValue, CocoaError.fileReadUnknown.rawValue:
            return "the file could not be written or read\(at): check that its folder exists, is writable and the disk not full"
        default: break
        }
    }
    return ns.localizedDescription + at
}

/// The sentence for a POSIX `errno` about `path`: the cause and what to do.
public func describeSystemError(errno code: Int32, path: String?) -> String {
    let at = path.map { " (\($0))" } ?? ""
    switch code {
    case EACCES, EPERM: return "permission denied\(at): make the folder writable for this user or choose another"
    case EROFS: return "the file system is read-only\(at): choose a folder on a writable disk"
    case ENOSPC, EDQUOT: return "\(diskFullSentence)\(at): free some space and run again; finished items are kept"
    case EFBIG:
        return "the file is larger than this process may write\(at): a file-size limit is set (ulimit -f); raise it and run again"
    case ENOTDIR: return "a path component is a file, not a folder\(at)"
    case ENOENT: return "no such file or folder\(at)"
    case EISDIR: return "a folder is in the way\(at): a file was expected there"
    default: return String(cString: strerror(code)) + at
    }
}

/// Whether `error` (or its message) says the disk is full.
public func isDiskFull(_ error: any Error) -> Bool {
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain, ns.code == Int(ENOSPC) || ns.code == Int(EDQUOT) { return true }
    if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain,
       u.code == Int(ENOSPC) || u.code == Int(EDQUOT) { return true }
    return mentionsDiskFull("\(error)")
}

/// Whether an error message says the disk is full (Marquee's sentence, or the system's words).
public func mentionsDiskFull(_ text: String) -> Bool {
    text.contains(diskFullSentence) || text.contains("No space left on device") || text.contains("Disk quota exceeded")
}
