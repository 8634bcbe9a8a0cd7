import Bench
import BenchMath
import EncoderProfiles
import Foundation
import Presets
import Quality
import QualityMetrics

/// Sources and jobs for the bench tests: small videos made by ffmpeg from lavfi, presets written
/// inline, jobs built in process.
enum BenchFixtures {
    /// Makes (once per process and arguments) a video with ffmpeg: `filter` a lavfi graph, x264 at CRF 12.
    static func source(_ name: String, filter: String, extra: [String] = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marquee-bench-sources")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("\(name).mp4")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let part = dir.appendingPathComponent("\(name).\(UUID().uuidString.prefix(6)).mp4")
        try ffmpeg(["-f", "lavfi", "-i", filter] + extra + ["-c:v", "libx264", "-preset", "veryfast", "-crf", "12",
                    "-pix_fmt", "yuv420p", part.path])
        try? FileManager.default.moveItem(at: part, to: url)
        return url
    }

    static func ffmpeg(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        p.arguments = ["-hide_banner", "-loglevel", "error", "-y"] + args
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchTestFailure(description: "ffmpeg \(args.joined(separator: " ")) failed") }
    }

    static func preset(_ name: String, encoder: String = "libx264", codec: String = "h264", speed: String,
                       maxrate: Double? = 2, gop: Double = 2) -> EncoderPreset {
        var fields: [String: Any] = ["name": name, "summary": name, "codec": codec, "encoder": encoder, "preset": speed,
                                     "pix_fmt": "yuv420p", "gop_seconds": gop, "rate_control": "abr",
                                     "audio_codec": "aac", "audio_kbps": 128]
        if let maxrate { fields["maxrate_factor"] = maxrate; fields["bufsize_factor"] = maxrate }
        // Codable from JSON: the preset's fields exactly as a YAML file would give them.
        let data = (try? JSONSerialization.data(withJSONObject: fields)) ?? Data()
        return (try? JSONDecoder().decode(EncoderPreset.self, from: data))
            ?? { fatalError("EncoderPreset fields changed: \(fields)") }()
    }

    static func profile(_ preset: EncoderPreset) -> BenchJob.Profile {
        let plugin = EncoderProfiles.all.first { $0.encoderName == preset.encoder }
        return BenchJob.Profile(preset: preset, plugin: plugin, unsupported: plugin == nil ? "no plugin" : nil)
    }

    static let metrics: [QualityJob.Metric] = [
        QualityJob.Metric(plugin: PSNRMetric(), parameters: PluginParametersFixture.empty("psnr")),
        QualityJob.Metric(plugin: SSIMMetric(), parameters: PluginParametersFixture.empty("ssim")),
    ]

    static func region(_ name: String = "test", scale: Double = 1) -> BenchJob.Region {
        let net = RegionNetworkProfile(name: name, p10: 150 * scale, p25: 300 * scale, p50: 600 * scale, p75: 1200 * scale,
                                       p90: 2400 * scale, mobileShare: 0.5)
        return BenchJob.Region(name: name, displayName: name, network: net, file: "\(name).yaml")
    }

    static func job(_ source: URL, profiles: [EncoderPreset], resolutions: [Int], bitrates: [Int],
                    regions: [BenchJob.Region] = [], sampling: BenchJob.Sampling = .full) throws -> BenchJob {
        try BenchJob(source: source.path, profiles: profiles.map(profile), resolutions: resolutions, bitratesKbps: bitrates,
                     regions: regions, sampling: sampling, metrics: metrics, qualitySeries: "psnr_y", concurrency: 2)
    }
}

import PluginKit
enum PluginParametersFixture {
    static func empty(_ name: String) -> PluginParameters { PluginParameters(plugin: name, values: [:]) }
}

struct BenchTestFailure: Error, CustomStringConvertible { let description: String }
