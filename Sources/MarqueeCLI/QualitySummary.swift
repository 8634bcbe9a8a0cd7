import Foundation
import Quality

/// The few lines `marquee quality` prints for a person: the pooled headline figures, the worst moment,
/// warnings, and where the report is.
enum QualitySummary {
    static func text(_ r: QualityResult, out: String?) -> String {
        var lines = ["\(r.framesCompared) frames compared at \(r.comparedWidth)x\(r.comparedHeight), offset \(r.offset)"
            + String(format: " (%.1f s, %.1f frames/s)", r.seconds, r.framesPerSecond)]
        let width = 12
        lines.append("  " + "metric".padding(toLength: width, withPad: " ", startingAt: 0) + "      mean       min    5th pct")
        // The scores a person reads; the per-plane MSE and VMAF's features are in quality.json and the CSV.
        let shown = r.series.filter { s in ["vmaf", "psnr", "ssim", "ms_ssim"].contains { s.name.hasPrefix($0) } }
        for s in shown {
            guard let p = r.pooled[s.name] else { continue }
            lines.append("  " + s.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: " %9.4f %9.4f %10.4f", p.mean, p.min, p.percentile5))
        }
        if let w = r.worst.first {
            lines.append(String(format: "worst frame: %d at %.3f s (%@ %.3f)", w.referenceFrame, w.time, r.headline, w.score))
        }
        lines += r.warnings.map { "warning: \($0)" }
        if let out { lines.append("report: \(out)/index.html (quality.json, quality.csv)") }
        return lines.joined(separator: "\n")
    }
}
