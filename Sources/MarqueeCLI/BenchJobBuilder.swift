import Bench
import BenchMath
import Foundation
import PluginKit
import Presets
import Quality
import Support

/// Turns `marquee bench` arguments into a validated `BenchJob`: every list and range checked, every
/// preset and plugin looked up, before anything is decoded or encoded.
struct BenchJobBuilder {
    let command: BenchRun
    let startup: Startup

    func build() throws -> BenchJob {
        let c = command, presets = startup.presets
        let names = try c.encoders.map { try BenchJobBuilderLists.names($0, option: "--encoders") } ?? defaultEncoders()
        let profiles = try names.map { name throws -> BenchJob.Profile in
            let preset = try presets.encoder(name)
            return profileFor(preset)
        }
        let regionNames = try c.regions.map { try BenchJobBuilderLists.names($0, option: "--regions") }
            ?? presets.regions.values.filter { $0.network != nil }.map(\.name).sorted()
        let regions = try regionNames.map { name throws -> BenchJob.Region in
            BenchJob.Region(preset: try presets.region(name), file: presets.files["regions/\(name)"] ?? "presets/regions/\(name).yaml")
        }
        let sampling: BenchJob.Sampling = c.full ? .full
            : c.samples.map { .samples(count: $0, seconds: c.sampleSeconds) } ?? .auto(count: nil, seconds: c.sampleSeconds)
        if c.full && c.samples != nil { throw MarqueeError.usage("--full and --samples: give one of them") }
        guard let interpolation = BDInterpolation(rawValue: c.interpolation) else {
            throw MarqueeError.usage("--interpolation: expected pchip or cubic, got `\(c.interpolation)`")
        }
        let (metrics, phone, series) = try metricChoice()
        return try BenchJob(
            source: c.source, profiles: profiles,
            resolutions: try c.resolutions.map(BenchJob.parseResolutions) ?? BenchJob.defaultResolutions,
            bitratesKbps: try c.bitrates.map(BenchJob.parseBitrates) ?? BenchJob.defaultBitratesKbps,
            regions: regions, sampling: sampling, metrics: metrics, phoneMetric: phone, qualitySeries: series,
            baseline: c.baseline, interpolation: interpolation,
            concurrency: c.threads ?? ProcessInfo.processInfo.activeProcessorCount, memoryBudgetMB: c.memoryMB, seed: c.seed)
    }

    /// Every encoder preset, H.264 first (the usual baseline), then by name.
    private func defaultEncoders() -> [String] {
        startup.presets.encoders.values.sorted { ($0.codec == "h264" ? 0 : 1, $0.name) < ($1.codec == "h264" ? 0 : 1, $1.name) }.map(\.name)
    }

    /// The preset with the encoder-profile plugin that drives its encoder, or why none does.
    private func profileFor(_ preset: EncoderPreset) -> BenchJob.Profile {
        let plugins = startup.registry.names(of: .encoderProfile).compactMap {
            try? startup.registry.plugin(named: $0, as: (any EncoderProfile).self, kind: .encoderProfile)
        }
        if let plugin = plugins.first(where: { $0.encoderName == preset.encoder }) {
            return BenchJob.Profile(preset: preset, plugin: plugin)
        }
        let known = plugins.map { "\($0.metadata.name) (\($0.encoderName))" }.joined(separator: ", ")
        return BenchJob.Profile(preset: preset, plugin: nil,
                                unsupported: "no encoder-profile plugin drives \(preset.encoder) (preset \(preset.name)); the plugins are \(known)")
    }

    /// PSNR and SSIM always, VMAF (default and phone) when its plugin is registered; the curves' series.
    private func metricChoice() throws -> ([QualityJob.Metric], QualityJob.Metric?, String) {
        let r = startup.registry
        func metric(_ name: String, _ given: [String: ParameterValue] = [:]) throws -> QualityJob.Metric? {
            guard let p = try? r.plugin(named: name, as: (any QualityMetric).self, kind: .qualityMetric) else { return nil }
            return QualityJob.Metric(plugin: p, parameters: try p.metadata.resolve(given))
        }
        var metrics = try ["psnr", "ssim"].compactMap { try metric($0) }
        var phone: QualityJob.Metric?
        if let vmaf = try metric("vmaf") {
            metrics.insert(vmaf, at: 0)
            // The vmaf plugin reports `vmaf_phone` beside `vmaf` from one computation (its `phone`
            // parameter, on by default); a second session is only for a plugin without it.
            if vmaf.plugin.metadata.parameter("phone") == nil, vmaf.plugin.metadata.parameter("phone_model") != nil {
                phone = try metric("vmaf", ["phone_model": .bool(true)])
            }
        }
        let hasVMAF = metrics.contains { $0.plugin.metadata.name == "vmaf" }
        let series: String
        switch command.metric {
        case nil: series = hasVMAF ? "vmaf" : "psnr_y"
        case "vmaf"?:
            guard hasVMAF else { throw MarqueeError.usage("--metric vmaf: no vmaf quality-metric plugin is registered; use psnr or ssim") }
            series = "vmaf"
        case "psnr"?: series = "psnr_y"
        case "ssim"?: series = "ssim_avg"
        case let other?: throw MarqueeError.usage("--metric: expected vmaf, psnr or ssim, got `\(other)`")
        }
        return (metrics, phone, series)
    }
}

enum BenchJobBuilderLists {
    static func names(_ text: String, option: String) throws -> [String] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
            throw MarqueeError.usage("\(option): expected a comma-separated list of names, got `\(text)`")
        }
        return items
    }
}
