import Foundation

/// A task executor with threads of its own, for batch items whose work blocks: libvips, FFmpeg and
/// Tesseract calls wait for their own worker threads. On Swift's cooperative pool (one thread per
/// core) an item waiting that way holds a pool thread idle, so `--jobs` above the core count could not
/// fill the gaps: a cover check kept 1.5 of 2 cores busy whatever `--jobs` said. Items started with
/// this executor as their preference run on its threads, one item per thread at a time; awaits inside
/// them resume here too. `shutdown` lets the threads end once the queue is empty.
public final class BlockingTaskExecutor: TaskExecutor, @unchecked Sendable {
    // Safe to share: `queue` and `stopped` are read and written only while holding `condition`.
    private let condition = NSCondition()
    private var queue: [UnownedJob] = []
    private var stopped = false

    public init(threads: Int, name: String) {
        for i in 0..<max(1, threads) {
            let label = "\(name) \(i + 1)"
            let thread = Thread { [self] in
                // The system's name for the thread (what `perf`, `top -H` and /proc show): otherwise it
                // inherits the name of the thread that made it, often one of the cooperative pool's.
                try? String(label.prefix(15)).write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
                work()
            }
            thread.name = label
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the threads once every queued job has run (call when the items are done).
    public func shutdown() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopped { condition.wait() }
            guard !queue.isEmpty else { condition.unlock(); return }
            let job = queue.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
