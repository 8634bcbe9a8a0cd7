import Imaging
import BenchMath
import Foundation
import Quality

/// index.html of a bench run: the answer first (hulls of every profile, the BD-rate and the best
/// profile per region in sentences), then each profile's curves, the BD-rate table, the regions'
/// ladders and playback, encode speed, the frames at the lowest bitrate, and every number.
enum BenchHTML {
    static func page(_ run: BenchRun, frames: [(label: String, file: String, width: Int, height: Int)]) -> String {
        let m = run.measurements, name = (m.source.path as NSString).lastPathComponent
        var html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bitrate bench: \(Markup.escape(name))</title>
        <style>\(style)</style></head><body>
        <h1>Bitrate bench: \(Markup.escape(name))</h1>
        <p class="facts">\(m.source.width)x\(m.source.height) at \(fmt(m.source.frameRate)) fps; \(Markup.escape(m.samplingNote)).
        \(m.points.count) points measured, \(m.missing.count) missing; quality is \(Markup.escape(BenchCharts.qualityLabel(run.job.qualitySeries)));
        \(String(format: "%.1f", m.seconds)) s.</p>
        """
        html += verdict(run)
        html += "<section class=\"chart\">" + BenchCharts.hulls(run) + "</section>"
        if !m.missing.isEmpty || !m.warnings.isEmpty || !run.analysis.skippedRegions.isEmpty { html += problems(run) }
        html += "<h2>Rate–quality per profile and resolution</h2>"
        for p in run.job.profiles where run.analysis.curves.contains(where: { $0.profile == p.name }) {
            html += "<section class=\"chart\">" + BenchCharts.profile(run, p.name) + "</section>"
        }
        html += bdTable(run)
        html += BenchRegionHTML.section(run)
        html += "<h2>Encode speed</h2><section class=\"chart\">" + BenchCharts.speed(run) + "</section>"
        html += framesSection(run, frames)
        html += pointsTable(run)
        return html + "</body></html>\n"
    }

    /// The answer in sentences: BD-rate over the hulls and the best profile per region.
    static func verdict(_ run: BenchRun) -> String {
        let a = run.analysis
        var items: [String] = []
        for e in a.bdRates where e.scope == "hull" {
            guard let r = e.result else {
                items.append("\(Markup.escape(e.profile)) against \(Markup.escape(e.baseline)): no BD-rate (\(Markup.escape(e.problem ?? "")))")
                continue
            }
            let word = r.value < 0 ? "less" : "more"
            items.append("<b>\(Markup.escape(e.profile))</b> needs <b>\(String(format: "%.1f", abs(r.value)))% \(word)</b> bitrate than \(Markup.escape(e.baseline)) for the same quality (BD-rate over the hulls, \(a.interpolation.rawValue), overlap \(qualityRange(r.overlap)))")
        }
        for r in a.regions {
            guard let best = r.best, let l = r.ladders.first(where: { $0.profile == best }), let c = l.choice else { continue }
            var s = "<b>\(Markup.escape(r.region.displayName))</b>: best \(Markup.escape(best)), expected quality \(fmt(c.expectedQuality)) with \(c.rungs.count) rungs"
            if let p = l.playback { s += String(format: ", stalls %.2f%% of the time", p.stallRatio * 100) }
            if let saved = r.savings?.weightedMeanSavedPercent {
                s += String(format: "; saves %.1f%% of %@'s bitrate at the ladder's qualities", saved, Markup.escape(r.baseline))
            } else if !r.savingsNote.isEmpty { s += " (\(Markup.escape(r.savingsNote)))" }
            items.append(s)
        }
        guard !items.isEmpty else { return "" }
        return "<ul class=\"verdict\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    static func problems(_ run: BenchRun) -> String {
        let m = run.measurements
        var items = m.missing.map { x in
            "<li><b>\(Markup.escape(x.profile))</b>\(x.heightPx.map { " \($0)p" } ?? "")\(x.targetKbps.map { " \($0) kbps" } ?? ""): \(Markup.escape(x.reason))</li>"
        }
        items += run.analysis.skippedRegions.map { "<li>region <b>\(Markup.escape($0.name))</b>: \(Markup.escape($0.reason))</li>" }
        items += m.warnings.map { "<li>\(Markup.escape($0))</li>" }
        return "<h2>Not measured</h2><ul class=\"warnings\">" + items.joined() + "</ul>"
    }

    static func bdTable(_ run: BenchRun) -> String {
        if run.analysis.bdRates.isEmpty {
            return "<h2>BD-rate</h2><p class=\"facts\">One profile only: name two or more with --encoders to compare them.</p>"
        }
        let rows = run.analysis.bdRates.map { e -> String in
            guard let r = e.result else {
                return "<tr><th>\(Markup.escape(e.profile))</th><td>\(Markup.escape(e.scope))</td><td colspan=\"3\" class=\"note\">\(Markup.escape(e.problem ?? ""))</td></tr>"
            }
            let warn = r.meetsRecommendedOverlap ? "" : " class=\"low\""
            return "<tr><th>\(Markup.escape(e.profile))</th><td>\(Markup.escape(e.scope))</td><td>\(String(format: "%+.2f%%", r.value))</td>"
                + "<td>\(qualityRange(r.overlap))</td><td\(warn)>\(String(format: "%.0f%%", r.relativeOverlap * 100))</td></tr>"
        }
        return """
        <h2>BD-rate against \(Markup.escape(run.analysis.baseline)) (\(run.analysis.interpolation.rawValue))</h2>
        <p class="facts">Negative: less bitrate for the same quality. Computed over the quality range both curves cover (shown);
        an overlap under 75% of their joint range is flagged.</p>
        <table class="grid"><thead><tr><th>profile</th><th>curve</th><th>BD-rate</th><th>overlap (quality)</th><th>overlap share</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table>
        """
    }

    static func framesSection(_ run: BenchRun, _ frames: [(label: String, file: String, width: Int, height: Int)]) -> String {
        guard frames.count > 1, let lowest = run.job.bitratesKbps.first else { return "" }
        let figs = frames.map { f in
            "<figure><img src=\"\(Markup.escape(f.file))\" width=\"\(f.width)\" height=\"\(f.height)\" alt=\"\(Markup.escape(f.label))\"><figcaption>\(Markup.escape(f.label))</figcaption></figure>"
        }
        return "<h2>The same frame at \(lowest) kbps</h2><div class=\"frames\">" + figs.joined() + "</div>"
    }

    static func pointsTable(_ run: BenchRun) -> String {
        let rows = run.measurements.points.map { p in
            "<tr><th>\(Markup.escape(p.profile))</th><td>\(p.heightPx)p</td><td>\(p.targetKbps)</td><td>\(fmt(p.achievedKbps))</td><td>\(fmt(p.peakKbps))</td>"
                + "<td>\(fmt(p.quality))</td><td>\(fmt(p.qualityP1))</td><td>\(fmt(p.qualityP5))</td>"
                + "<td>\(fmt(p.encodeFPS))\(p.realtime ? "" : " ⚠")</td><td>\(run.analysis.onHull(p) ? "●" : "")</td></tr>"
        }
        return """
        <h2>Every point</h2><table class="grid"><thead><tr><th>profile</th><th>size</th><th>target kbps</th><th>achieved kbps</th>
        <th>peak kbps (1 s)</th><th>quality</th><th>1st pct</th><th>5th pct</th><th>encode fps</th><th>hull</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table>
        """
    }

    /// A quality range (VMAF, PSNR or SSIM) with both ends to the same two decimals.
    static func qualityRange(_ r: ClosedRange<Double>) -> String {
        String(format: "%.2f–%.2f", r.lowerBound, r.upperBound)
    }

    static func fmt(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        return abs(v) >= 100 ? String(format: "%.0f", v) : abs(v) >= 10 ? String(format: "%.2f", v) : String(format: "%.4f", v)
    }

    static let style = """
    body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}
    h1{font-size:20px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px} .facts{color:#444;margin:0 0 12px}
    ul.verdict{background:#ecfdf5;border:1px solid #6ee7b7;padding:10px 28px;border-radius:6px;font-size:15px}
    .warnings{background:#fff7ed;border:1px solid #fdba74;padding:8px 24px;border-radius:6px}
    table.grid{border-collapse:collapse;margin:8px 0 16px} .grid th,.grid td{padding:3px 9px;border-bottom:1px solid #e5e7eb;text-align:right}
    .grid th:first-child{text-align:left} .grid td.note{text-align:left;color:#555} .grid td.low{color:#b45309}
    svg.chart{width:100%;height:auto;background:#fff} .chart .title{font-weight:600;font-size:13px}
    .chart .grid{stroke:#eef0f3} .chart .frame{fill:none;stroke:#9ca3af} .chart .tick,.chart .legend,.chart .axis{font-size:11px;fill:#374151}
    .chart .mark{stroke:#ef4444;stroke-dasharray:2 3} .chart .marklabel{font-size:10px;fill:#ef4444}
    .frames{display:flex;gap:12px;flex-wrap:wrap} .frames img{max-width:380px;height:auto;border:1px solid #d1d5db} figure{margin:0}
    figcaption{font-size:12px;color:#555}
    """
}
