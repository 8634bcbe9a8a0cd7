import Support
import Foundation
import Synchronization

/// Where one item's record lies in a `RecordSpool`.
public struct SpooledRecord: Sendable, Codable, Hashable {
    public let offset: UInt64
    public let length: Int
}

/// The records of a batch's finished items (e.g. each cover's `covers.json` entry), kept on disk
/// instead of in memory so a batch's memory does not grow with its size: one JSON line per record,
/// appended to `records.jsonl` in a work folder of the run (`.marquee-work-PID-RANDOM`, removed by
/// `remove()`, at exit and on SIGINT or SIGTERM; swept by the next run if this one is killed).
/// Reports read the records back one at a time, in whatever order they list them.
public final class RecordSpool: Sendable {
    public static let fileName = "records.jsonl"
    public let folder: URL
    private let handle: Mutex<(file: FileHandle, end: UInt64)>

    /// Makes the work folder and the spool file in `outDir` (which must exist).
    public init(in outDir: URL) throws {
        folder = RunCleanup.workFolder(in: outDir)
        let url = folder.appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            handle = Mutex((try FileHandle(forUpdating: url), 0))
        } catch {
            try? FileManager.default.removeItem(at: folder)
            RunCleanup.untrack(folder)
            throw MarqueeError.item("cannot make the record spool \(url.path): \(describeSystemError(error))")
        }
    }

    /// Appends one record (compact JSON: one line) and says where it lies.
    public func append(_ record: Data) throws -> SpooledRecord {
        try handle.withLock { h in
            try h.file.seek(toOffset: h.end)
            try h.file.write(contentsOf: record + Data("\n".utf8))
            let at = SpooledRecord(offset: h.end, length: record.count)
            h.end += UInt64(record.count + 1)
            return at
        }
    }

    /// One record, as it was appended.
    public func read(_ at: SpooledRecord) throws -> Data {
        try handle.withLock { h in
            try h.file.seek(toOffset: at.offset)
            guard let data = try h.file.read(upToCount: at.length), data.count == at.length else {
                throw MarqueeError.item("the record spool \(folder.path) lost a record (at byte \(at.offset)); run the same command again")
            }
            return data
        }
    }

    /// Closes the spool and removes its work folder.
    public func remove() {
        handle.withLock { h in try? h.file.close() }
        try? FileManager.default.removeItem(at: folder)
        RunCleanup.untrack(folder)
    }
}
