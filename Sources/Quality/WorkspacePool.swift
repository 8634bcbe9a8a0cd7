import Foundation

/// Reusable scratch buffers for a kernel, one per worker at a time: a worker borrows one for a
/// frame and gives it back, so no frame allocates its buffers anew (the kernels' page faults
/// otherwise cost as much as their arithmetic).
public final class WorkspacePool<Workspace>: @unchecked Sendable {
    // Safe to share: `free` is only touched under `lock`, and a workspace is used by one thread at a
    // time (borrowed for one call, then returned), so workspaces need not be Sendable themselves.
    private let lock = NSLock()
    private var free: [Workspace] = []
    private let make: @Sendable () -> Workspace

    public init(_ make: @escaping @Sendable () -> Workspace) { self.make = make }

    /// Runs `body` with a workspace of its own for the call.
    public func with<T>(_ body: (inout Workspace) throws -> T) rethrows -> T {
        lock.lock()
        var w = free.popLast() ?? make()
        lock.unlock()
        defer { lock.lock(); free.append(w); lock.unlock() }
        return try body(&w)
    }
}
