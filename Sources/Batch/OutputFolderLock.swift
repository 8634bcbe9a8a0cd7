import Support
import Foundation
import Synchronization

/// One run per output folder. Every command that writes an output folder claims it first: an
/// advisory lock (`flock`) on `.marquee.lock` in the folder, held until the process ends, so the
/// kernel releases it whatever way the run ends (SIGKILL included) and no stale lock is ever left.
/// The lock file holds the PID of the run that owns the folder, for the message a second run prints.
public final class OutputFolderLock: Sendable {
    public static let fileName = ".marquee.lock"
    public let folder: URL
    private let fd: Int32

    private init(folder: URL, fd: Int32) {
        self.folder = folder; self.fd = fd
    }

    deinit { close(fd) }

    /// Folders this process holds, so they stay claimed until it exits (commands never release them).
    private static let held = Mutex<[String: OutputFolderLock]>([:])

    /// Claims `folder` for this process: makes it when missing (its errors as sentences naming the
    /// path and what to do), takes the lock, records this PID and sweeps the work folders a killed
    /// run left there. When another run holds it: a usage error (exit 2) naming that run's PID, or,
    /// with `wait`, waits until it ends. `option` names the flag the folder came from, for messages.
    @discardableResult
    public static func claim(_ folder: URL, option: String = "--out", wait: Bool = false) async throws -> OutputFolderLock {
        let folder = folder.standardizedFileURL
        if let mine = held.withLock({ $0[folder.path] }) { return mine }
        try OutputFolder.prepare(folder, option: option)
        let path = folder.appendingPathComponent(fileName).path
        var announced = false
        var fd: Int32
        // A run that removes its lock file when done (`removeWhenDone`) unlinks it while still holding
        // it: a lock taken on a file that no longer has that name is let go and taken again.
        while true {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw MarqueeError.usage(OutputFolder.unwritable(folder, option: option, errno: errno)) }
            try await lock(fd, path: path, folder: folder, option: option, wait: wait, announced: &announced)
            if names(fd, path) { break }
            close(fd)
        }
        // Fixed width, one write, then trimmed to it: a reader never sees an empty or mixed PID.
        let pid = Data((String(getpid()).padding(toLength: pidWidth - 1, withPad: " ", startingAt: 0) + "\n").utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        _ = ftruncate(fd, off_t(pidWidth))
        let lock = OutputFolderLock(folder: folder, fd: fd)
        held.withLock { $0[folder.path] = lock }
        RunCleanup.sweepStale(in: folder)
        return lock
    }

    /// Takes the lock on `fd`, waiting for another run to end when `wait`; exit 2 naming that run otherwise.
    private static func lock(_ fd: Int32, path: String, folder: URL, option: String, wait: Bool, announced: inout Bool) async throws {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw MarqueeError.usage("cannot lock \(path): \(String(cString: strerror(code))); "
                                         + "the output folder must be on a file system that supports locks (not every network share does)")
            }
            let holder = await holderDescription(fd)
            guard wait else {
                close(fd)
                throw MarqueeError.usage("\(folder.path) is in use by another Marquee run (\(holder)): one run at a time may write an output "
                                         + "folder. Wait for it to finish, add --wait to start when it does, or give another \(option)")
            }
            if !announced {
                FileHandle.standardError.write(Data("waiting: \(folder.path) is in use by another Marquee run (\(holder))…\n".utf8))
                announced = true
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
    }

    /// Whether `path` still names the file open on `fd` (the run before may have removed it).
    private static func names(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        return fstat(fd, &open) == 0 && stat(path, &named) == 0 && open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }

    /// Removes the lock file when the process ends (normally or by SIGINT / SIGTERM), while the lock
    /// is still held, for a folder that is the user's, not Marquee's (`clips detect` writes its cue
    /// sheet into one). A run killed outright leaves the file; the next run takes it and removes it.
    public func removeWhenDone() {
        RunCleanup.track(folder.appendingPathComponent(Self.fileName))
    }

    /// The folders this process holds.
    static var heldFolders: [URL] { held.withLock { $0.values.map(\.folder) } }

    /// Gives the folder up before the process ends (tests; commands keep it to the end).
    public func release() {
        Self.held.withLock { _ = $0.removeValue(forKey: folder.path) }
        _ = flock(fd, LOCK_UN)
    }

    /// Bytes of the PID record in the lock file.
    private static let pidWidth = 16

    /// "PID 1234" from the lock file. A run that has just taken the lock writes its PID a moment
    /// later, so an empty record is read again for up to a second before saying it is not known.
    private static func holderDescription(_ fd: Int32) async -> String {
        for _ in 0..<50 {
            if let pid = recordedPID(fd) { return "PID \(pid)" }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return recordedPID(fd).map { "PID \($0)" } ?? "PID not recorded yet"
    }

    private static func recordedPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
