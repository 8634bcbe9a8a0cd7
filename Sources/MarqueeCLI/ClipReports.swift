import Foundation
import MarqueeCore

/// `clips.json` and the text summary of a `clips cut` batch.
enum ClipReports {
    struct Document: Encodable {
        let version: String
        let clips: [ClipRecord]
        let failed: [BatchReport.Failure]
    }

    static func records(_ summary: BatchSummary) -> [ClipRecord] {
        summary.results.compactMap { r in r.record.flatMap { try? JSONDecoder().decode(ClipRecord.self, from: $0) } }
    }

    static func write(_ summary: BatchSummary, outDir: URL) throws -> [String] {
        let doc = Document(version: ClipBatch.version, clips: records(summary),
                           failed: summary.failed.map { .init(item: $0.key, reason: $0.error ?? "") })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try enc.encode(doc), to: outDir.appendingPathComponent("clips.json"))
        return ["clips.json"] + doc.clips.map(\.output)
    }

    static func text(_ s: BatchSummary, files: [String]) -> String {
        var lines = [String(format: "%d clips: %d made, %d already done, %d failed (%.1f s, run %lld)",
                            s.results.count, s.done, s.skipped, s.failed.count, s.seconds, s.runID)]
        for c in records(s) {
            var line = String(format: "  %@  %@ → %@  %.2f s  %@", c.output, Timecode.format(c.actualStart), Timecode.format(c.actualEnd),
                              c.duration, c.modeUsed)
            if c.modeUsed != c.modeRequested { line += " (asked \(c.modeRequested))" }
            if let b = c.loudnessBefore, let a = c.loudnessAfter {
                line += String(format: "  %.1f → %.1f LUFS", b.integrated, a.integrated)
            }
            lines.append(line)
            if let why = c.fallbackReason { lines.append("      \(why)") }
            for w in c.warnings.prefix(3) { lines.append("      warning: \(w)") }
        }
        if !s.failed.isEmpty {
            lines.append("failed:")
            lines += s.failed.map { "  \($0.key): \($0.error ?? "")" }
        }
        lines.append("output: \(s.outDir) (clips.json)")
        return lines.joined(separator: "\n")
    }
}
