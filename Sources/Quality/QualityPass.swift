import Batch
import Foundation
import Media
import QualityKernels
import Support

/// Runs one `QualityJob`: both inputs decode on threads of their own, pairs are scored by every
/// metric on `job.threads` worker threads (any frame on any thread), and the measures are gathered
/// in frame order. Memory holds only the pictures in flight, never the video.
public enum QualityPass {
    public static func run(_ job: QualityJob, progress: RateProgress? = nil) async throws -> QualityResult {
        try await onOwnThread(name: "marquee-quality") { try runBlocking(job, progress: progress) }
    }

    public static func runBlocking(_ job: QualityJob, progress: RateProgress? = nil) throws -> QualityResult {
        let started = Date()
        var setup = try PassSetup(job)
        let sessions = try job.metrics.map { m in
            try m.plugin.session(parameters: m.parameters, format: setup.format)
        }
        let accumulators = sessions.map { $0.makeAccumulator() }
        let worst = WorstFrames(shown: job.worstFrames)
        let jobs = BoundedQueue<PairWork>(capacity: job.threads * 2)
        let store = ResultStore()
        let workers = startWorkers(job.threads, jobs: jobs, store: store, sessions: sessions)
        defer { jobs.close(); setup.stop(); workers.forEach { $0.wait() } }

        var frames: [Int] = [], times: [Double] = []
        var submitted = 0
        func gather(wait: Bool) throws {
            while frames.count < submitted, let (work, measures) = try store.take(frames.count, wait: wait) {
                var headline: Double?
                for (i, (acc, m)) in zip(accumulators, measures).enumerated() {
                    let h = acc.add(m, index: work.compared)
                    if i == job.headlineMetric { headline = h }
                }
                if let headline {
                    worst.offer(compared: work.compared, frame: work.frame, time: work.time, score: headline,
                                reference: work.reference, distorted: work.distorted)
                }
                frames.append(work.frame); times.append(work.time)
            }
        }
        progress?.begin(total: setup.expectedFrames(job))
        while let pair = try setup.nextPair(job) {
            jobs.put(PairWork(compared: submitted, frame: pair.frame, time: pair.time, reference: pair.reference,
                              distorted: pair.distorted))
            submitted += 1
            try gather(wait: submitted - frames.count > job.threads * 3)
            progress?.update(done: frames.count)
        }
        jobs.close()
        try gather(wait: true)
        progress?.end()
        guard !frames.isEmpty else {
            throw MarqueeError.input("no frames to compare: \(setup.emptyReason(job))")
        }
        let all = accumulators.map { $0.finish() }
        let series = all[job.headlineMetric] + all.enumerated().filter { $0.offset != job.headlineMetric }.flatMap(\.element)
        return setup.result(job: job, series: series, frames: frames, times: times, worst: worst,
                            seconds: Date().timeIntervalSince(started))
    }

    private static func startWorkers(_ n: Int, jobs: BoundedQueue<PairWork>, store: ResultStore,
                                     sessions: [any MetricSession]) -> [WorkerThread] {
        (0..<n).map { _ in
            WorkerThread {
                while let work = jobs.take() {
                    do {
                        let measures = try sessions.map { try $0.measure(reference: work.reference, distorted: work.distorted) }
                        store.put(work, measures)
                    } catch {
                        store.fail(error)
                        jobs.close()
                        return
                    }
                }
            }
        }
    }
}

/// A thread running one body, which can be waited for.
final class WorkerThread: Sendable {
    private let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping @Sendable () -> Void) {
        let done = self.done
        let t = Thread { body(); done.signal() }
        t.name = "marquee-metrics"
        t.stackSize = 8 << 20
        t.start()
    }
    func wait() { done.wait() }
}
