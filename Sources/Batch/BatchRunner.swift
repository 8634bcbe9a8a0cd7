import Support
import Foundation

/// Runs the items of a batch with bounded concurrency, skipping those the catalog shows done with the
/// same inputs, recording each attempt, and carrying on past failures.
public struct BatchRunner: Sendable {
    public let job: String
    public let command: String
    public let outDir: URL
    public let catalog: RunCatalog
    public let concurrency: Int
    public let progress: ProgressReporter

    public init(job: String, command: String, outDir: URL, catalog: RunCatalog, concurrency: Int, progress: ProgressReporter) {
        self.job = job; self.command = command; self.outDir = outDir; self.catalog = catalog
        self.concurrency = max(1, concurrency); self.progress = progress
    }

    /// Cores available to this process.
    public static var defaultConcurrency: Int { ProcessInfo.processInfo.activeProcessorCount }

    public func run(_ items: [WorkItem]) async throws -> BatchSummary {
        let started = Date()
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        AtomicFile.sweep(outDir)
        let runID = try catalog.beginRun(job: job, command: command, total: items.count)
        progress.begin(total: items.count)
        var results: [Int: ItemResult] = [:]
        await withTaskGroup(of: (Int, ItemResult).self) { group in
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next, item = items[index]
                next += 1
                group.addTask { (index, await self.runOne(item, runID: runID)) }
            }
            for _ in 0..<min(concurrency, items.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                progress.itemFinished(result.key, status: result.status, seconds: result.seconds, message: result.error)
                startNext()
            }
        }
        progress.end()
        let ordered = (0..<items.count).compactMap { results[$0] }
        let summary = BatchSummary(job: job, runID: runID, outDir: outDir.path,
                                   seconds: Date().timeIntervalSince(started), results: ordered)
        try catalog.endRun(runID, done: summary.done, skipped: summary.skipped, failed: summary.failed.count)
        return summary
    }

    private func runOne(_ item: WorkItem, runID: Int64) async -> ItemResult {
        let t0 = Date()
        do {
            if let prior = try catalog.completed(key: item.key, inputHash: item.inputHash),
               prior.outputs.allSatisfy({ FileManager.default.fileExists(atPath: outDir.appendingPathComponent($0).path) }) {
                try catalog.recordSkip(run: runID, key: item.key, inputHash: item.inputHash, prior: prior)
                return ItemResult(key: item.key, status: .skipped, seconds: 0, error: nil, problems: prior.problems,
                                  record: prior.record, outputs: prior.outputs)
            }
        } catch {
            return ItemResult(key: item.key, status: .failed, seconds: 0, error: "run catalog: \(error)", problems: [], record: nil,
                              outputs: item.outputs)
        }
        var attempt: Int64?
        do {
            attempt = try catalog.startItem(run: runID, key: item.key, inputHash: item.inputHash, outputs: item.outputs)
            let outcome = try await item.work(ItemContext(key: item.key, outDir: outDir))
            let secs = Date().timeIntervalSince(t0)
            try catalog.finishItem(attempt!, status: .done, seconds: secs, outcome: outcome, error: nil)
            return ItemResult(key: item.key, status: .done, seconds: secs, error: nil, problems: outcome.problems, record: outcome.record,
                              outputs: item.outputs)
        } catch {
            let secs = Date().timeIntervalSince(t0)
            let message = "\(error)"
            if let attempt { try? catalog.finishItem(attempt, status: .failed, seconds: secs, outcome: nil, error: message) }
            return ItemResult(key: item.key, status: .failed, seconds: secs, error: message, problems: [], record: nil, outputs: item.outputs)
        }
    }
}
