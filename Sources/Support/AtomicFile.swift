import Foundation

/// Writes files so that a reader never sees half of one: data goes to a temporary file in the same
/// folder, is flushed, then renamed over the final name. A killed run leaves at most a `.part` file.
public enum AtomicFile {
    public static let partSuffix = ".part"

    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { try $0.write(contentsOf: data) }
    }

    /// Writes a file whose content is made a piece at a time: `body` writes the pieces to the handle
    /// (buffer them: each call is a system call); the file appears under `url` only when it is whole.
    public static func write(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = partURL(for: url)
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw MarqueeError.item("cannot write \(url.path): " + describeSystemError(errno: errno, path: dir.path))
        }
        do {
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            defer { try? handle.close() }
            try body(handle)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw MarqueeError.item("cannot write \(url.path): \(describeSystemError(error))")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw MarqueeError.item("cannot move \(tmp.lastPathComponent) to \(url.path): \(reason)")
        }
    }

    /// A work name next to `url` for its content until it is whole: hidden, unique to this process
    /// and call (PID and a random suffix, so two runs never share one), ending in `.part`.
    public static func partURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))\(partSuffix)")
    }

    /// Removes `.part` files a killed run left behind in `dir` (not recursive), or with `pid` only
    /// those of that process (a run stopped by a signal removes its own); returns how many it found.
    @discardableResult
    public static func sweep(_ dir: URL, of pid: Int32? = nil) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        let mine = pid.map { ".\($0)-" }
        let parts = names.filter { name in name.hasSuffix(partSuffix) && (mine.map { name.contains($0) } ?? true) }
        for n in parts { try? FileManager.default.removeItem(at: dir.appendingPathComponent(n)) }
        return parts.count
    }
}
