import Foundation

/// Writes files so that a reader never sees half of one: data goes to a temporary file in the same
/// folder, is flushed, then renamed over the final name. A killed run leaves at most a `.part` file.
public enum AtomicFile {
    public static let partSuffix = ".part"

    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))\(partSuffix)")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
            throw MarqueeError.item("cannot create \(tmp.path): check that the folder is writable and the disk not full")
        }
        do {
            let handle = try FileHandle(forWritingTo: tmp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw MarqueeError.item("cannot write \(url.path): \(error.localizedDescription)")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw MarqueeError.item("cannot move \(tmp.lastPathComponent) to \(url.path): \(reason)")
        }
    }

    /// Removes `.part` files a killed run left behind in `dir` (not recursive).
    public static func sweep(_ dir: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for n in names where n.hasSuffix(partSuffix) { try? FileManager.default.removeItem(at: dir.appendingPathComponent(n)) }
    }
}
