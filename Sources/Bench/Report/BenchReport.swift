import Foundation
import Imaging
import Quality
import Support

/// A finished bench: the job, what was measured, what it says.
public struct BenchRun: Sendable {
    public let job: BenchJob
    public let measurements: BenchMeasurements
    public let analysis: BenchAnalysis
    public init(job: BenchJob, measurements: BenchMeasurements) {
        self.job = job; self.measurements = measurements
        analysis = BenchAnalysis(measurements, job: job)
    }
}

/// Writes a bench run into a folder: results.csv and results.json (every point), ladders.json (per
/// region), index.html (charts, tables, frames) and the frames at the lowest bitrate under frames/.
/// Every file is written whole under a temporary name, then renamed.
public enum BenchReport {
    /// results.json (kind `bench`); `presets` are the preset folders in force, as the user gave them.
    public static func resultsJSON(_ run: BenchRun, presets: [String] = []) throws -> Data {
        try MachineOutput(kind: "bench", inputs: BenchJSON.inputs(run.job, presets: presets), payload: BenchJSON(run)).encoded()
    }

    /// ladders.json (kind `bench-ladders`).
    public static func laddersJSON(_ run: BenchRun, presets: [String] = []) throws -> Data {
        try MachineOutput(kind: "bench-ladders", inputs: BenchJSON.inputs(run.job, presets: presets), payload: LaddersJSON(run)).encoded()
    }

    /// Writes every file; returns their paths relative to `dir`.
    @discardableResult
    public static func write(_ run: BenchRun, presets: [String] = [], to dir: URL) throws -> [String] {
        let frames = try writeFrames(run, to: dir)
        try AtomicFile.write(try resultsJSON(run, presets: presets), to: dir.appendingPathComponent("results.json"))
        try AtomicFile.write(try laddersJSON(run, presets: presets), to: dir.appendingPathComponent("ladders.json"))
        try AtomicFile.write(Data(csv(run).utf8), to: dir.appendingPathComponent("results.csv"))
        try AtomicFile.write(Data(BenchHTML.page(run, frames: frames).utf8), to: dir.appendingPathComponent("index.html"))
        return ["results.csv", "results.json", "ladders.json", "index.html"] + frames.map(\.file)
    }

    /// The source's picture and each profile's best point at the lowest bitrate, as JPEGs.
    static func writeFrames(_ run: BenchRun, to dir: URL) throws -> [(label: String, file: String, width: Int, height: Int)] {
        let m = run.measurements
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("frames"), withIntermediateDirectories: true)
        var picks: [(String, String, Thumbnail)] = []
        if let s = m.sourceThumbnail { picks.append(("source", "frames/source.jpg", s)) }
        for profile in run.job.profiles.map(\.name) {
            let best = m.points.filter { $0.profile == profile && m.thumbnails[$0.key] != nil }
                .max { ($0.quality.isFinite ? $0.quality : -.infinity) < ($1.quality.isFinite ? $1.quality : -.infinity) }
            guard let best, let thumb = m.thumbnails[best.key] else { continue }
            picks.append(("\(profile) at \(best.heightPx)p, \(best.targetKbps) kbps", "frames/\(safeName(profile)).jpg", thumb))
        }
        return try picks.map { label, file, t in
            let image = try Image.fromPixels(t.rgb, width: t.width, height: t.height, bands: 3)
            try AtomicFile.write(try image.encoded(as: .jpg, quality: 88), to: dir.appendingPathComponent(file))
            return (label, file, t.width, t.height)
        }
    }

    static func safeName(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    /// One row per point, measured or missing.
    public static func csv(_ run: BenchRun) -> String {
        let header = ["profile", "encoder", "codec", "preset", "rate_control", "width_px", "height_px", "target_bitrate_kbps",
                      "achieved_bitrate_kbps", "peak_bitrate_kbps", "frames", "encode_fps", "realtime", "quality_metric",
                      "quality", "quality_p1", "quality_p5", "psnr_y_db", "psnr_avg_db", "ssim", "vmaf", "vmaf_phone",
                      "on_hull", "status", "reason"]
        var lines = [header.joined(separator: ",")]
        func f(_ v: Double?, _ places: Int = 4) -> String { v.map { $0.isFinite ? String(format: "%.\(places)f", $0) : "" } ?? "" }
        for p in run.measurements.points {
            let row = [p.profile, p.encoder, p.codec, p.preset, p.rateControl, String(p.widthPx), String(p.heightPx),
                       String(p.targetKbps), f(p.achievedKbps, 3), f(p.peakKbps, 3), String(p.frames), f(p.encodeFPS, 2),
                       String(p.realtime), run.job.qualitySeries, f(p.quality), f(p.qualityP1), f(p.qualityP5),
                       f(p.scores["psnr_y"]?.pooled), f(p.scores["psnr_avg"]?.pooled), f(p.scores["ssim_avg"]?.pooled),
                       f(p.scores["vmaf"]?.pooled), f(p.scores["vmaf_phone"]?.pooled),
                       String(run.analysis.onHull(p)), "measured", ""]
            lines.append(row.map(csvField).joined(separator: ","))
        }
        for m in run.measurements.missing {
            var row = [String](repeating: "", count: header.count)
            row[0] = m.profile; row[6] = m.heightPx.map(String.init) ?? ""; row[7] = m.targetKbps.map(String.init) ?? ""
            row[13] = run.job.qualitySeries; row[23] = "missing"; row[24] = m.reason
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
