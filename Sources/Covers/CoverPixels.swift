import Foundation
import Synchronization
import Imaging
import Presets

/// Decoded covers shared by the checks of one cover: each check asks for the picture, and the file is
/// decoded once (strictly: a truncated file is an error) and its feed-size copy made once. Keeps the
/// few most recent covers; a cover is keyed by path, size and modification time.
public final class CoverPixels: Sendable {
    public static let shared = CoverPixels(capacity: 8)

    struct Entry: Sendable { let key: String; let full: Image; var feed: [String: Image] }
    private let entries = Mutex<[Entry]>([])
    private let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// The cover as 8-bit sRGB, decoded in full.
    public func full(_ path: String) throws -> Image {
        let key = try Self.key(path)
        if let hit = entries.withLock({ $0.first { $0.key == key }?.full }) { return hit }
        let image = try Image.loadStrict(path)
        entries.withLock { list in
            list.removeAll { $0.key == key }
            list.append(Entry(key: key, full: image, feed: [:]))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
        return image
    }

    /// The cover scaled to `size` (the platform's feed size: what a phone shows in the grid).
    public func feed(_ path: String, size: Size) throws -> Image {
        let key = try Self.key(path), sizeKey = "\(size.width)x\(size.height)"
        if let hit = entries.withLock({ $0.first { $0.key == key }?.feed[sizeKey] }) { return hit }
        let full = try full(path)
        let scaled = try full.resize(Double(size.width) / Double(full.width)).materialized()
        entries.withLock { list in
            if let i = list.firstIndex(where: { $0.key == key }) { list[i].feed[sizeKey] = scaled }
        }
        return scaled
    }

    static func key(_ path: String) throws -> String {
        let a = try FileManager.default.attributesOfItem(atPath: path)
        let size = (a[.size] as? NSNumber)?.intValue ?? 0
        let time = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(time)"
    }
}
