import Support
import PluginKit
import Presets
import Batch
import Foundation
import Synchronization

/// Hands clips finished by the replay pass (on its own thread) to the batch items waiting for them.
/// Its state sits behind a mutex.
final class ClipMailbox: Sendable {
    private struct State {
        var results: [String: Result<ClipRecord, Error>] = [:]
        var waiting: [String: CheckedContinuation<ClipRecord, Error>] = [:]
        var started = false
    }
    private let state = Mutex(State())
    private let start: @Sendable (ClipMailbox) -> Void

    /// `start` launches the pass (given this mailbox to put its clips in); it runs once, when the
    /// first item asks for its clip.
    init(start: @escaping @Sendable (ClipMailbox) -> Void) { self.start = start }

    func put(_ id: String, _ result: Result<ClipRecord, Error>) {
        let waiter = state.withLock { s in
            if let c = s.waiting.removeValue(forKey: id) { return Optional(c) }
            s.results[id] = result
            return nil
        }
        waiter?.resume(with: result)
    }

    func result(for id: String) async throws -> ClipRecord {
        try await withCheckedThrowingContinuation { c in
            let (ready, launch) = state.withLock { s in
                let launch = !s.started
                s.started = true
                if let r = s.results.removeValue(forKey: id) { return (Optional(r), launch) }
                s.waiting[id] = c
                return (nil, launch)
            }
            if let ready { c.resume(with: ready) }
            if launch { start(self) }
        }
    }
}
