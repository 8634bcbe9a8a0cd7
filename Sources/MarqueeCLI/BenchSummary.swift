import Bench
import Foundation

/// The few lines `marquee bench` prints: what was measured, the BD-rates over the hulls, the best
/// profile per region, what is missing, and where the report is.
enum BenchSummary {
    static func text(_ run: Bench.BenchRun, out: String, runID: Int64) -> String {
        let m = run.measurements, a = run.analysis
        var lines = [String(format: "%d points measured, %d missing (%@); %.1f s", m.points.count, m.missing.count, m.samplingNote, m.seconds)]
        for e in a.bdRates where e.scope == "hull" {
            if let r = e.result {
                lines.append(String(format: "  %@ vs %@: BD-rate %+.2f%% (%@, overlap %.0f%%)", e.profile, e.baseline, r.value,
                                    a.qualitySeries, r.relativeOverlap * 100))
            } else {
                lines.append("  \(e.profile) vs \(e.baseline): no BD-rate (\(e.problem ?? ""))")
            }
        }
        for r in a.regions {
            let q = r.ladders.first { $0.profile == r.best }?.choice?.expectedQuality
            var line = "  \(r.region.name): best \(r.best ?? "–")" + (q.map { String(format: ", expected %@ %.2f", a.qualitySeries, $0) } ?? "")
            if let s = r.savings?.weightedMeanSavedPercent { line += String(format: ", saves %.1f%% vs %@", s, r.baseline) }
            lines.append(line)
        }
        lines += a.skippedRegions.map { "  region \($0.name): \($0.reason)" }
        lines += m.missing.prefix(8).map { x in
            "missing: \(x.profile)\(x.heightPx.map { " \($0)p" } ?? "")\(x.targetKbps.map { " \($0)k" } ?? ""): \(x.reason)"
        }
        if m.missing.count > 8 { lines.append("missing: … \(m.missing.count - 8) more in results.csv") }
        lines += m.warnings.map { "warning: \($0)" }
        lines.append("report: \(out)/index.html (results.csv, results.json, ladders.json); run #\(runID) in \(out)/catalog.sqlite")
        return lines.joined(separator: "\n")
    }
}
