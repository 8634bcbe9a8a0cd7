import Foundation

/// libvmaf's JSON log: every frame's metrics (features and model scores by name) and the pooled
/// statistics (`min`, `max`, `mean`, `harmonic_mean`) by name.
public struct LibvmafLog: Sendable {
    public let frames: [[String: Double]]
    public let pooled: [String: [String: Double]]

    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let frames = root["frames"] as? [[String: Any]] else {
            throw OracleError("libvmaf log \(url.path) has no frames")
        }
        func numbers(_ any: Any?) -> [String: Double] {
            ((any as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        }
        self.frames = frames.map { numbers($0["metrics"]) }
        pooled = ((root["pooled_metrics"] as? [String: Any]) ?? [:]).mapValues(numbers)
    }

    /// One metric of every frame; throws when a frame lacks it.
    public func values(_ name: String) throws -> [Double] {
        try frames.enumerated().map { index, metrics in
            guard let v = metrics[name] else { throw OracleError("libvmaf log: frame \(index) has no \(name)") }
            return v
        }
    }
}
