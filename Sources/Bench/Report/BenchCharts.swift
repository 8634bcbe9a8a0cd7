import BenchMath
import Foundation
import Quality

/// The bench report's charts, as SVG (log-x bitrate axes; every measured point a circle carrying
/// its data-x and data-y).
enum BenchCharts {
    static func qualityLabel(_ series: String) -> String {
        switch series {
        case "vmaf": "VMAF (0–100)"
        case "psnr_y": "PSNR-Y (dB)"
        case "psnr_avg": "PSNR (dB)"
        case "ssim_avg": "SSIM (0–1)"
        default: series
        }
    }

    /// Every profile's convex hull on one chart: the answer at a glance.
    static func hulls(_ run: BenchRun, marks: [(x: Double, label: String)] = [], title: String? = nil,
                      extra: [SVGChart.Series] = []) -> String {
        let a = run.analysis
        var chart = SVGChart(title: title ?? "Best quality for the bitrate: each profile's convex hull across resolutions",
                             xLabel: "achieved bitrate (kbps, log scale)", yLabel: qualityLabel(a.qualitySeries),
                             series: run.job.profiles.compactMap { p in
                                 a.hulls[p.name].map { h in
                                     SVGChart.Series(name: p.name, points: h.hullPoints.map { ($0.bitrateKbps, $0.quality) }, markers: true)
                                 }
                             } + extra)
        chart.logX = true
        chart.xMarks = marks
        return chart.render()
    }

    /// One profile: a curve per resolution and the hull across them (dashed).
    static func profile(_ run: BenchRun, _ name: String) -> String {
        let a = run.analysis
        var series = a.curves.filter { $0.profile == name }.map { c in
            SVGChart.Series(name: "\(c.heightPx)p", points: c.points.map { ($0.achievedKbps, $0.quality) }, markers: true)
        }
        if let h = a.hulls[name] {
            series.append(SVGChart.Series(name: "hull", points: h.hullPoints.map { ($0.bitrateKbps, $0.quality) }, dashed: true))
        }
        var chart = SVGChart(title: "\(name): rate–quality per resolution, with the hull", xLabel: "achieved bitrate (kbps, log scale)",
                             yLabel: qualityLabel(a.qualitySeries), series: series)
        chart.logX = true
        return chart.render()
    }

    /// A region: the hulls with the region's bandwidth percentiles (as affordable video bitrate) marked.
    static func region(_ run: BenchRun, _ r: BenchAnalysis.RegionResult) -> String {
        let labels = ["p10", "p25", "p50", "p75", "p90"]
        let marks = r.network.percentiles.enumerated().map { i, p in
            (x: p.kbps * r.network.safetyMargin, label: i < labels.count ? labels[i] : String(format: "p%.0f", p.probability * 100))
        }
        // The best profile's chosen rungs, dashed, so the ladder shows against the percentiles.
        let ladder = r.ladders.first { $0.profile == r.best }?.choice.map { c in
            [SVGChart.Series(name: "\(r.best ?? "") ladder", points: c.rungs.map { ($0.point.bitrateKbps, $0.point.quality) },
                             markers: true, dashed: true)]
        } ?? []
        return hulls(run, marks: marks, title: "\(r.region.displayName): hulls and the best ladder, with the network's percentiles × \(r.network.safetyMargin) marked",
                     extra: ladder)
    }

    /// Encode speed against quality: one point per rung, the source's frame rate marked as real time.
    static func speed(_ run: BenchRun) -> String {
        let pts = run.measurements.points
        var chart = SVGChart(title: "Encode speed against quality (right of the mark: faster than real time)",
                             xLabel: "encode speed (frames/s, log scale)", yLabel: qualityLabel(run.analysis.qualitySeries),
                             series: run.job.profiles.map { p in
                                 SVGChart.Series(name: p.name, points: pts.filter { $0.profile == p.name && $0.encodeFPS > 0 }
                                    .sorted { $0.encodeFPS < $1.encodeFPS }.map { ($0.encodeFPS, $0.quality) }, markers: true)
                             }.filter { !$0.points.isEmpty })
        chart.logX = true
        chart.xMarks = [(x: run.measurements.source.frameRate, label: "real time")]
        return chart.render()
    }
}
