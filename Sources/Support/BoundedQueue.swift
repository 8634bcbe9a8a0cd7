import Foundation

/// A first-in first-out queue of bounded size between threads: `put` waits while it is full, `take`
/// waits while it is empty, and `close` ends it (takers then get nil once it is drained; putters
/// get false). For producer/consumer pipelines on dedicated threads, never on Swift concurrency's
/// cooperative threads.
public final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    // Safe to share: every access to `items` and `closed` holds `condition`.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an element, waiting for room; false when the queue was closed.
    @discardableResult
    public func put(_ element: Element) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while !closed && items.count - head >= capacity { condition.wait() }
        if closed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one; nil when the queue is closed and drained.
    public func take() -> Element? {
        condition.lock(); defer { condition.unlock() }
        while !closed && items.count == head { condition.wait() }
        guard items.count > head else { return nil }
        let e = items[head]
        head += 1
        if head > 64 && head * 2 > items.count { items.removeFirst(head); head = 0 }
        condition.broadcast()
        return e
    }

    /// Ends the queue: waiting putters and takers wake up; elements already in it can still be taken.
    public func close() {
        condition.lock(); defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }
}

/// Runs `body` on a new thread of its own (for blocking work: decoding, pixel loops, processes) and
/// waits for it without holding a Swift concurrency thread.
public func onOwnThread<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            do { cont.resume(returning: try body()) } catch { cont.resume(throwing: error) }
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }
}
