import Support
import Foundation

/// Runs the items of a batch with bounded concurrency, skipping those the catalog shows done with the
/// same inputs (and whose outputs still match what was written), recording each attempt, and carrying
/// on past failures, except a full disk: then the batch stops and the items left are not attempted.
public struct BatchRunner: Sendable {
    public let job: String
    public let command: String
    public let outDir: URL
    public let catalog: RunCatalog
    public let concurrency: Int
    public let progress: ProgressReporter
    /// Compare the content hash of each output a re-run would skip, not only its size and time.
    public let verify: Bool
    /// Where finished items' records go, so the batch's memory stays flat with its size (nil: kept in
    /// each `ItemResult`).
    public let spool: RecordSpool?

    public init(job: String, command: String, outDir: URL, catalog: RunCatalog, concurrency: Int, progress: ProgressReporter,
                verify: Bool = false, spool: RecordSpool? = nil) {
        self.job = job; self.command = command; self.outDir = outDir; self.catalog = catalog
        self.concurrency = max(1, concurrency); self.progress = progress; self.verify = verify; self.spool = spool
    }

    /// Cores available to this process.
    public static var defaultConcurrency: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The error message of items a batch stopped before (a full disk) starts with this.
    public static let notAttempted = "not attempted"

    public func run(_ items: [WorkItem]) async throws -> BatchSummary {
        let started = Date()
        try OutputFolder.prepare(outDir)
        AtomicFile.sweep(outDir)
        let runID: Int64
        do { runID = try catalog.beginRun(job: job, command: command, total: items.count) } catch {
            throw MarqueeError.item("cannot record the run in \(catalog.path): \(CatalogErrorText.cause(catalog.path, error))")
        }
        progress.begin(total: items.count)
        var results: [Int: ItemResult] = [:]
        var stopped: String?
        await withTaskGroup(of: (Int, ItemResult).self) { group in
            var next = 0
            func startNext() {
                guard next < items.count, stopped == nil else { return }
                let index = next, item = items[index]
                next += 1
                group.addTask { (index, await self.runOne(item, runID: runID)) }
            }
            for _ in 0..<min(concurrency, items.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result.spooling(to: spool)
                progress.itemFinished(result.key, status: result.status, seconds: result.seconds, message: result.error)
                if stopped == nil, let e = result.error, Self.stops(e) { stopped = "\(result.key) failed: \(e)" }
                startNext()
            }
        }
        progress.end()
        let ordered = items.indices.map { results[$0] ?? Self.skippedByStop(items[$0], reason: stopped ?? "") }
        let summary = BatchSummary(job: job, runID: runID, outDir: outDir.path,
                                   seconds: Date().timeIntervalSince(started), results: ordered)
        do { try catalog.endRun(runID, done: summary.done, skipped: summary.skipped, failed: summary.failed.count) } catch {
            FileHandle.standardError.write(Data(("warning: the end of run \(runID) could not be recorded in \(catalog.path): "
                                                 + CatalogErrorText.cause(catalog.path, error) + "\n").utf8))
        }
        return summary
    }

    /// Whether an item's error stops the batch: a full disk, or a catalog that cannot record items
    /// (every item after would fail the same way).
    static func stops(_ error: String) -> Bool {
        mentionsDiskFull(error) || error.hasPrefix(CatalogErrorText.itemPrefix)
    }

    /// An item the batch did not start because it stopped (`reason`: the error that stopped it).
    private static func skippedByStop(_ item: WorkItem, reason: String) -> ItemResult {
        ItemResult(key: item.key, status: .failed, seconds: 0, error: "\(notAttempted): the batch stopped when \(reason)",
                   problems: [], record: nil, outputs: item.outputs)
    }

    private func runOne(_ item: WorkItem, runID: Int64) async -> ItemResult {
        let t0 = Date()
        do {
            if let prior = try catalog.trustedCompletion(key: item.key, inputHash: item.inputHash, in: outDir, verify: verify) {
                try catalog.recordSkip(run: runID, key: item.key, inputHash: item.inputHash, prior: prior)
                return ItemResult(key: item.key, status: .skipped, seconds: 0, error: nil, problems: prior.problems,
                                  record: prior.record, outputs: prior.outputs)
            }
        } catch {
            return failure(item, seconds: 0, CatalogErrorText.item(catalog.path, error))
        }
        var attempt: Int64?
        do {
            attempt = try catalog.startItem(run: runID, key: item.key, inputHash: item.inputHash, outputs: item.outputs)
            let outcome = try await item.work(ItemContext(key: item.key, outDir: outDir))
            let secs = Date().timeIntervalSince(t0)
            let stamps = item.outputs.compactMap { OutputStamp.measure($0, in: outDir) }
            if let attempt {
                try catalog.finishItem(attempt, status: .done, seconds: secs, outcome: outcome, error: nil, stamps: stamps)
            }
            return ItemResult(key: item.key, status: .done, seconds: secs, error: nil, problems: outcome.problems, record: outcome.record,
                              outputs: item.outputs)
        } catch {
            let secs = Date().timeIntervalSince(t0)
            let message = CatalogErrorText.item(catalog.path, error)
            if let attempt { try? catalog.finishItem(attempt, status: .failed, seconds: secs, outcome: nil, error: message) }
            return failure(item, seconds: secs, message)
        }
    }

    private func failure(_ item: WorkItem, seconds: Double, _ message: String) -> ItemResult {
        ItemResult(key: item.key, status: .failed, seconds: seconds, error: message, problems: [], record: nil, outputs: item.outputs)
    }
}
