import Support
import PluginKit
import Presets
import Batch
import Foundation

/// Decoded audio of one clip (planar float) kept on disk until its loudness is known and it can be
/// normalised and encoded: the two-pass loudness normalisation without holding the clip in memory.
final class SampleSpool {
    let url: URL
    let channels: Int
    private let handle: FileHandle
    private var buffer = Data()
    private(set) var frames = 0

    init(url: URL, channels: Int) throws {
        self.url = url
        self.channels = channels
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forUpdating: url)
    }

    deinit { try? handle.close(); try? FileManager.default.removeItem(at: url) }

    /// Appends `count` samples of each channel starting at `offset`.
    func append(_ planar: [[Float]], offset: Int = 0, count: Int? = nil) throws {
        let n = count ?? (planar.first?.count ?? 0) - offset
        guard n > 0 else { return }
        let interleaved = [Float](unsafeUninitializedCapacity: n * channels) { out, initialized in
            for c in 0..<channels {
                planar[min(c, planar.count - 1)].withUnsafeBufferPointer { src in
                    precondition(offset + n <= src.count, "SampleSpool: \(n) samples from \(offset) of \(src.count)")
                    var i = 0, o = c
                    while i < n { out[o] = src[offset + i]; i &+= 1; o &+= channels }
                }
            }
            initialized = n * channels
        }
        interleaved.withUnsafeBytes { buffer.append(contentsOf: $0) }
        frames += n
        if buffer.count > 1 << 20 { try write(); buffer.removeAll(keepingCapacity: true) }
    }

    private func write() throws {
        do { try handle.write(contentsOf: buffer) } catch { throw PacketSpool.writeFailure(url, error) }
    }

    /// Reads the samples back from the start, `chunk` samples per channel at a time.
    func reader() throws -> Reader {
        try write()
        buffer.removeAll()
        try handle.seek(toOffset: 0)
        return Reader(handle: handle, channels: channels)
    }

    final class Reader {
        let handle: FileHandle
        let channels: Int
        init(handle: FileHandle, channels: Int) { self.handle = handle; self.channels = channels }

        /// The next chunk (one array per channel), nil at the end.
        func next(_ chunk: Int) throws -> [[Float]]? {
            let bytesPerFrame = channels * 4
            guard let data = try handle.read(upToCount: chunk * bytesPerFrame), data.count >= bytesPerFrame else { return nil }
            let n = data.count / bytesPerFrame
            let channels = self.channels
            return data.withUnsafeBytes { raw in
                (0..<channels).map { c in
                    [Float](unsafeUninitializedCapacity: n) { out, initialized in
                        var i = 0, o = c
                        while i < n { out[i] = raw.loadUnaligned(fromByteOffset: o * 4, as: Float.self); i &+= 1; o &+= channels }
                        initialized = n
                    }
                }
            }
        }
    }
}
