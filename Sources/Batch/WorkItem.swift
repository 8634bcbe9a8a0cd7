import Support
import Foundation

/// One unit of a batch: one cover, one clip, one encode.
public struct WorkItem: Sendable {
    /// Stable name of the item across runs, e.g. `p1-tiktok-sea-v1`.
    public let key: String
    /// Hash of everything the result depends on: input file contents and parameters.
    public let inputHash: String
    /// Output paths relative to the output folder.
    public let outputs: [String]
    public let work: @Sendable (ItemContext) async throws -> ItemOutcome

    public init(key: String, inputHash: String, outputs: [String], work: @escaping @Sendable (ItemContext) async throws -> ItemOutcome) {
        self.key = key; self.inputHash = inputHash; self.outputs = outputs; self.work = work
    }
}

/// What an item's work gets: where to write, atomically.
public struct ItemContext: Sendable {
    public let key: String
    public let outDir: URL

    /// Writes one output atomically under the output folder.
    public func write(_ data: Data, to relativePath: String) throws {
        try AtomicFile.write(data, to: outDir.appendingPathComponent(relativePath))
    }
}

/// What an item produced besides its files.
public struct ItemOutcome: Sendable {
    /// Numbers worth keeping (bytes, quality, seconds, scores).
    public var metrics: [String: Double]
    /// A JSON record for the batch's report (e.g. a `covers.json` entry).
    public var record: Data?
    /// Problems that do not stop the item but make the batch exit 1 (failed checks).
    public var problems: [String]

    public init(metrics: [String: Double] = [:], record: Data? = nil, problems: [String] = []) {
        self.metrics = metrics; self.record = record; self.problems = problems
    }
}

/// How an item ended in a run.
public enum ItemStatus: String, Codable, Sendable {
    case done, skipped, failed, running
}

/// One item's result in a batch summary.
public struct ItemResult: Sendable, Codable {
    public let key: String
    public let status: ItemStatus
    public let seconds: Double
    public let error: String?
    public let problems: [String]
    public let record: Data?
    /// The item's output paths, relative to the output folder (written, or to be written when it failed).
    public let outputs: [String]
    /// Where `record` went when the batch spooled it (`BatchRunner.spool`); `record` is then nil.
    public var spooled: SpooledRecord? = nil

    /// This result with its record moved to `spool`; as it is when the spool cannot take it.
    func spooling(to spool: RecordSpool?) -> ItemResult {
        guard let spool, let record, let at = try? spool.append(record) else { return self }
        return ItemResult(key: key, status: status, seconds: seconds, error: error, problems: problems, record: nil, outputs: outputs,
                          spooled: at)
    }
}

/// The end of a batch.
public struct BatchSummary: Sendable, Codable {
    public let job: String
    public let runID: Int64
    public let outDir: String
    public let seconds: Double
    public let results: [ItemResult]

    public var done: Int { results.filter { $0.status == .done }.count }
    public var skipped: Int { results.filter { $0.status == .skipped }.count }
    public var failed: [ItemResult] { results.filter { $0.status == .failed } }
    public var withProblems: [ItemResult] { results.filter { !$0.problems.isEmpty } }
    /// 0 when everything passed, 1 when an item failed or failed its checks.
    public var exitCode: Int32 { failed.isEmpty && withProblems.isEmpty ? 0 : 1 }
}
