import Support
import PluginKit
import Presets
import Batch
import Foundation

/// Hands clips finished by the replay pass (on its own thread) to the batch items waiting for them.
final class ClipMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [String: Result<ClipRecord, Error>] = [:]
    private var waiting: [String: CheckedContinuation<ClipRecord, Error>] = [:]
    private var started = false
    private let start: @Sendable () -> Void

    /// `start` launches the pass; it runs once, when the first item asks for its clip.
    init(start: @escaping @Sendable () -> Void) { self.start = start }

    func put(_ id: String, _ result: Result<ClipRecord, Error>) {
        lock.lock()
        if let c = waiting.removeValue(forKey: id) {
            lock.unlock()
            c.resume(with: result)
        } else {
            results[id] = result
            lock.unlock()
        }
    }

    func result(for id: String) async throws -> ClipRecord {
        try await withCheckedThrowingContinuation { c in
            lock.lock()
            let launch = !started
            started = true
            if let r = results.removeValue(forKey: id) {
                lock.unlock()
                c.resume(with: r)
            } else {
                waiting[id] = c
                lock.unlock()
            }
            if launch { start() }
        }
    }
}
