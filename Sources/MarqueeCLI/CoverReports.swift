import Foundation
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// The summary a batch prints: counts, failures, findings and where the results are.
struct BatchReport: Encodable {
    struct Failure: Encodable { let item: String; let reason: String }
    let job: String, run: Int64, out: String, seconds: Double
    let total: Int, done: Int, skipped: Int, failed: Int, with_problems: Int
    let failures: [Failure]
    let problems: [Failure]
    let files: [String]

    init(_ s: BatchSummary, files: [String]) {
        job = s.job; run = s.runID; out = s.outDir; seconds = (s.seconds * 100).rounded() / 100
        total = s.results.count; done = s.done; skipped = s.skipped; failed = s.failed.count; with_problems = s.withProblems.count
        failures = s.failed.map { Failure(item: $0.key, reason: $0.error ?? "") }
        problems = s.withProblems.flatMap { r in r.problems.map { Failure(item: r.key, reason: $0) } }
        self.files = files
    }

    /// Files in a subfolder shown as one entry: `thumbs/ (90 files)`.
    static func collapse(_ files: [String]) -> [String] {
        var top: [String] = [], folders: [String: Int] = [:]
        for f in files {
            if let slash = f.firstIndex(of: "/") { folders[String(f[...slash]), default: 0] += 1 } else { top.append(f) }
        }
        return top + folders.keys.sorted().map { "\($0) (\(folders[$0]!) files)" }
    }

    static func text(_ s: BatchSummary, noun: String, files: [String]) -> String {
        var lines = [String(format: "%d %@: %d made, %d already done, %d failed, %d with check errors (%.1f s, run %lld)",
                            s.results.count, noun, s.done, s.skipped, s.failed.count, s.withProblems.count, s.seconds, s.runID)]
        if !s.failed.isEmpty {
            lines.append("failed:")
            lines += s.failed.map { "  \($0.key): \($0.error ?? "")" }
        }
        if !s.withProblems.isEmpty {
            lines.append("check errors:")
            for r in s.withProblems.prefix(20) { lines += r.problems.map { "  \(r.key): \($0)" } }
            if s.withProblems.count > 20 { lines.append("  … and \(s.withProblems.count - 20) more covers (see covers.json)") }
        }
        lines.append("output: \(s.outDir)" + (files.isEmpty ? "" : " (\(collapse(files).joined(separator: ", ")))"))
        return lines.joined(separator: "\n")
    }
}
