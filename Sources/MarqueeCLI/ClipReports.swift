import Foundation
import Imaging
import Support
import PluginKit
import Presets
import Batch
import Covers
import Clips

/// `clips.json` and the text summary of a `clips cut` batch.
enum ClipReports {
    static let kind = "clips"
    static let files = ["clips.json", "index.html"]

    /// clips.json's payload (docs/schemas/clips.schema.json), after the envelope.
    struct Document: Codable, Sendable {
        let clips: [ClipRecord]
        let failures: [OutputFailure]
    }

    static func records(_ summary: BatchSummary) -> [ClipRecord] {
        summary.results.compactMap { r in r.record.flatMap { try? JSONDecoder().decode(ClipRecord.self, from: $0) } }
    }

    /// Writes clips.json and index.html; returns their names.
    static func write(_ summary: BatchSummary, outDir: URL, inputs: OutputInputs) throws -> [String] {
        let doc = Document(clips: records(summary), failures: summary.outputFailures)
        try AtomicFile.write(try MachineOutput(kind: kind, inputs: inputs, payload: doc).encoded(),
                             to: outDir.appendingPathComponent(files[0]))
        try AtomicFile.write(Data(html(doc, title: outDir.lastPathComponent).utf8), to: outDir.appendingPathComponent(files[1]))
        return files
    }

    /// A page to watch every clip beside its cue, times, mode and loudness.
    static func html(_ doc: Document, title: String) -> String {
        let esc = Markup.escape
        var cards = ""
        for c in doc.clips.sorted(by: { $0.cue.start < $1.cue.start }) {
            var facts = [String(format: "%@ → %@ (%.2f s)", Timecode.format(c.actualStart), Timecode.format(c.actualEnd), c.duration),
                         "mode \(c.modeUsed)" + (c.modeUsed != c.modeRequested ? " (asked \(c.modeRequested))" : ""),
                         "\(c.frames) frames, \(c.framesEncoded) encoded"]
            if let b = c.loudnessBefore, let a = c.loudnessAfter {
                facts.append(String(format: "loudness %.1f → %.1f LUFS, peak %.1f dBTP", b.integrated, a.integrated, a.truePeak))
            }
            if let r = c.fallbackReason { facts.append(r) }
            cards += """
            <figure><video src="\(esc(c.file))" controls preload="metadata"></video>
            <figcaption><b>\(esc(c.id))</b> \(esc(c.cue.title ?? ""))<br>\(facts.map(esc).joined(separator: "<br>"))</figcaption></figure>

            """
        }
        let failed = doc.failures.map { "<li><b>\(esc($0.item))</b>: \(esc($0.message))</li>" }.joined()
        return """
        <!doctype html><html><head><meta charset="utf-8"><title>Marquee clips: \(esc(title))</title>
        <style>body{font-family:sans-serif;margin:1.5em;background:#111;color:#eee}main{display:flex;flex-wrap:wrap;gap:1.2em}
        figure{margin:0;width:300px}video{width:300px;max-height:420px;background:#000}figcaption{font-size:13px;line-height:1.4}
        .failed{color:#f88}</style></head><body><h1>Clips: \(esc(title))</h1><main>
        \(cards)</main>\(failed.isEmpty ? "" : "<h2 class=failed>Failed</h2><ul class=failed>\(failed)</ul>")</body></html>

        """
    }

    static func text(_ s: BatchSummary, files: [String]) -> String {
        var lines = [String(format: "%d clips: %d made, %d already done, %d failed (%.1f s, run %lld)",
                            s.results.count, s.done, s.skipped, s.failed.count, s.seconds, s.runID)]
        for c in records(s) {
            var line = String(format: "  %@  %@ → %@  %.2f s  %@", c.file, Timecode.format(c.actualStart), Timecode.format(c.actualEnd),
                              c.duration, c.modeUsed)
            if c.modeUsed != c.modeRequested { line += " (asked \(c.modeRequested))" }
            if let b = c.loudnessBefore, let a = c.loudnessAfter {
                line += String(format: "  %.1f → %.1f LUFS", b.integrated, a.integrated)
            }
            lines.append(line)
            if let why = c.fallbackReason { lines.append("      \(why)") }
            for w in c.warnings.prefix(3) { lines.append("      warning: \(w)") }
        }
        lines += BatchReport.failureLines(s)
        lines.append("output: \(s.outDir) (clips.json, index.html)")
        return lines.joined(separator: "\n")
    }
}
