import Foundation
import Imaging

/// index.html of a quality run: the verdict first (pooled table), a curve per metric family over
/// time with the worst frames marked, then the worst frames as pictures, reference beside distorted.
enum QualityHTML {
    static func page(_ r: QualityResult, job: QualityJob, images: (Int, String) -> String) -> String {
        var html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <title>Quality: \(Markup.escape(name(r.distorted.path))) vs \(Markup.escape(name(r.reference.path)))</title>
        <style>\(style)</style></head><body>
        <h1>\(Markup.escape(name(r.distorted.path))) <span class="vs">against</span> \(Markup.escape(name(r.reference.path)))</h1>
        <p class="facts">\(r.framesCompared) frames compared at \(r.comparedWidth)x\(r.comparedHeight) (\(r.layout)),
        offset \(r.offset) frames (\(r.alignment == "offset" ? "as given" : "found by " + Markup.escape(r.alignment)))\(r.subsample > 1 ? ", every \(r.subsample)th frame" : "");
        \(String(format: "%.1f", r.framesPerSecond)) frames/s.</p>
        """
        if !r.warnings.isEmpty {
            html += "<ul class=\"warnings\">" + r.warnings.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
        }
        html += pooledTable(r)
        let charts = groups(r).map { group -> (Bool, String) in
            var chart = SVGChart(title: group.title, xLabel: "time (s)", yLabel: group.unit,
                                 series: group.series.map { s in
                                     SVGChart.Series(name: s.name, points: zip(r.times, s.values).map { ($0, $1) })
                                 })
            chart.xMarks = r.worst.enumerated().map { (x: $1.time, label: "#\($0 + 1)") }
            return (featureFamilies.contains(group.title), "<section class=\"curve\">" + chart.render() + "</section>")
        }
        html += charts.filter { !$0.0 }.map(\.1).joined()
        let features = charts.filter(\.0).map(\.1)
        if !features.isEmpty {
            html += "<details class=\"features\"><summary>VMAF's features per frame (ADM2, motion2, VIF)</summary>"
                + features.joined() + "</details>"
        }
        html += worstSection(r, images: images)
        return html + "</body></html>\n"
    }

    private static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// Series drawn together: one chart per metric family (PSNR per plane, SSIM, SSIM in dB, …).
    private static func groups(_ r: QualityResult) -> [(title: String, unit: String, series: [MetricSeries])] {
        var order: [String] = [], members: [String: [MetricSeries]] = [:]
        for s in r.series {
            guard let family = family(s.name) else { continue }
            if members[family] == nil { order.append(family) }
            members[family, default: []].append(s)
        }
        return order.map { fam in
            let unit = fam.hasSuffix("dB)") || fam == "PSNR" ? "dB" : fam.hasPrefix("VMAF") ? "score (0–100)" : "index (0–1)"
            return (fam, unit, members[fam] ?? [])
        }
    }

    /// Chart titles of VMAF's features, drawn folded away below the scores.
    private static let featureFamilies: Set<String> = ["ADM2", "MOTION2", "VIF"]

    private static func family(_ name: String) -> String? {
        if name.hasPrefix("mse") { return nil }
        if name.hasPrefix("vif_scale") { return "VIF" }
        if name.hasPrefix("vmaf") { return "VMAF" }
        if name.hasPrefix("ms_ssim") { return name.hasSuffix("_db") ? "MS-SSIM (dB)" : "MS-SSIM" }
        if name.hasPrefix("psnr") { return "PSNR" }
        if name.hasPrefix("ssim") { return name.hasSuffix("_db") ? "SSIM (dB)" : "SSIM" }
        return name.uppercased()
    }

    private static func pooledTable(_ r: QualityResult) -> String {
        var rows = ""
        for s in r.series {
            guard let p = r.pooled[s.name] else { continue }
            let cells = [p.mean, p.harmonicMean, p.min, p.percentile1, p.percentile5, p.max, p.standardDeviation]
                .map { "<td>\(fmt($0))</td>" }.joined()
            let extra = s.pooled.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")): \(fmt($0.value))" }
            rows += "<tr><th>\(Markup.escape(s.name))</th>\(cells)<td class=\"extra\">\(Markup.escape(extra.joined(separator: "; ")))</td></tr>"
        }
        return """
        <table class="pooled"><thead><tr><th>metric</th><th>mean</th><th>harmonic mean</th><th>min</th><th>1st pct</th>
        <th>5th pct</th><th>max</th><th>std dev</th><th>also</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private static func worstSection(_ r: QualityResult, images: (Int, String) -> String) -> String {
        guard !r.worst.isEmpty else { return "" }
        var html = "<h2>The \(r.worst.count) worst frames by \(Markup.escape(r.headline))</h2>"
        for (i, w) in r.worst.enumerated() {
            html += """
            <figure class="worst"><figcaption>#\(i + 1): frame \(w.referenceFrame) at \(clock(w.time)),
            \(Markup.escape(r.headline)) \(fmt(w.score))</figcaption>
            <div class="pair"><div><img src="\(images(i, "reference"))" width="\(w.reference.width)" height="\(w.reference.height)" alt="reference frame \(w.referenceFrame)"><span>reference</span></div>
            <div><img src="\(images(i, "distorted"))" width="\(w.distorted.width)" height="\(w.distorted.height)" alt="distorted frame \(w.referenceFrame)"><span>distorted</span></div></div></figure>
            """
        }
        return html
    }

    private static func fmt(_ v: Double) -> String {
        guard v.isFinite else { return "∞" }
        return abs(v) >= 10 ? String(format: "%.2f", v) : String(format: "%.4f", v)
    }

    private static func clock(_ s: Double) -> String {
        let ms = Int((s * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    private static let style = """
    body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}
    h1{font-size:20px;margin:0 0 4px} .vs{color:#666;font-weight:400} .facts{color:#444;margin:0 0 12px}
    .warnings{background:#fff7ed;border:1px solid #fdba74;padding:8px 24px;border-radius:6px}
    table.pooled{border-collapse:collapse;margin:12px 0 20px} .pooled th,.pooled td{padding:4px 10px;border-bottom:1px solid #e5e7eb;text-align:right}
    .pooled th:first-child{text-align:left} .pooled td.extra{text-align:left;color:#555;font-size:12px}
    svg.chart{width:100%;height:auto;background:#fff} .chart .title{font-weight:600;font-size:13px}
    .chart .grid{stroke:#eef0f3} .chart .frame{fill:none;stroke:#9ca3af} .chart .tick,.chart .legend,.chart .axis{font-size:11px;fill:#374151}
    .chart .mark{stroke:#ef4444;stroke-dasharray:2 3} .chart .marklabel{font-size:10px;fill:#ef4444}
    details.features{margin:12px 0} details.features summary{cursor:pointer;color:#374151;font-weight:600}
    figure.worst{margin:16px 0} figcaption{font-weight:600;margin-bottom:6px}
    .pair{display:flex;gap:12px;flex-wrap:wrap} .pair div{display:flex;flex-direction:column} .pair img{max-width:560px;height:auto;border:1px solid #d1d5db}
    .pair span{color:#555;font-size:12px}
    """
}
