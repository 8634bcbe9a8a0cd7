import Foundation
import Testing
import Synchronization
import Batch

/// Items that block run on the executor's own threads, all of them at once: items that each wait
/// (blocking, as a libvips call does) until all have started finish only when they run side by side,
/// more of them than cores (Swift's cooperative pool has one thread per core).
@Suite struct BlockingTaskExecutorTests {
    final class Meeting: Sendable {
        let arrived = Mutex(0)
        /// Arrives and blocks until `count` have arrived or `timeout` passes; returns how many had.
        func meet(_ count: Int, timeout: TimeInterval) -> Int {
            arrived.withLock { $0 += 1 }
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let n = arrived.withLock { $0 }
                if n >= count { return n }
                usleep(1000)
            }
            return arrived.withLock { $0 }
        }

        /// The system's name of the thread running the caller.
        static func threadName() -> String {
            ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func blockingItemsRunSideBySideOnTheExecutorsThreads() async {
        let width = ProcessInfo.processInfo.activeProcessorCount + 2
        let executor = BlockingTaskExecutor(threads: width, name: "test item")
        defer { executor.shutdown() }
        let meeting = Meeting()
        let seen = await withTaskGroup(of: (Int, String).self) { group in
            for _ in 0..<width {
                group.addTask(executorPreference: executor) { (meeting.meet(width, timeout: 10), Meeting.threadName()) }
            }
            var all: [(Int, String)] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(seen.count == width)
        #expect(seen.allSatisfy { $0.0 >= width }, "only \(seen.map(\.0).min() ?? 0) of \(width) items ran at once")
        #expect(seen.allSatisfy { $0.1.hasPrefix("test item") }, "threads: \(seen.map(\.1))")
    }
}
