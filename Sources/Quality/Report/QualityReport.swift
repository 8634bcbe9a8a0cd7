import Foundation
import Imaging
import QualityKernels
import Support

/// Writes a run's results into a folder: quality.json (per frame and pooled), quality.csv (a row per
/// frame), index.html (curves, the pooled table, the worst frames as pictures) and the pictures
/// under worst/. Every file is written whole under a temporary name, then renamed.
public enum QualityReport {
    /// The JSON document (also what `--json` prints).
    public static func json(_ r: QualityResult, job: QualityJob) throws -> Data {
        try MachineOutput(kind: "quality", inputs: inputs(job), payload: payload(r)).encoded()
    }

    /// Writes every file; returns their paths relative to `dir`.
    @discardableResult
    public static func write(_ r: QualityResult, job: QualityJob, to dir: URL) throws -> [String] {
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
        try AtomicFile.write(try json(r, job: job), to: dir.appendingPathComponent("quality.json"))
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
}
