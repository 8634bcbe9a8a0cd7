import Support
import PluginKit
import Presets
import Batch
import Foundation
import Media

/// Compressed packets of one clip kept on disk until the clip is muxed, so memory stays bounded
/// whatever the clip's length. Timestamps are in the clip stream's time base.
final class PacketSpool {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private(set) var count = 0

    init(url: URL) throws {
        self.url = url
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forUpdating: url)
    }

    deinit { try? handle.close(); try? FileManager.default.removeItem(at: url) }

    func append(_ p: Packet) throws {
        var header = [Int64](arrayLiteral: p.pts, p.dts, p.duration, p.isKeyframe ? 1 : 0, Int64(p.size))
        header.withUnsafeBytes { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: p.bytes)
        count += 1
        if buffer.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch { throw Self.writeFailure(url, error) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A work-file write that failed (full disk, file-size limit) as a message naming the file and the cause.
    static func writeFailure(_ url: URL, _ error: Error) -> MarqueeError {
        let ns = error as NSError
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0 : nil }
        let cause = posix.map { String(cString: strerror(Int32($0.code))) } ?? ns.localizedDescription
        return .item("cannot write the work file \(url.path): \(cause); is the disk full?")
    }

    /// Reads the packets back in the order written.
    func reader() throws -> Reader {
        try flush()
        try handle.seek(toOffset: 0)
        return Reader(handle: handle)
    }

    final class Reader {
        let handle: FileHandle
        init(handle: FileHandle) { self.handle = handle }

        func next() throws -> Packet? {
            guard let head = try handle.read(upToCount: 40), head.count == 40 else { return nil }
            let v = head.withUnsafeBytes { raw in (0..<5).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self) } }
            let body = try handle.read(upToCount: Int(v[4])) ?? Data()
            let p = try Packet()
            try p.setBytes([UInt8](body))
            p.pts = v[0]; p.dts = v[1]; p.duration = v[2]; p.isKeyframe = v[3] == 1
            return p
        }
    }
}
