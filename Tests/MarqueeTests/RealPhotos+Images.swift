import Foundation
import Imaging

extension RealPhotos {
    /// scikit-image's photographs decoded as 8-bit RGB and scaled by `scale` (to the sizes a test needs:
    /// photo-library sizes for reductions), held in memory, by name.
    static func images(scaledBy scale: Double) throws -> [String: Image] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("real-photos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var out: [String: Image] = [:]
        for (name, url) in try copy(to: dir) {
            out[name] = try Image.loadStrict(url.path).bands(0, count: 3).resize(scale).materialized()
        }
        return out
    }
}
