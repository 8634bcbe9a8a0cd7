import Support
import Foundation
import Synchronization

/// The work files of this run (spool folders `.marquee-work-PID-RANDOM`, half-written `.part` files):
/// removed when the process exits normally, on error, and on SIGINT or SIGTERM. A run killed
/// outright (SIGKILL) leaves them; the next run that claims the folder sweeps them.
public enum RunCleanup {
    public static let workPrefix = ".marquee-work-"
    private static let live = Mutex<Set<String>>([])
    /// Kept alive for the life of the process; written once, by `installHandlers` at start.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// A new work folder's location in `outDir`, named for this process plus a random suffix so no
    /// two runs share it; tracked until `untrack`. The caller makes it.
    public static func workFolder(in outDir: URL) -> URL {
        let url = outDir.appendingPathComponent("\(workPrefix)\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))")
        track(url)
        return url
    }

    /// Removes `url` (file or folder) if the process ends before `untrack`.
    public static func track(_ url: URL) { live.withLock { _ = $0.insert(url.path) } }

    /// Stops tracking `url` (done with it: removed, or renamed into place).
    public static func untrack(_ url: URL) { live.withLock { _ = $0.remove(url.path) } }

    /// Removes every tracked path now, and this process's `.part` files in the output folders it holds.
    /// Work threads may still be writing while they are removed (a file made between listing and
    /// removing keeps it): it is tried again, up to 20 times.
    public static func removeAll() {
        let paths = live.withLock { p in defer { p.removeAll() }; return p }
        // Half-written outputs of this process (`.part` files) in the folders it holds go too.
        let folders = OutputFolderLock.heldFolders, pid = getpid()
        for _ in 0..<20 {
            for p in paths { try? FileManager.default.removeItem(atPath: p) }
            let parts = folders.reduce(0) { $0 + AtomicFile.sweep($1, of: pid) }
            if parts == 0 && !paths.contains(where: { FileManager.default.fileExists(atPath: $0) }) { return }
            usleep(10_000)
        }
    }

    /// Removes the work folders other runs left in `folder` (they were killed: this run holds the
    /// folder's lock, so no other run is using them).
    static func sweepStale(in folder: URL) {
        let mine = live.withLock { $0 }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for n in names where n.hasPrefix(workPrefix) {
            let url = folder.appendingPathComponent(n)
            if !mine.contains(url.path) { try? FileManager.default.removeItem(at: url) }
        }
    }

    /// At process start: SIGINT and SIGTERM remove the work files, then exit with 130 and 143 (the
    /// shell's codes for them); SIGXFSZ is ignored so a file-size limit (`ulimit -f`) fails the write
    /// with EFBIG, reported as a sentence, instead of killing the process. Normal exits clean up too.
    public static func installHandlers() {
        signal(SIGXFSZ, SIG_IGN)
        atexit { RunCleanup.removeAll() }
        for (sig, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                removeAll()
                FileHandle.standardError.write(Data(("\nstopped by \(name): work files removed; what finished is kept "
                                                     + "in the output folder and its run catalog. Run the same command again to finish.\n").utf8))
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
