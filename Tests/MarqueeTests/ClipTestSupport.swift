import Foundation
import Testing

/// Runs `marquee clips cut` on generated media and reads what it wrote; checks with ffmpeg.
enum ClipRun {
    struct Result {
        let run: TestSupport.Run
        let out: URL
        let clips: [String: [String: Any]]
        let failed: [String: String]
        func file(_ id: String) -> URL { out.appendingPathComponent("\(id).mp4") }
    }

    static func cut(_ replay: URL, cues: String, in dir: URL, name: String = "out", _ args: [String]) throws -> Result {
        let sheet = dir.appendingPathComponent("\(name)-cues.csv")
        try cues.write(to: sheet, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent(name)
        let run = try TestSupport.run(["clips", "cut", replay.path, "--cues", sheet.path, "--out", out.path] + args)
        var clips: [String: [String: Any]] = [:], failed: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: out.appendingPathComponent("clips.json").path),
           let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for c in doc["clips"] as? [[String: Any]] ?? [] { clips[c["id"] as? String ?? ""] = c }
            for f in doc["failures"] as? [[String: Any]] ?? [] { failed[f["item"] as? String ?? ""] = f["message"] as? String ?? "" }
        }
        return Result(run: run, out: out, clips: clips, failed: failed)
    }

    /// Per-frame PSNR (Y, U, V average) of the clip against the replay from `start` on, frame by frame, as
    /// ffmpeg's psnr filter pairs them; a missing or repeated frame shifts every later pair and shows as a drop.
    static func framePSNRs(clip: URL, replay: URL, start: Double, frames: Int, sourceFilter: String? = nil) throws -> [Double] {
        let stats = clip.deletingPathExtension().appendingPathExtension("psnr.log")
        let offset = try ClipFixtures.startOffsets(replay).video + start - 0.0001
        let src = "trim=start=\(offset),setpts=PTS-STARTPTS" + (sourceFilter.map { ",\($0)" } ?? "") + ",trim=end_frame=\(frames)"
        let graph = "[0:v]setpts=PTS-STARTPTS,trim=end_frame=\(frames)[a];[1:v]\(src)[b];[a][b]psnr=stats_file=\(stats.path)"
        _ = try ClipFixtures.run(ClipFixtures.ffmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-i", clip.path, "-i", replay.path,
                                            "-filter_complex", graph, "-f", "null", "-"])
        let text = (try? String(contentsOf: stats, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let r = line.range(of: "psnr_avg:") else { return nil }
            let v = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            return v == "inf" ? 100 : Double(v)
        }
    }

    static func count(_ url: URL, stream: String = "v:0") throws -> Int {
        try ClipFixtures.frames(url, stream: stream).count
    }
}
