import Imaging
import BenchMath
import Foundation
import Quality

/// The regions part of the bench report: per region the hulls with the network's percentiles
/// marked, then every profile's ladder (rungs, the viewers each serves, simulated time at each)
/// with its expected quality and stalls, and what the best profile saves at equal quality.
enum BenchRegionHTML {
    static func section(_ run: BenchRun) -> String {
        let a = run.analysis
        guard !a.regions.isEmpty else { return "" }
        var html = "<h2>Ladders per region</h2><p class=\"facts\">Each profile's best ladder (at most \(LadderObjective().maxRungs) rungs from its hull) for the region's bandwidth; "
            + "playback simulated with a buffer-based player (seed \(run.job.seed)).</p>"
        for r in a.regions {
            html += "<h3>\(Markup.escape(r.region.displayName)) (\(Markup.escape(r.region.name)))</h3>"
            html += "<section class=\"chart\">" + BenchCharts.region(run, r) + "</section>"
            html += summary(r)
            for l in r.ladders { html += ladderTable(l, best: l.profile == r.best) }
            html += savings(r)
        }
        return html
    }

    static func summary(_ r: BenchAnalysis.RegionResult) -> String {
        let rows = r.ladders.map { l -> String in
            guard let c = l.choice else {
                return "<tr><th>\(Markup.escape(l.profile))</th><td colspan=\"5\" class=\"note\">\(Markup.escape(l.problem ?? ""))</td></tr>"
            }
            let p = l.playback
            return "<tr><th>\(Markup.escape(l.profile))\(l.profile == r.best ? " ★" : "")</th><td>\(BenchHTML.fmt(c.expectedQuality))</td>"
                + "<td>\(String(format: "%.1f%%", c.stallShare * 100))</td><td>\(p.map { BenchHTML.fmt($0.expectedQuality) } ?? "–")</td>"
                + "<td>\(p.map { String(format: "%.3f%%", $0.stallRatio * 100) } ?? "–")</td><td>\(p.map { String(format: "%.2f", $0.switchesPerMinute) } ?? "–")</td></tr>"
        }
        return """
        <table class="grid"><thead><tr><th>profile</th><th>expected quality</th><th>viewers below the lowest rung</th>
        <th>played quality (simulated)</th><th>stall ratio</th><th>switches/min</th></tr></thead><tbody>\(rows.joined())</tbody></table>
        """
    }

    static func ladderTable(_ l: BenchAnalysis.ProfileLadder, best: Bool) -> String {
        guard let c = l.choice else { return "" }
        let rows = c.rungs.enumerated().map { i, g in
            let time = l.playback.flatMap { i < $0.rungTimeShare.count ? $0.rungTimeShare[i] : nil }
            return "<tr><td>\(g.point.resolutionHeight)p</td><td>\(BenchHTML.fmt(g.point.bitrateKbps))</td><td>\(BenchHTML.fmt(g.effectiveQuality))</td>"
                + "<td>\(BenchHTML.fmt(g.requiredBandwidthKbps))</td><td>p\(String(format: "%.0f", g.servesFromPercentile * 100))</td>"
                + "<td>\(String(format: "%.1f%%", g.viewerShare * 100))</td><td>\(time.map { String(format: "%.1f%%", $0 * 100) } ?? "–")</td></tr>"
        }
        return """
        <details\(best ? " open" : "")><summary>\(Markup.escape(l.profile)) ladder</summary>
        <table class="grid"><thead><tr><th>size</th><th>kbps</th><th>quality</th><th>needs kbps</th><th>from</th><th>viewers</th><th>time (simulated)</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table></details>
        """
    }

    static func savings(_ r: BenchAnalysis.RegionResult) -> String {
        guard let s = r.savings, let best = r.best else {
            return r.savingsNote.isEmpty ? "" : "<p class=\"facts\">Savings: \(Markup.escape(r.savingsNote)).</p>"
        }
        let rows = s.entries.map {
            "<tr><td>\(BenchHTML.fmt($0.quality))</td><td>\(BenchHTML.fmt($0.baselineKbps))</td><td>\(BenchHTML.fmt($0.candidateKbps))</td>"
                + "<td>\(String(format: "%.1f%%", $0.savedPercent))</td><td>\(String(format: "%.1f%%", $0.weight * 100))</td></tr>"
        }
        let mean = s.weightedMeanSavedPercent.map { String(format: "%.1f%%", $0) } ?? "–"
        return """
        <p class="facts">\(Markup.escape(best)) against \(Markup.escape(r.baseline)) at the qualities of \(Markup.escape(best))'s ladder: \(mean) less bitrate (weighted by viewers)\(s.skippedQualities.isEmpty ? "" : "; \(s.skippedQualities.count) rung(s) outside the baseline's range").</p>
        <table class="grid"><thead><tr><th>quality</th><th>\(Markup.escape(r.baseline)) kbps</th><th>\(Markup.escape(best)) kbps</th><th>saved</th><th>viewers</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table>
        """
    }
}
