import Support
import Foundation

/// What the run catalog records of each output an item made: its size, modification time and content
/// hash. A re-run trusts an output only while it still matches: size and modification time always
/// (cheap), the content hash too with `--verify`.
public struct OutputStamp: Codable, Sendable, Equatable {
    /// Relative to the output folder.
    public let path: String
    public let bytes: Int64
    /// Modification time, nanoseconds since 1970.
    public let mtimeNs: Int64
    /// FNV-1a 64 of the content (`ContentHash`).
    public let hash: String

    enum CodingKeys: String, CodingKey { case path, bytes, mtimeNs = "mtime_ns", hash }

    /// Stamps the file at `path` under `dir` as it is now; nil when it is missing or unreadable.
    public static func measure(_ path: String, in dir: URL) -> OutputStamp? {
        let url = dir.appendingPathComponent(path)
        guard let (bytes, mtime) = fileStat(url), let hash = contentHash(url) else { return nil }
        return OutputStamp(path: path, bytes: bytes, mtimeNs: mtime, hash: hash)
    }

    /// Why the file under `dir` no longer matches this stamp (missing, resized, touched, or, when
    /// `hash` is set, changed content), or nil when it still does.
    public func mismatch(in dir: URL, hash checkHash: Bool) -> String? {
        let url = dir.appendingPathComponent(path)
        guard let (bytes, mtime) = Self.fileStat(url) else { return "\(path) is missing" }
        if bytes != self.bytes { return "\(path) is \(bytes) bytes, \(self.bytes) were written" }
        if mtime != mtimeNs { return "\(path) was modified after it was made" }
        if checkHash, Self.contentHash(url) != hash { return "\(path) has other content than was written" }
        return nil
    }

    /// Size and modification time (ns) of a regular file.
    private static func fileStat(_ url: URL) -> (Int64, Int64)? {
        var st = stat()
        guard stat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// The file's content hash, read in 1 MB chunks (memory stays flat for long clips).
    static func contentHash(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var h = ContentHash()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { h.add(chunk) }
        } catch { return nil }
        return h.hex
    }
}

extension CompletedItem {
    /// Why this item's outputs can no longer be trusted, or nil when every one is as it was written
    /// (`hash`: compare content too). Items recorded before stamps were kept need their files present
    /// and not empty.
    public func mismatch(in dir: URL, hash: Bool) -> String? {
        let stamped = Dictionary((stamps ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for output in outputs {
            if let stamp = stamped[output] {
                if let why = stamp.mismatch(in: dir, hash: hash) { return why }
            } else {
                let size = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(output).path)[.size] as? Int) ?? nil
                if (size ?? 0) <= 0 { return "\(output) is missing or empty" }
            }
        }
        return nil
    }
}

extension RunCatalog {
    /// The latest completed attempt at `key` from these inputs whose outputs in `dir` still match
    /// what was written (`verify`: their content hashes too); nil when the item must be made again.
    public func trustedCompletion(key: String, inputHash: String, in dir: URL, verify: Bool) throws -> CompletedItem? {
        guard let prior = try completed(key: key, inputHash: inputHash) else { return nil }
        return prior.mismatch(in: dir, hash: verify) == nil ? prior : nil
    }
}
