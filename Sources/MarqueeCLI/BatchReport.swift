import Foundation
import Support
import Batch

/// What a batch (`covers compose`, `clips cut`) prints at its end: with `--json`, the payload of a
/// `covers-summary` or `clips-summary` document (docs/schemas/); else the counts line of `text`.
struct BatchReport: Encodable, Sendable {
    /// One item of the batch: its key, what happened and the files it made (none when it failed).
    struct Item: Encodable, Sendable {
        let item: String, status: String
        let files: [String]
        let wall_s: Double
    }
    let job: String, run_id: String, out_dir: String, wall_s: Double
    let total: Int, made: Int, skipped: Int, failed: Int, with_problems: Int
    let items: [Item]
    let failures: [OutputFailure]
    /// Check errors of items that were made (`with_problems` counts the items).
    let problems: [OutputFailure]
    /// The report files the batch wrote (covers.json, index.html, thumbnails…).
    let reports: [String]

    init(_ s: BatchSummary, reports: [String]) {
        job = s.job; run_id = String(s.runID); out_dir = s.outDir; wall_s = Rounded.seconds(s.seconds)
        total = s.results.count; made = s.done; skipped = s.skipped; failed = s.failed.count; with_problems = s.withProblems.count
        items = s.results.map {
            Item(item: $0.key, status: $0.status.word, files: $0.status == .failed ? [] : $0.outputs, wall_s: Rounded.seconds($0.seconds))
        }
        failures = s.outputFailures
        problems = s.withProblems.flatMap { r in r.problems.map { OutputFailure(item: r.key, file: r.outputs.first ?? r.key, message: $0) } }
        self.reports = reports
    }

    /// The failed items in the shape every output uses.
    /// Files in a subfolder shown as one entry: `thumbs/ (90 files)`.
    static func collapse(_ files: [String]) -> [String] {
        var top: [String] = [], folders: [String: Int] = [:]
        for f in files {
            if let slash = f.firstIndex(of: "/") { folders[String(f[...slash]), default: 0] += 1 } else { top.append(f) }
        }
        return top + folders.keys.sorted().map { "\($0) (\(folders[$0] ?? 0) files)" }
    }

    static func text(_ s: BatchSummary, noun: String, files: [String]) -> String {
        var lines = [String(format: "%d %@: %d made, %d already done, %d failed, %d with check errors (%.1f s, run %lld)",
                            s.results.count, noun, s.done, s.skipped, s.failed.count, s.withProblems.count, s.seconds, s.runID)]
        lines += failureLines(s)
        if !s.withProblems.isEmpty {
            lines.append("check errors:")
            for r in s.withProblems.prefix(20) { lines += r.problems.map { "  \(r.key): \($0)" } }
            if s.withProblems.count > 20 { lines.append("  … and \(s.withProblems.count - 20) more covers (see covers.json)") }
        }
        lines.append("output: \(s.outDir)" + (files.isEmpty ? "" : " (\(collapse(files).joined(separator: ", ")))"))
        return lines.joined(separator: "\n")
    }
}

extension BatchReport {
    /// The failed items, one line each, then the items a stopped batch did not attempt as one line.
    static func failureLines(_ s: BatchSummary) -> [String] {
        let prefix = BatchRunner.notAttempted
        let failed = s.failed.filter { !($0.error ?? "").hasPrefix(prefix) }
        let skipped = s.failed.filter { ($0.error ?? "").hasPrefix(prefix) }
        var lines = failed.isEmpty ? [] : ["failed:"] + failed.map { "  \($0.key): \($0.error ?? "")" }
        if let first = skipped.first {
            let keys = skipped.prefix(10).map(\.key).joined(separator: ", ") + (skipped.count > 10 ? ", …" : "")
            lines.append("\(skipped.count) \(prefix) (\(keys)): \((first.error ?? "").dropFirst(prefix.count + 2))")
        }
        return lines
    }
}

extension ItemStatus {
    /// The word machine outputs and tables use, as the text summary does: a `done` item was `made`;
    /// `running` with no end recorded is `unfinished` (still running, or the run was stopped).
    var word: String {
        switch self {
        case .done: "made"
        case .skipped: "skipped"
        case .failed: "failed"
        case .running: "unfinished"
        }
    }
}
