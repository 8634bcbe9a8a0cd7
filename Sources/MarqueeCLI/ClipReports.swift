import Loudness
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

    /// A page to review every clip: its poster (first frame) in a player that plays where the browser
    /// can, its facts beside it (times, mode used, frames re-encoded and copied, loudness before and
    /// after, platform, warnings), and a contact strip of frames across it below.
    static func html(_ doc: Document, title: String) -> String {
        let esc = Markup.escape
        let cards = doc.clips.sorted { $0.cue.start < $1.cue.start }.map(card).joined(separator: "\n")
        let failed = doc.failures.map { "<li><b>\(esc($0.item))</b>: \(esc($0.message))</li>" }.joined()
        return """
        <!doctype html><html><head><meta charset="utf-8"><title>Marquee clips: \(esc(title))</title>
        <style>body{font-family:sans-serif;margin:1.5em;background:#111;color:#eee}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,600px),1fr));gap:1.5em;align-items:start}
        .clip{margin:0;padding:12px;background:#1c1c1c;border-radius:8px}.top{display:flex;gap:14px;align-items:flex-start}
        video{background:#000;border-radius:4px;flex:none}ul{margin:0;padding-left:1.1em;font-size:13px;line-height:1.5}
        h2{font-size:16px;margin:0 0 6px}.warn{color:#fc6}.strip{display:block;margin-top:10px;max-width:100%;border-radius:4px}
        .failed{color:#f88}</style></head><body><h1>Clips: \(esc(title))</h1><main>
        \(cards)</main>\(failed.isEmpty ? "" : "<h2 class=failed>Failed</h2><ul class=failed>\(failed)</ul>")</body></html>

        """
    }

    /// One clip's card: player with poster, facts, contact strip.
    static func card(_ c: ClipRecord) -> String {
        let esc = Markup.escape
        let video = c.streams.first { $0.type == "video" }
        let (w, h) = displaySize(width: video?.width ?? 16, height: video?.height ?? 9)
        let poster = c.poster.map { " poster=\"\(esc($0))\"" } ?? ""
        let strip = c.contactStrip.map { "<img class=strip src=\"\(esc($0))\" alt=\"frames across \(esc(c.id))\">" } ?? ""
        let items = facts(c).map { "<li>\(esc($0))</li>" } + c.warnings.map { "<li class=warn>warning: \(esc($0))</li>" }
        return """
        <figure class=clip id="\(esc(c.id))"><div class=top><video src="\(esc(c.file))"\(poster) width=\(w) height=\(h) controls preload=none playsinline></video>
        <figcaption><h2>\(esc(c.id)) \(esc(c.cue.title ?? ""))</h2><ul>\(items.joined())</ul></figcaption></div>\(strip)</figure>
        """
    }

    /// The clip's facts, one line each.
    static func facts(_ c: ClipRecord) -> [String] {
        var facts = [String(format: "%@ → %@ (%.2f s)", Timecode.format(c.actualStart), Timecode.format(c.actualEnd), c.duration),
                     "mode \(c.modeUsed)" + (c.modeUsed != c.modeRequested ? " (asked \(c.modeRequested))" : ""),
                     "\(c.frames) frames: \(c.framesEncoded) re-encoded, \(c.frames - c.framesEncoded) copied"]
        if let audio = audioFact(c) { facts.append(audio) }
        if let r = c.reframe { facts.append("reframe \(r)") }
        if !c.overlays.isEmpty { facts.append("overlays: \(c.overlays.joined(separator: ", "))") }
        if let p = c.platform { facts.append("platform \(p)") }
        if let r = c.fallbackReason { facts.append(r) }
        facts.append(String(format: "%.1f MB", Double(c.bytes) / 1_000_000))
        return facts
    }

    /// What was done to the clip's audio: copied (and why that was right), or normalised (loudness before → after).
    static func audioFact(_ c: ClipRecord) -> String? {
        let copied = c.streams.contains { $0.type == "audio" && $0.method == "copy" }
        if copied {
            guard let m = c.loudnessAfter ?? c.loudnessBefore else {
                return c.modeUsed == "copy" ? "audio copied (copy mode: loudness not measured)" : "audio copied (loudness normalisation off)"
            }
            return String(format: "audio copied, %.1f LUFS, within %.1f LU of target (true peak %.1f dBTP)",
                          m.integrated, LoudnessGainSearch.tolerance, m.truePeak)
        }
        guard let b = c.loudnessBefore, let a = c.loudnessAfter else { return nil }
        return String(format: "loudness %.1f → %.1f LUFS", b.integrated, a.integrated)
            + (c.gainDB.map { String(format: " (gain %+.1f dB)", $0) } ?? "")
            + String(format: ", true peak %.1f → %.1f dBTP", b.truePeak, a.truePeak)
    }

    /// The player's size on the page: the clip's shape within 360 x 400 CSS pixels.
    static func displaySize(width: Int, height: Int) -> (Int, Int) {
        let scale = min(360 / Double(max(width, 1)), 400 / Double(max(height, 1)))
        return (Int((Double(width) * scale).rounded()), Int((Double(height) * scale).rounded()))
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
