import Foundation
import Imaging
import QualityKernels
import Support

/// Writes a run's results into a folder: quality.json (per frame and pooled), quality.csv (a row per
/// frame), index.html (curves, the pooled table, the worst frames as pictures) and the pictures
/// under worst/. Every file is written whole under a temporary name, then renamed.
public enum QualityReport {
    /// The JSON document (also what `--json` prints).
    public static func json(_ r: QualityResult, job: QualityJob, toolVersion: String, createdAt: Date = Date()) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(document(r, job: job, toolVersion: toolVersion, createdAt: createdAt)) + Data("\n".utf8)
    }

    /// Writes every file; returns their paths relative to `dir`.
    @discardableResult
    public static func write(_ r: QualityResult, job: QualityJob, toolVersion: String, to dir: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("worst"), withIntermediateDirectories: true)
        var files: [String] = []
        for (i, w) in r.worst.enumerated() {
            for (side, thumb) in [("reference", w.reference), ("distorted", w.distorted)] {
                let name = imageName(i, side)
                let image = try Image.fromPixels(thumb.rgb, width: thumb.width, height: thumb.height, bands: 3)
                try AtomicFile.write(try image.encoded(as: .jpg, quality: 88), to: dir.appendingPathComponent(name))
                files.append(name)
            }
        }
        try AtomicFile.write(try json(r, job: job, toolVersion: toolVersion), to: dir.appendingPathComponent("quality.json"))
        try AtomicFile.write(Data(csv(r).utf8), to: dir.appendingPathComponent("quality.csv"))
        try AtomicFile.write(Data(QualityHTML.page(r, job: job, images: { imageName($0, $1) }).utf8),
                             to: dir.appendingPathComponent("index.html"))
        return ["quality.json", "quality.csv", "index.html"] + files
    }

    static func imageName(_ i: Int, _ side: String) -> String { "worst/\(i + 1)-\(side).jpg" }

    /// One row per compared frame: n, frame, time_s, then every series.
    public static func csv(_ r: QualityResult) -> String {
        var lines = [(["n", "frame", "time_s"] + r.series.map(\.name)).joined(separator: ",")]
        for i in 0..<r.framesCompared {
            let values = r.series.map { s in i < s.values.count && s.values[i].isFinite ? String(format: "%.6f", s.values[i]) : "" }
            lines.append(([String(i), String(r.frames[i]), String(format: "%.3f", r.times[i])] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func document(_ r: QualityResult, job: QualityJob, toolVersion: String, createdAt: Date) -> QualityJSON {
        func facts(_ f: QualityResult.InputFacts) -> QualityJSON.InputFacts {
            .init(path: f.path, width: f.width, height: f.height, pixel_format: f.pixelFormat,
                  frame_rate_fps: (f.frameRate * 1000).rounded() / 1000, codec: f.codec, frames_read: f.framesRead)
        }
        let metrics = job.metrics.map { m in
            QualityJSON.MetricChoice(name: m.plugin.metadata.name,
                                     parameters: m.parameters.textValues)
        }
        var pooled: [String: QualityJSON.Pooled] = [:]
        for s in r.series {
            guard let p = r.pooled[s.name] else { continue }
            pooled[s.name] = .init(average: p.mean, harmonic_mean: p.harmonicMean, min: p.min, max: p.max,
                                   stdev: p.standardDeviation, percentile_1: p.percentile1, percentile_5: p.percentile5,
                                   extra: s.pooled)
        }
        let rows = (0..<r.framesCompared).map { i in
            FrameRow(n: i, frame: r.frames[i], time_s: r.times[i],
                     values: r.series.map { ($0.name, i < $0.values.count ? $0.values[i] : .nan) })
        }
        let worst = r.worst.enumerated().map { i, w in
            QualityJSON.Worst(frame: w.referenceFrame, time_s: (w.time * 1000).rounded() / 1000,
                              score: (w.score * 10_000).rounded() / 10_000,
                              reference_image: imageName(i, "reference"), distorted_image: imageName(i, "distorted"))
        }
        return QualityJSON(
            tool: .init(name: "marquee", version: toolVersion),
            created_at: ISO8601DateFormatter().string(from: createdAt),
            inputs: .init(reference: facts(r.reference), distorted: facts(r.distorted), metrics: metrics,
                          offset_frames: r.offset, alignment: r.alignment, subsample: r.subsample,
                          compared_width: r.comparedWidth, compared_height: r.comparedHeight,
                          compared_layout: r.layout.description),
            frames_compared: r.framesCompared, wall_time_s: (r.seconds * 1000).rounded() / 1000,
            frames_per_s: (r.framesPerSecond * 100).rounded() / 100, headline: r.headline,
            pooled: pooled, frames: rows, worst_frames: worst, warnings: r.warnings)
    }
}
