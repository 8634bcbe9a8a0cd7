import Foundation
@testable import Support

/// Helpers of the suites that read table files (manifests, cue sheets): write one, and take the
/// message of the usage error reading it throws.
protocol TableFileTesting {}

extension TableFileTesting {
    func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The usage error's message; `nil` when `body` throws nothing.
    func usageMessage(_ body: () throws(MarqueeError) -> Void) -> String? {
        do { try body(); return nil } catch {
            guard case .usage(let m) = error else { return "not a usage error: \(error)" }
            return m
        }
    }
}
